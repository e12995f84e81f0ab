package io.hyperfusion.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Loads any saved model: reads {@code model.json}'s family and hands the directory to that family
 * ({@link ModelFamilies}). Where the class loader differs (some plug-in containers), pass the families explicitly to
 * {@link #load(Path, Map)}.
 */
public final class ModelIO {

    private ModelIO() {
    }

    /** Loads the model saved in {@code dir} with the registered families. */
    public static RegressionModel load(Path dir) throws IOException {
        return load(dir, ModelFamilies.all());
    }

    /** Loads the model saved in {@code dir} with the given families, keyed by name. */
    public static RegressionModel load(Path dir, Map<String, ModelFamily> families) throws IOException {
        ModelMetadata meta = ModelMetadata.read(dir);
        ModelFamily family = families.get(meta.family());
        if (family == null) {
            throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME) + ": model family '"
                    + meta.family() + "' has no registered loader; expected one of " + families.keySet());
        }
        return family.load(dir, meta);
    }

    /** The registered family names. */
    public static Set<String> families() {
        return ModelFamilies.all().keySet();
    }
}
