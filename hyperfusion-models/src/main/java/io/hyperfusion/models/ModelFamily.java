package io.hyperfusion.models;

import io.hyperfusion.models.options.OptionTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One model family: its name, what it is, its declared options, how to build its trainer, and how to load a model it
 * saved. The one registry of families, {@link ModelFamilies}, finds every implementation through
 * {@link java.util.ServiceLoader}; to add a family, implement this with a public no-argument constructor and add its
 * class name to {@code META-INF/services/io.hyperfusion.models.ModelFamily} in the module that holds it.
 */
public interface ModelFamily {

    /** The family name, as in configuration files and {@code model.json}, e.g. {@code lightgbm}. */
    String name();

    /** One line saying what the family is and when to choose it, for {@code train --help} and the docs. */
    String summary();

    /** The declared options, when configuration files can set any. */
    Optional<OptionTable<?>> options();

    /** Whether a configuration member may name this family ({@link #trainer} builds one). */
    default boolean isMemberFamily() {
        return true;
    }

    /**
     * A trainer with these options (the family's option names; absent ones take the defaults), seed and native
     * thread count; bad options → IllegalArgumentException naming the option and the value.
     */
    RegressionTrainer trainer(Map<String, ?> options, long seed, int threads);

    /** Loads the model saved in {@code dir}, whose {@code model.json} has already been read into {@code meta}. */
    RegressionModel load(Path dir, ModelMetadata meta) throws IOException;
}
