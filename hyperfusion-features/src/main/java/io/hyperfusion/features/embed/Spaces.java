package io.hyperfusion.features.embed;

/** The names of the embedding spaces that {@link PostEmbedder} fills and feature groups read. */
public final class Spaces {
    /** Pooled visual features of the default image encoder (MobileNetV2: 1280-d, not normalised). */
    public static final String IMAGE = "image";
    /** The image encoder's class probabilities (MobileNetV2 of nsfwjs: 5 classes). */
    public static final String NSFW = "nsfw";
    /** Cheap image statistics (size, exposure, colour, sharpness, hue histogram). */
    public static final String IMGSTATS = "imgstats";
    /** Title text embedding (MiniLM: 384-d, L2-normalised; zeros for an empty title). */
    public static final String TITLE = "title";
    /** Tags text embedding (tags joined by spaces). */
    public static final String TAGS = "tags";
    /** CLIP image embedding in the joint space (L2-normalised), when a CLIP model is given. */
    public static final String CLIP_IMAGE = "clip_image";
    /** CLIP text embedding of the title (or the tags when the title is empty), in the joint space. */
    public static final String CLIP_TEXT = "clip_text";

    private Spaces() { }
}
