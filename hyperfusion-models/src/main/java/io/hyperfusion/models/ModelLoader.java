package io.hyperfusion.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one family's saved models back; registered for {@link ModelIO} through {@link java.util.ServiceLoader}.
 *
 * <p>To add a family, implement this with a public no-argument constructor and add one line with the class
 * name to {@code META-INF/services/io.hyperfusion.models.ModelLoader} in the module that holds it.
 */
public interface ModelLoader {

    /** The family name this loader reads, matching {@code model.json}'s {@code family}. */
    String family();

    /** Loads the model saved in {@code dir}, whose {@code model.json} has already been read into {@code meta}. */
    RegressionModel load(Path dir, ModelMetadata meta) throws IOException;
}
