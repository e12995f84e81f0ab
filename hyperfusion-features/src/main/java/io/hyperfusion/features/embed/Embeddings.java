package io.hyperfusion.features.embed;

import io.hyperfusion.data.PostKey;
import java.util.Set;

/**
 * Precomputed vectors of posts by named space ({@code image}, {@code title}, {@code tags}, {@code imgstats},
 * {@code clip_image}, {@code clip_text}, ...). Feature groups read them; encoders and the embedding cache fill
 * them. Implementations are immutable and thread-safe.
 */
public interface Embeddings {

    /** The spaces present. */
    Set<String> spaces();

    /** Vector length of a space. */
    int dimension(String space);

    /** Names of a space's components (length {@link #dimension}), without a group prefix. */
    java.util.List<String> componentNames(String space);

    /** The vector of a post in a space, or null when the post has none (no image, unreadable, ...). */
    float[] get(String space, PostKey post);

    /** No spaces at all. */
    static Embeddings none() {
        return EmbeddingTable.builder().build();
    }
}
