package io.hyperfusion.features.embed;

import io.hyperfusion.features.encode.image.ImageStatistics;
import java.util.List;

/**
 * The names of the embedding spaces that encoders fill and feature groups read, in one place. Any space may be
 * missing for a post ({@link Embeddings#get} returns null) or altogether (its encoder did not run).
 */
public final class Spaces {
    /** MobileNetV2 pooled features (1280-d, not normalised). */
    public static final String IMAGE = "image";
    /** The 5 NSFW class probabilities of the same network. */
    public static final String NSFW = "nsfw";
    /** The 21 image statistics of {@link ImageStatistics}. */
    public static final String IMGSTATS = "imgstats";
    /** MiniLM sentence embedding of the title (384-d, L2-normalised; a zero vector for empty text). */
    public static final String TITLE = "title";
    /** MiniLM sentence embedding of the tags joined by spaces (as {@link #TITLE}). */
    public static final String TAGS = "tags";
    /** Optional: CLIP image embedding in the joint image-text space (L2-normalised). */
    public static final String CLIP_IMAGE = "clip_image";
    /** Optional: CLIP text embedding of the title (the tags when the title is empty) in the joint space (L2-normalised). */
    public static final String CLIP_TEXT = "clip_text";

    /** Component names of {@link #NSFW} used when the space is absent at fitting time. */
    public static final List<String> NSFW_COMPONENTS =
            List.of("nsfw_drawing", "nsfw_hentai", "nsfw_neutral", "nsfw_porn", "nsfw_sexy");

    private Spaces() { }

    /** Component names of {@link #IMGSTATS} used when the space is absent at fitting time. */
    public static List<String> imgstatsComponents() {
        return ImageStatistics.names();
    }

    /** The component names of a space: those of {@code e} when it has the space, else {@code fallback}. */
    public static List<String> componentNames(Embeddings e, String space, List<String> fallback) {
        return e.spaces().contains(space) ? e.componentNames(space) : fallback;
    }
}
