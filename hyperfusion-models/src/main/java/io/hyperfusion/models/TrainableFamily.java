package io.hyperfusion.models;

import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A family whose trainer is built from its {@link OptionTable}'s checked settings: the name and options come from the
 * table, so a family is declared in one expression ({@link ModelFamilies} lists the built-in ones).
 *
 * @param <P> the family's settings
 */
public final class TrainableFamily<P extends FamilyOptions> implements ModelFamily {

    /** Builds the family's trainer from checked settings. */
    @FunctionalInterface
    public interface TrainerFactory<P> {
        RegressionTrainer create(P settings, long seed, int threads);
    }

    /** Loads a model the family saved. */
    @FunctionalInterface
    public interface Loader {
        RegressionModel load(Path dir, ModelMetadata meta) throws IOException;
    }

    private final OptionTable<P> table;
    private final String summary;
    private final TrainerFactory<P> factory;
    private final Loader loader;

    private TrainableFamily(OptionTable<P> table, String summary, TrainerFactory<P> factory, Loader loader) {
        this.table = table;
        this.summary = summary;
        this.factory = factory;
        this.loader = loader;
    }

    /** A family named by {@code table}, described by {@code summary}. */
    public static <P extends FamilyOptions> TrainableFamily<P> of(OptionTable<P> table, String summary,
                                                                  TrainerFactory<P> factory, Loader loader) {
        return new TrainableFamily<>(table, summary, factory, loader);
    }

    @Override public String name() { return table.family(); }
    @Override public String summary() { return summary; }
    @Override public Optional<OptionTable<?>> options() { return Optional.of(table); }

    @Override
    public RegressionTrainer trainer(Map<String, ?> options, long seed, int threads) {
        return factory.create(table.parse(options), seed, threads);
    }

    @Override
    public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
        return loader.load(dir, meta);
    }

    @Override
    public String toString() {
        return name();
    }
}
