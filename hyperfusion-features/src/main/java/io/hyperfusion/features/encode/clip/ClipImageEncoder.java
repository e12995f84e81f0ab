package io.hyperfusion.features.encode.clip;

import io.hyperfusion.features.encode.ImageEncoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CLIP's image tower (Radford et al., ICML 2021) as an {@link ImageEncoder}: {@link ClipPreprocessing}, the
 * user's {@code vision.onnx}, then (by default) L2 normalisation, so that the dot product with a
 * {@link ClipTextEncoder} vector of the same model is their cosine similarity in CLIP's joint space.
 * Outputs are named {@code clip_0 .. clip_{D-1}}. Thread-safe; batches of more than {@code maxBatch} images
 * are split into several runtime calls.
 */
public final class ClipImageEncoder implements ImageEncoder {

    /** The encoder id (cache key part). */
    public static final String ID = "clip-image";
    /** Default number of images per ONNX Runtime call. */
    public static final int DEFAULT_MAX_BATCH = 16;

    private final ClipModel model;
    private final int maxBatch;
    private final List<String> outputNames;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClipImageEncoder(ClipModel model, int maxBatch) {
        if (maxBatch < 1) {
            model.release();
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.outputNames = columnNames(model.dimension());
    }

    /** Opens only the vision tower of the model folder {@code dir}; closing the encoder closes the model. */
    public static ClipImageEncoder open(Path dir, int threads) {
        ClipModel m = ClipModel.open(dir, threads, EnumSet.of(ClipModel.Tower.VISION));
        try {
            return m.imageEncoder(DEFAULT_MAX_BATCH);
        } finally {
            m.close(); // the encoder now holds the only reference
        }
    }

    static List<String> columnNames(int d) {
        List<String> names = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            names.add("clip_" + i);
        }
        return List.copyOf(names);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return model.imageVersion();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public float[][] encode(List<BufferedImage> images) {
        int size = model.config().imageSize();
        int per = 3 * size * size;
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += maxBatch) {
            int n = Math.min(maxBatch, images.size() - start);
            float[] pixels = new float[n * per];
            for (int i = 0; i < n; i++) {
                BufferedImage img = images.get(start + i);
                if (img == null) {
                    throw new IllegalArgumentException("image " + (start + i) + " of the batch is null");
                }
                ClipPreprocessing.toPixelValues(img, model.config(), pixels, i * per);
            }
            float[][] rows = model.runImages(pixels, n);
            for (int i = 0; i < n; i++) {
                out[start + i] = model.config().normalizeOutput() ? l2Normalise(rows[i]) : rows[i];
            }
        }
        return out;
    }

    /** Scales a vector to unit L2 norm in place (a zero vector stays zero) and returns it. */
    static float[] l2Normalise(float[] v) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        if (sq > 0) {
            double inv = 1.0 / Math.sqrt(sq);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] * inv);
            }
        }
        return v;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.release();
        }
    }
}
