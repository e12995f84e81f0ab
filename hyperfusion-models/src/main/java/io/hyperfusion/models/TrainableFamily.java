package io.hyperfusion.models;

import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionTable;
import java.util.Map;
import java.util.Optional;

/**
 * A family whose trainer is built from its {@link OptionTable}'s settings: name and options come from the table, so a
 * family class says only what it is, how its trainer is made and how its models load.
 *
 * @param <P> the family's settings
 */
public abstract class TrainableFamily<P extends FamilyOptions> implements ModelFamily {

    /** Builds the family's trainer from checked settings. */
    @FunctionalInterface
    protected interface TrainerFactory<P> {
        RegressionTrainer create(P settings, long seed, int threads);
    }

    private final OptionTable<P> table;
    private final String summary;
    private final TrainerFactory<P> factory;

    protected TrainableFamily(OptionTable<P> table, String summary, TrainerFactory<P> factory) {
        this.table = table;
        this.summary = summary;
        this.factory = factory;
    }

    @Override
    public final String name() {
        return table.family();
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final Optional<OptionTable<?>> options() {
        return Optional.of(table);
    }

    @Override
    public final RegressionTrainer trainer(Map<String, ?> options, long seed, int threads) {
        return factory.create(table.parse(options), seed, threads);
    }

    @Override
    public String toString() {
        return name();
    }
}
