package io.hyperfusion.models;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted regression model: a fixed {@link FeatureSchema}, a thread-safe {@link #predict} and the
 * {@link Provenance} of how it was made; after Tribuo's {@code Model}.
 *
 * <p>Models that wrap native memory release it in {@link #close()} (and, as a safety net, when they become
 * unreachable); using a closed model throws {@link IllegalStateException}.
 */
public interface RegressionModel extends AutoCloseable {

    /** The columns the model was trained on, in order. */
    FeatureSchema schema();

    /**
     * One prediction per row of {@code x}.
     *
     * @throws IllegalArgumentException when {@code x}'s schema differs from {@link #schema()}
     */
    double[] predict(FeatureMatrix x);

    /** How the model was made. */
    Provenance provenance();

    /** The family name, as written to {@code model.json}. */
    default String family() {
        return provenance().family();
    }

    /**
     * Writes the model's files into {@code dir} (created if absent), including {@code model.json} with its
     * family, so that {@link ModelIO#load(Path)} can read it back.
     */
    void save(Path dir) throws IOException;

    /** Whether {@link #contributions} is supported. */
    default boolean hasContributions() {
        return false;
    }

    /**
     * Per-row additive explanations: {@code [rows][features + 1]}, one value per column of the schema and the
     * bias last; each row sums to the row's prediction.
     *
     * @throws UnsupportedOperationException when {@link #hasContributions()} is false
     */
    default double[][] contributions(FeatureMatrix x) {
        throw new UnsupportedOperationException("model family " + family() + " has no feature contributions");
    }

    /** Releases native resources; idempotent. The default holds none. */
    @Override
    default void close() {
    }
}
