package io.hyperfusion.models.linear;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.djl.TabularEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted ridge regressor: its input encoder, the encoded columns' training means, coefficients and the weighted
 * training mean of the target ({@code prediction = mean + Σ coef·(slot − slotMean)}). Its contributions are exact:
 * each column's share is the sum over its encoded slots, the bias the target mean. Saved entirely in
 * {@code model.json}; immutable and thread-safe.
 */
public final class RidgeModel implements RegressionModel {
    private final FeatureSchema schema;
    private final Provenance provenance;
    private final TabularEncoder encoder;
    private final double[] slotMean;
    private final double[] coef;
    private final double intercept;
    private final int[] slotColumn;
    private volatile boolean closed;

    RidgeModel(FeatureSchema schema, Provenance provenance, TabularEncoder encoder, double[] slotMean, double[] coef,
               double intercept) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.encoder = encoder;
        if (slotMean.length != encoder.width() || coef.length != encoder.width()) {
            throw new IllegalArgumentException("ridge: expected " + encoder.width() + " slot means and coefficients, got "
                    + slotMean.length + " and " + coef.length);
        }
        for (double[] a : List.of(slotMean, coef)) {
            for (double d : a) {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("ridge: coefficients and slot means must be finite, got " + d);
                }
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("ridge: intercept must be finite, got " + intercept);
        }
        this.slotMean = slotMean.clone();
        this.coef = coef.clone();
        this.intercept = intercept;
        this.slotColumn = encoder.slotColumns();
    }

    @Override public FeatureSchema schema() { return schema; }
    @Override public Provenance provenance() { return provenance; }

    /** The coefficient of each encoded slot (a copy). */
    public double[] coefficients() { return coef.clone(); }

    @Override
    public double[] predict(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        requireOpen();
        schema.requireSame(x.schema(), "predict");
        int p = coef.length;
        float[] e = encoder.encode(x);
        double[] out = new double[x.rows()];
        for (int r = 0; r < out.length; r++) {
            double s = intercept;
            for (int j = 0; j < p; j++) {
                s += coef[j] * (e[r * p + j] - slotMean[j]);
            }
            out[r] = s;
        }
        return out;
    }

    @Override
    public boolean hasContributions() {
        return true;
    }

    @Override
    public double[][] contributions(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        requireOpen();
        schema.requireSame(x.schema(), "contributions");
        int p = coef.length;
        int cols = schema.size();
        float[] e = encoder.encode(x);
        double[][] out = new double[x.rows()][cols + 1];
        for (int r = 0; r < out.length; r++) {
            for (int j = 0; j < p; j++) {
                out[r][slotColumn[j]] += coef[j] * (e[r * p + j] - slotMean[j]);
            }
            out[r][cols] = intercept;
        }
        return out;
    }

    /** Marks the model closed (it holds no native memory); predicting afterwards is an error, saving is not. */
    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("ridge model is closed");
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        ModelMetadata.of(RidgeTrainer.FAMILY, schema, provenance, Map.of("encoder", encoder.toMap(),
                "slotMeans", boxed(slotMean), "coefficients", boxed(coef), "intercept", intercept)).write(dir);
    }

    /** Loads a model saved by {@link #save} whose {@code model.json} was read into {@code meta}. */
    public static RidgeModel load(Path dir, ModelMetadata meta) {
        String where = dir.resolve(ModelMetadata.FILE_NAME).toString();
        if (!(meta.properties().get("encoder") instanceof Map<?, ?> enc)) {
            throw new IllegalArgumentException(where + ": expected an 'encoder' object");
        }
        if (!(meta.properties().get("intercept") instanceof Number b)) {
            throw new IllegalArgumentException(where + ": expected a number 'intercept', got "
                    + meta.properties().get("intercept"));
        }
        try {
            return new RidgeModel(meta.schema(), meta.provenance(), TabularEncoder.fromMap(enc, meta.schema()),
                    doubles(meta.properties().get("slotMeans"), where, "slotMeans"),
                    doubles(meta.properties().get("coefficients"), where, "coefficients"), b.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<Double> boxed(double[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    private static double[] doubles(Object o, String where, String key) {
        if (!(o instanceof List<?> l) || !l.stream().allMatch(v -> v instanceof Number)) {
            throw new IllegalArgumentException(where + ": expected a list of numbers '" + key + "'");
        }
        return l.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    @Override
    public String toString() {
        return "RidgeModel[" + schema.size() + " features, " + coef.length + " encoded slots, alpha "
                + provenance.extra().getOrDefault("alpha", "?") + "]";
    }
}
