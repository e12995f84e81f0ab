package io.hyperfusion.features.encode;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns decoded images into fixed-length vectors. Implementations are safe to call from many threads and
 * hold their native sessions until {@link #close()}.
 */
public interface ImageEncoder extends AutoCloseable {

    /** A stable id, e.g. {@code mobilenetv2-nsfwjs}; part of the embedding cache key. */
    String id();

    /** The version of weights and preprocessing; a change invalidates cached rows of this encoder. */
    String version();

    /** Length of each output vector. */
    int dimension();

    /** Names of the output columns (length {@link #dimension()}), without a group prefix. */
    List<String> outputNames();

    /** Encodes a batch; element i of the result belongs to image i. */
    float[][] encode(List<BufferedImage> images);

    @Override
    void close();
}
