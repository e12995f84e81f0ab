package io.hyperfusion.models;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The one registry of model families: every {@link ModelFamily} on the class path, found once with
 * {@link ServiceLoader} on this class's class loader and kept in an immutable map. Configuration members
 * ({@link #trainer}) and saved models ({@link ModelIO#load}) both resolve their family here.
 */
public final class ModelFamilies {

    private ModelFamilies() {
    }

    /** Every registered family, by name (immutable, sorted). */
    public static Map<String, ModelFamily> all() {
        return Registry.FAMILIES;
    }

    /** The families a configuration member may name, sorted by name. */
    public static List<ModelFamily> memberFamilies() {
        return Registry.FAMILIES.values().stream().filter(ModelFamily::isMemberFamily).toList();
    }

    /** The family of that name, or IllegalArgumentException listing the member families. */
    public static ModelFamily get(String name) {
        ModelFamily f = Registry.FAMILIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown model family '" + name + "'; known: "
                    + memberFamilies().stream().map(ModelFamily::name).toList());
        }
        return f;
    }

    /** A trainer of {@code family} with {@code options} (the family's option names), seed and thread count. */
    public static RegressionTrainer trainer(String family, Map<String, ?> options, long seed, int threads) {
        ModelFamily f = get(family);
        if (!f.isMemberFamily()) {
            throw new IllegalArgumentException("model family '" + family + "' cannot be a configuration member; "
                    + "known: " + memberFamilies().stream().map(ModelFamily::name).toList());
        }
        return f.trainer(options, seed, threads);
    }

    /** Builds an immutable name → family map; two families of one name → IllegalArgumentException. */
    public static Map<String, ModelFamily> registryOf(Iterable<? extends ModelFamily> families) {
        TreeMap<String, ModelFamily> map = new TreeMap<>();
        for (ModelFamily f : families) {
            ModelFamily old = map.put(f.name(), f);
            if (old != null) {
                throw new IllegalArgumentException("two model families named '" + f.name() + "': "
                        + old.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Lazy holder: the service scan runs on first use, once, thread-safely (class initialisation). */
    private static final class Registry {
        static final Map<String, ModelFamily> FAMILIES =
                registryOf(ServiceLoader.load(ModelFamily.class, ModelFamilies.class.getClassLoader()));
    }
}
