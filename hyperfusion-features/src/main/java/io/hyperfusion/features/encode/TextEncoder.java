package io.hyperfusion.features.encode;

import java.util.List;

/**
 * Turns texts into fixed-length vectors. Implementations are safe to call from many threads and hold their
 * native sessions until {@link #close()}.
 */
public interface TextEncoder extends AutoCloseable {

    /** A stable id, e.g. {@code all-minilm-l6-v2-q}; part of the embedding cache key. */
    String id();

    /** The version of weights, tokenizer and pooling; a change invalidates cached rows of this encoder. */
    String version();

    /** Length of each output vector. */
    int dimension();

    /** Encodes a batch (padded internally); an empty text gets a vector of zeros. */
    float[][] encode(List<String> texts);

    /**
     * Whether a text's vector is the same whatever other texts are encoded with it: only then may a caller cache
     * vectors per text and get exactly what an uncached call would give. False unless an encoder knows better.
     */
    default boolean batchIndependent() {
        return false;
    }

    @Override
    void close();
}
