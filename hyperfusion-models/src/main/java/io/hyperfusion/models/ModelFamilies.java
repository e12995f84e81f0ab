package io.hyperfusion.models;

import io.hyperfusion.models.catboost.CatBoostFoldsTrainer;
import io.hyperfusion.models.catboost.CatBoostImportedModel;
import io.hyperfusion.models.catboost.CatBoostOptions;
import io.hyperfusion.models.djl.mlp.MlpModel;
import io.hyperfusion.models.djl.mlp.MlpParams;
import io.hyperfusion.models.djl.mlp.MlpTrainer;
import io.hyperfusion.models.djl.tabnet.TabNetModel;
import io.hyperfusion.models.djl.tabnet.TabNetParams;
import io.hyperfusion.models.djl.tabnet.TabNetTrainer;
import io.hyperfusion.models.lightgbm.LightGbmModel;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import io.hyperfusion.models.linear.RidgeModel;
import io.hyperfusion.models.linear.RidgeParams;
import io.hyperfusion.models.linear.RidgeTrainer;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The one registry of model families: the built-in ones listed in {@link #BUILT_IN}, plus those other modules register
 * in {@code META-INF/services/io.hyperfusion.models.ModelFamily} (the ensemble's {@code hierarchy}), found once with
 * {@link ServiceLoader} on this class's class loader; kept in an immutable map. Configuration members
 * ({@link #trainer}) and saved models ({@link ModelIO#load}) both resolve their family here.
 */
public final class ModelFamilies {

    /** The families this module defines. To add one: its options table, trainer and loader, one entry here. */
    public static final List<ModelFamily> BUILT_IN = List.of(
            TrainableFamily.of(LightGbmParams.OPTIONS, "LightGBM gradient-boosted trees: fast, strong on tabular "
                    + "features, TreeSHAP explanations; the default experts and a fusion member", LightGbmTrainer::new,
                    (dir, meta) -> LightGbmModel.load(dir, meta, threads(meta))),
            TrainableFamily.of(XgbParams.OPTIONS, "XGBoost gradient-boosted trees (depth-wise, histogram): a second "
                    + "boosted view with other errors than LightGBM's; TreeSHAP explanations; a default fusion member",
                    XgbTrainer::new, (dir, meta) -> XgbModel.load(dir, meta, threads(meta))),
            TrainableFamily.of(MlpParams.OPTIONS, "feed-forward network (DJL on PyTorch) with a learned author "
                    + "embedding (`key_column`): sees authors as identities; a default fusion member, no explanations",
                    MlpTrainer::new, MlpModel::load),
            TrainableFamily.of(TabNetParams.OPTIONS, "TabNet (DJL on PyTorch), attention over features: about 10x "
                    + "slower than the boosted trees on CPU for lower accuracy here, so not in the default ensemble",
                    TabNetTrainer::new, TabNetModel::load),
            TrainableFamily.of(CatBoostOptions.OPTIONS, "CatBoost trained in Python on tables export-features writes, "
                    + "one model per fold and one on all rows (docs/CATBOOST.md); no explanations",
                    CatBoostFoldsTrainer::new, CatBoostImportedModel::load),
            TrainableFamily.of(RidgeParams.OPTIONS, "ridge regression on rank-gauss "
                    + "scaled, one-hot encoded features, penalty chosen by generalised cross-validation: a smooth, "
                    + "linear view with other errors than the trees; exact contributions; seconds to fit",
                    RidgeTrainer::new, RidgeModel::load),
            new AveragedModel.Family());

    private ModelFamilies() {
    }

    /** A loaded model predicts with the thread count it was trained with. */
    private static int threads(ModelMetadata meta) {
        return Math.max(1, meta.provenance().threads());
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
                registryOf(java.util.stream.Stream.concat(BUILT_IN.stream(),
                        ServiceLoader.load(ModelFamily.class, ModelFamilies.class.getClassLoader()).stream()
                                .map(ServiceLoader.Provider::get)).toList());
    }
}
