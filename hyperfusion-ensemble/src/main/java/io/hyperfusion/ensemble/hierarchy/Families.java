package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.djl.mlp.MlpParams;
import io.hyperfusion.models.djl.mlp.MlpTrainer;
import io.hyperfusion.models.djl.tabnet.TabNetParams;
import io.hyperfusion.models.djl.tabnet.TabNetTrainer;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model families by name, for configuration files: each builds a trainer from native option names, a seed and
 * a thread count. Adding a family is one entry here.
 */
public final class Families {

    /** Builds a trainer of one family. */
    @FunctionalInterface
    public interface Factory {
        RegressionTrainer create(Map<String, Object> options, long seed, int threads);
    }

    private static final Map<String, Factory> FACTORIES;

    static {
        Map<String, Factory> m = new TreeMap<>();
        m.put(LightGbmTrainer.FAMILY, (o, seed, t) -> new LightGbmTrainer(LightGbmParams.fromOptions(o).build(), seed, t));
        m.put(XgbTrainer.FAMILY, (o, seed, t) -> new XgbTrainer(XgbParams.fromOptions(o).build(), seed, t));
        m.put(TabNetTrainer.FAMILY, (o, seed, t) -> new TabNetTrainer(TabNetParams.fromOptions(o).build(), seed, t));
        m.put(MlpTrainer.FAMILY, (o, seed, t) -> new MlpTrainer(MlpParams.fromOptions(o).build(), seed, t));
        FACTORIES = java.util.Collections.unmodifiableMap(m);
    }

    private Families() { }

    /** The known family names. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** A trainer of {@code family} with {@code options}. */
    public static RegressionTrainer trainer(String family, Map<String, Object> options, long seed, int threads) {
        Factory f = FACTORIES.get(family);
        if (f == null) {
            throw new IllegalArgumentException("unknown model family '" + family + "'; known: " + names());
        }
        return f.create(options, seed, threads);
    }
}
