package io.hyperfusion.features.encode.clip;

import io.hyperfusion.features.encode.TextEncoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * CLIP's text tower (Radford et al., ICML 2021) as a {@link TextEncoder}: {@link ClipTokenizer} (padded to
 * the context length, with attention mask when the model takes one), the user's {@code text.onnx}, then (by
 * default) L2 normalisation, so that the dot product with a {@link ClipImageEncoder} vector of the same
 * model is their cosine similarity. A text that is empty after cleaning gets a vector of zeros, as the
 * {@link TextEncoder} contract asks. Thread-safe; batches larger than {@code maxBatch} are split.
 */
public final class ClipTextEncoder implements TextEncoder {

    /** The encoder id (cache key part). */
    public static final String ID = "clip-text";
    /** Default number of texts per ONNX Runtime call. */
    public static final int DEFAULT_MAX_BATCH = 32;

    private final ClipModel model;
    private final int maxBatch;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClipTextEncoder(ClipModel model, int maxBatch) {
        if (maxBatch < 1) {
            model.release();
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.model = model;
        this.maxBatch = maxBatch;
    }

    /** Opens only the text tower of the model folder {@code dir}; closing the encoder closes the model. */
    public static ClipTextEncoder open(Path dir, int threads) {
        ClipModel m = ClipModel.open(dir, threads, EnumSet.of(ClipModel.Tower.TEXT));
        try {
            return m.textEncoder(DEFAULT_MAX_BATCH);
        } finally {
            m.close(); // the encoder now holds the only reference
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return model.textVersion();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    /** Output column names {@code clip_0 .. clip_{D-1}}. */
    public List<String> outputNames() {
        return ClipImageEncoder.columnNames(model.dimension());
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> pending = new ArrayList<>(maxBatch);
        List<Integer> rows = new ArrayList<>(maxBatch);
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (t == null) {
                throw new IllegalArgumentException("text " + i + " of the batch is null");
            }
            if (ClipTokenizer.clean(t).isEmpty()) {
                out[i] = new float[model.dimension()];
                continue;
            }
            pending.add(t);
            rows.add(i);
            if (pending.size() == maxBatch) {
                flush(pending, rows, out);
            }
        }
        flush(pending, rows, out);
        return out;
    }

    private void flush(List<String> pending, List<Integer> rows, float[][] out) {
        if (pending.isEmpty()) {
            return;
        }
        float[][] emb = model.runTokens(model.tokenizer().encodeBatch(pending));
        for (int i = 0; i < emb.length; i++) {
            out[rows.get(i)] = model.config().normalizeOutput() ? ClipImageEncoder.l2Normalise(emb[i]) : emb[i];
        }
        pending.clear();
        rows.clear();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.release();
        }
    }
}
