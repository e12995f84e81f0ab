package io.hyperfusion.models;

import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionSpec;
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
    private final TrainableFamily.TrainerFactory<P> self;
    private final OptionSpec<Integer> earlyStopping;

    /**
     * @param self          makes a trainer of this class (for {@link #withSeed})
     * @param earlyStopping the option that switches early stopping on when above 0 ({@link #stopsEarly}); null for a
     *                      family that never stops early (it is then never given a validation set)
     */
    protected FamilyTrainer(String family, P params, long seed, int threads, TrainableFamily.TrainerFactory<P> self,
                            OptionSpec<Integer> earlyStopping) {
        this.family = family;
        this.self = self;
        this.earlyStopping = earlyStopping;
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

    /** Whether the early-stopping option is above 0; the trainer then uses a validation set when given one. */
    @Override
    public final boolean stopsEarly() {
        return earlyStopping != null && params.value(earlyStopping) > 0;
    }

    /** A trainer with the same settings and thread count and another seed. */
    @Override
    public final RegressionTrainer withSeed(long newSeed) {
        return self.create(params, newSeed, threads);
    }

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
