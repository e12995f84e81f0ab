package io.hyperfusion.spark;

import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.synth.SyntheticWorld;
import io.hyperfusion.data.synth.WorldSpec;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated SMPD-Image world, its data set and its hidden test labels, shared by the Spark tests and benchmarks;
 * {@link #train} fits a single-machine bundle on it with {@link PopularityTrainer}, as the {@code train} command does.
 *
 * @param dir     the world's folder
 * @param data    the world read with the SMPD-Image reader
 * @param hidden  the test posts' true labels, by "uid/pid"
 */
record TestWorld(Path dir, PostDataset data, Map<String, Double> hidden) {

    /** Generates a world of {@code posts} posts under {@code root}. */
    static TestWorld generate(Path root, int posts, long seed) {
        Path dir = root.resolve("world");
        SyntheticWorld.generate(new WorldSpec(posts, Math.max(4, posts / 8), seed, WorldSpec.DEFAULT_TEST_FRACTION, 2), dir);
        PostDataset ds = Readers.forFormat(DataFormat.SMPD_IMAGE).read(dir, ReadOptions.strict());
        return new TestWorld(dir, ds, hidden(dir.resolve("hidden/test_labels.csv")));
    }

    /** Trains a bundle into {@code bundle} on one machine, with {@code ctx}'s embeddings made by {@code encoders}. */
    Path train(Path bundle, HierarchyConfig cfg, FeatureContext ctx, Map<String, String> encoders) {
        PopularityTrainer.Outcome o = new PopularityTrainer(cfg).train(data, ctx, encoders, s -> { });
        PopularityBundle.save(bundle, o.model(), cfg, o.report(), o.pseudoLabels(), List.of());
        o.model().close();
        return bundle;
    }

    /**
     * A small configuration shaped like the default: every feature group (the image and text groups read embeddings),
     * experts per modality and fusion members that stop early on the latest rows of their own fits, a seed-averaged
     * LightGBM, XGBoost and an MLP with an author embedding, the non-negative blend, a refit that keeps it; 2 folds.
     */
    static HierarchyConfig config(long seed) {
        Map<String, Object> lgbm = new LinkedHashMap<>();
        lgbm.put("num_iterations", 300);
        lgbm.put("early_stopping_rounds", 20);
        lgbm.put("learning_rate", 0.1);
        lgbm.put("num_leaves", 15);
        lgbm.put("min_data_in_leaf", 10);
        lgbm.put("bagging_fraction", 0.8);
        lgbm.put("bagging_freq", 1);
        List<MemberSpec> t1 = List.of(new MemberSpec("visual", "lightgbm", List.of("image", "cluster"), lgbm),
                new MemberSpec("user", "lightgbm", List.of("user", "history", "trend"), lgbm));
        Map<String, Object> fusionLgbm = new LinkedHashMap<>(lgbm);
        fusionLgbm.put("seeds", 2);
        Map<String, Object> xgb = Map.of("num_round", 300, "early_stopping_rounds", 20, "eta", 0.1, "max_depth", 4,
                "subsample", 0.8);
        Map<String, Object> mlp = Map.of("key_column", "user#author_code", "hidden", List.of(16), "max_epochs", 10);
        List<MemberSpec> t2 = List.of(new MemberSpec("fusion_lgbm", "lightgbm", List.of(), fusionLgbm),
                new MemberSpec("fusion_xgb", "xgboost", List.of(), xgb),
                new MemberSpec("fusion_mlp", "mlp", List.of(), mlp));
        return new HierarchyConfig("all", 2, "user", 0.15, t1, t2, 1e-3, PseudoLabelSpec.off(), true, seed, 1, "nnls",
                HierarchyConfig.DEFAULT_EARLY_STOPPING, Map.of(), "reuse");
    }

    private static Map<String, Double> hidden(Path csv) {
        try {
            Map<String, Double> m = new HashMap<>();
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                m.put(f[0] + "/" + f[1], Double.parseDouble(f[2]));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
