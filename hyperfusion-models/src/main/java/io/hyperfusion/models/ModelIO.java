package io.hyperfusion.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads any saved model: reads {@code model.json}'s family and hands the directory to that family's
 * {@link ModelLoader}.
 *
 * <p>Loaders are discovered once, with {@link ServiceLoader} on this class's class loader, into an immutable
 * registry; adding a family is one line in {@code META-INF/services/io.hyperfusion.models.ModelLoader}. Where
 * the class loader differs (some plug-in containers), pass loaders explicitly to {@link #load(Path, Map)}.
 */
public final class ModelIO {

    private ModelIO() {
    }

    /** Loads the model saved in {@code dir} with the registered loaders. */
    public static RegressionModel load(Path dir) throws IOException {
        return load(dir, Registry.LOADERS);
    }

    /** Loads the model saved in {@code dir} with the given loaders, keyed by family. */
    public static RegressionModel load(Path dir, Map<String, ModelLoader> loaders) throws IOException {
        ModelMetadata meta = ModelMetadata.read(dir);
        ModelLoader loader = loaders.get(meta.family());
        if (loader == null) {
            throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME) + ": model family '"
                    + meta.family() + "' has no registered loader; expected one of " + loaders.keySet());
        }
        return loader.load(dir, meta);
    }

    /** The registered loaders, keyed by family (immutable). */
    public static Map<String, ModelLoader> loaders() {
        return Registry.LOADERS;
    }

    /** The registered family names. */
    public static Set<String> families() {
        return Registry.LOADERS.keySet();
    }

    /** Builds an immutable family → loader map; two loaders for one family → IllegalArgumentException. */
    public static Map<String, ModelLoader> registryOf(Iterable<? extends ModelLoader> loaders) {
        TreeMap<String, ModelLoader> map = new TreeMap<>();
        for (ModelLoader l : loaders) {
            ModelLoader old = map.put(l.family(), l);
            if (old != null) {
                throw new IllegalArgumentException("two loaders for model family '" + l.family() + "': "
                        + old.getClass().getName() + " and " + l.getClass().getName());
            }
        }
        return Map.copyOf(map);
    }

    /** Lazy holder: the service scan runs on first use, once, thread-safely (class initialisation). */
    private static final class Registry {
        static final Map<String, ModelLoader> LOADERS =
                registryOf(ServiceLoader.load(ModelLoader.class, ModelIO.class.getClassLoader()));
    }
}
