package io.hyperfusion.models;

import java.util.Map;

/**
 * Fits one family of regression model; after Tribuo's {@code Trainer}.
 *
 * <p>A trainer holds configuration, a seed and a thread count, never fitted state, so one instance may train
 * many models, from many threads. {@link #withSeed(long)} is scikit-learn's "clone": a fresh trainer with the
 * same settings and another seed.
 */
public interface RegressionTrainer {

    /** Fits a model; bad input → IllegalArgumentException. */
    RegressionModel train(TrainingData data);

    /** The family name, the key under which {@link ModelIO} finds the loader, e.g. {@code lightgbm}. */
    String family();

    /** The settings, as recorded in {@link Provenance#options()}. */
    Map<String, Object> options();

    /** The seed handed to the fitting library. */
    long seed();

    /** The native thread count used for training. */
    int threads();

    /** A trainer with the same settings and another seed. */
    RegressionTrainer withSeed(long seed);

    /**
     * Whether this trainer stops early on a validation set ({@link TrainingData#validX()}) when given one; a caller
     * such as the ensemble then holds out some training rows for it. False by default.
     */
    default boolean stopsEarly() {
        return false;
    }
}
