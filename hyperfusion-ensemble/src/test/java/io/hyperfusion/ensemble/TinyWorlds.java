package io.hyperfusion.ensemble;

import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.synth.SyntheticWorld;
import io.hyperfusion.data.synth.WorldSpec;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small generated data sets and fast configurations shared by the ensemble tests. */
public final class TinyWorlds {
    private TinyWorlds() { }

    /** Generates a synthetic SMPD-Image world into {@code dir} and reads it back. */
    public static PostDataset world(Path dir, int posts, int users, long seed) {
        SyntheticWorld.generate(new WorldSpec(posts, users, seed, 0.2, 2), dir);
        return Readers.forFormat(DataFormat.SMPD_IMAGE).read(dir, ReadOptions.defaults());
    }

    /**
     * A fast hierarchy: two small LightGBM experts (temporal/metadata, user), LightGBM and XGBoost fusion, 3 folds,
     * non-embedding features only.
     */
    public static HierarchyConfig fastConfig(int pseudoRounds, long seed) {
        Map<String, Object> lgb = Map.of("num_iterations", 40, "learning_rate", 0.1, "num_leaves", 15,
                "min_data_in_leaf", 10);
        Map<String, Object> xgb = Map.of("num_round", 40, "eta", 0.1, "max_depth", 4);
        List<MemberSpec> t1 = List.of(new MemberSpec("temporal", "lightgbm", List.of("time", "meta"), lgb),
                new MemberSpec("user", "lightgbm", List.of("user", "history"), lgb));
        List<MemberSpec> t2 = List.of(new MemberSpec("fusion_lgbm", "lightgbm", List.of(), lgb),
                new MemberSpec("fusion_xgb", "xgboost", List.of(), xgb));
        return new HierarchyConfig("meta,time,text,user,history", 3, "user", 0.15, t1, t2, 1e-3,
                new PseudoLabelSpec(pseudoRounds, 0.3, 0.5, 0.0), false, seed, 1);
    }
}
