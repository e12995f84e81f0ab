package io.hyperfusion.models;

import io.hyperfusion.features.FeatureMatrix;
import java.util.Objects;

/**
 * What a {@link RegressionTrainer} fits on: a feature matrix, its targets, optional per-row weights and an
 * optional validation set (for early stopping).
 *
 * <p>Checked once, here: the input must be non-empty, lengths must agree, labels must be finite, weights
 * finite and non-negative, and the validation matrix must have the training schema. Arrays are copied in and
 * out, so an instance is immutable and can be shared between threads.
 *
 * @param x       training features
 * @param y       training targets, one per row of {@code x}
 * @param weights per-row weights, or null for all 1
 * @param validX  validation features, or null
 * @param validY  validation targets (given exactly when {@code validX} is)
 */
public record TrainingData(FeatureMatrix x, double[] y, double[] weights, FeatureMatrix validX, double[] validY) {

    public TrainingData {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.rows() == 0) {
            throw new IllegalArgumentException("training data is empty: expected at least 1 row, got 0");
        }
        if (x.cols() == 0) {
            throw new IllegalArgumentException("training data has no feature columns: expected at least 1, got 0");
        }
        requireLength("y", y, x.rows());
        requireFinite("y", y);
        if (weights != null) {
            requireLength("weights", weights, x.rows());
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                    throw new IllegalArgumentException("weights[" + i + "]: expected a finite value >= 0, got "
                            + weights[i]);
                }
            }
            weights = weights.clone();
        }
        if ((validX == null) != (validY == null)) {
            throw new IllegalArgumentException("validX and validY must be given together, got validX "
                    + (validX == null ? "null" : "present") + " and validY " + (validY == null ? "null" : "present"));
        }
        if (validX != null) {
            x.schema().requireSame(validX.schema(), "validation data");
            if (validX.rows() == 0) {
                throw new IllegalArgumentException("validation data is empty: expected at least 1 row, got 0");
            }
            requireLength("validY", validY, validX.rows());
            requireFinite("validY", validY);
            validY = validY.clone();
        }
        y = y.clone();
    }

    /** Training data without weights or validation set. */
    public static TrainingData of(FeatureMatrix x, double[] y) {
        return new TrainingData(x, y, null, null, null);
    }

    /** A copy with a validation set for early stopping. */
    public TrainingData withValidation(FeatureMatrix vx, double[] vy) {
        return new TrainingData(x, y, weights, vx, vy);
    }

    /** A copy with per-row weights (null = all 1). */
    public TrainingData withWeights(double[] w) {
        return new TrainingData(x, y, w, validX, validY);
    }

    /** A copy of the targets. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** A copy of the weights, or null when all rows weigh 1. */
    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** A copy of the validation targets, or null. */
    @Override
    public double[] validY() {
        return validY == null ? null : validY.clone();
    }

    public boolean hasValidation() {
        return validX != null;
    }

    public int rows() {
        return x.rows();
    }

    /**
     * The SHA-256 (hex) of the training part: column names and categorical columns, every value (as its double bits,
     * NaN as one value), the targets and the weights, in row order. Two fits see the same rows exactly when their
     * fingerprints agree; a model trained elsewhere on exported rows is matched to its fit by it
     * ({@link io.hyperfusion.models.catboost.CatBoostFoldsTrainer}).
     */
    public String fingerprint() {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        md.update((x.schema().names() + "|" + java.util.Arrays.toString(x.schema().categoricalColumns()) + "|"
                + x.rows()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
        java.util.function.DoubleConsumer add = v -> {
            buf.clear();
            buf.putLong(Double.doubleToLongBits(v));
            md.update(buf.array());
        };
        for (double v : x.values()) {
            add.accept(v);
        }
        for (double v : y) {
            add.accept(v);
        }
        if (weights != null) {
            for (double v : weights) {
                add.accept(v);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void requireLength(String what, double[] a, int expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + ": expected " + expected + " values (one per row), got "
                    + a.length);
        }
    }

    private static void requireFinite(String what, double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(what + "[" + i + "]: expected a finite label, got " + a[i]);
            }
        }
    }
}
