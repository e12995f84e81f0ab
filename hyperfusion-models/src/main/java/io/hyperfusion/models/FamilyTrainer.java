package io.hyperfusion.models;

import io.hyperfusion.models.options.FamilyOptions;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The common half of a family's trainer: its checked settings, seed and native thread count (Tribuo's rule: a trainer
 * holds configuration, never fitted state), and the provenance of what it fits.
 *
 * @param <P> the family's settings
 */
public abstract class FamilyTrainer<P extends FamilyOptions> implements RegressionTrainer {
    private final String family;
    private final P params;
    private final long seed;
    private final int threads;

    protected FamilyTrainer(String family, P params, long seed, int threads) {
        this.family = family;
        this.params = Objects.requireNonNull(params, "params");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        this.seed = seed;
        this.threads = threads;
    }

    /** The settings. */
    public final P params() { return params; }

    @Override public final String family() { return family; }
    @Override public final Map<String, Object> options() { return params.toOptions(); }
    @Override public final long seed() { return seed; }
    @Override public final int threads() { return threads; }

    /** The provenance of a model fitted on {@code data} since {@code startNanos} ({@link System#nanoTime()}). */
    protected final Provenance provenance(String library, String libraryVersion, TrainingData data, long startNanos,
                                          Map<String, String> extra) {
        return new Provenance(family, options(), library, libraryVersion, System.getProperty("java.version"),
                data.rows(), data.x().cols(), seed, threads, (System.nanoTime() - startNanos) / 1_000_000,
                Instant.now(), extra);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + options() + " seed=" + seed + " threads=" + threads;
    }
}
