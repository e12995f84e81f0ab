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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated SMPD-Image world, its data set, and a small model bundle trained on it with
 * {@link PopularityTrainer} (no encoders: 2 folds, no pseudo-labels, LightGBM experts and an XGBoost
 * fusion member of 60 rounds), shared by the Spark tests and the benchmark.
 *
 * @param dir     the world's folder
 * @param data    the world read with the SMPD-Image reader
 * @param bundle  the trained bundle's folder
 * @param hidden  the test posts' true labels, by "uid/pid"
 */
record TestWorld(Path dir, PostDataset data, Path bundle, Map<String, Double> hidden) {

    /** Generates a world of {@code posts} posts under {@code root} and trains its bundle. */
    static TestWorld create(Path root, int posts, long seed) {
        Path dir = root.resolve("world");
        SyntheticWorld.generate(new WorldSpec(posts, Math.max(4, posts / 8), seed, WorldSpec.DEFAULT_TEST_FRACTION, 2), dir);
        PostDataset ds = Readers.forFormat(DataFormat.SMPD_IMAGE).read(dir, ReadOptions.strict());
        HierarchyConfig cfg = config(seed);
        PopularityTrainer.Outcome o = new PopularityTrainer(cfg).train(ds, s -> { });
        Path bundle = root.resolve("bundle");
        PopularityBundle.save(bundle, o.model(), cfg, o.report(), o.pseudoLabels(), List.of());
        o.model().close();
        return new TestWorld(dir, ds, bundle, hidden(dir.resolve("hidden/test_labels.csv")));
    }

    static HierarchyConfig config(long seed) {
        Map<String, Object> lgbm = Map.of("num_iterations", 60, "learning_rate", 0.1, "num_leaves", 15,
                "min_data_in_leaf", 10);
        Map<String, Object> xgb = Map.of("num_round", 60, "eta", 0.1, "max_depth", 4);
        List<MemberSpec> t1 = List.of(new MemberSpec("temporal", "lightgbm", List.of("time", "meta"), lgbm),
                new MemberSpec("user", "lightgbm", List.of("user", "history"), lgbm));
        // An MLP member too, as in the default configuration: scoring on executors then runs DJL/PyTorch there.
        Map<String, Object> mlp = Map.of("key_column", "user#author_code", "hidden", List.of(16), "max_epochs", 10);
        List<MemberSpec> t2 = List.of(new MemberSpec("fusion_xgb", "xgboost", List.of(), xgb),
                new MemberSpec("fusion_mlp", "mlp", List.of(), mlp));
        return new HierarchyConfig("all", 2, "user", 0.15, t1, t2, 1e-3, PseudoLabelSpec.off(), false, seed, 1);
    }

    private static Map<String, Double> hidden(Path csv) {
        try {
            Map<String, Double> m = new HashMap<>();
            for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
                String[] f = line.split(",");
                m.put(f[0] + "/" + f[1], Double.parseDouble(f[2]));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
