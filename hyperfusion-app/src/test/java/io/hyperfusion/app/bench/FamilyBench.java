package io.hyperfusion.app.bench;

import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.split.Split;
import io.hyperfusion.data.split.TimeHoldout;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.io.FeatureTable;
import io.hyperfusion.features.io.FeatureTableReader;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark program (not a test): trains the first tier-2 member of each given configuration once, directly on
 * an exported feature table, on exactly the rows the Python peers use (scripts/bench/python_peers.py): the time
 * hold-out of {@link TimeHoldout} is left out and scored, then the test split is scored against the hidden
 * labels. One fit per family, so its time compares with the peers' (the {@code train} command's "fit s" covers
 * the K fold fits plus one).
 *
 * <p>usage: FamilyBench TRAIN.parquet TEST.parquet WORLD_DIR CONFIG.json...
 */
public final class FamilyBench {

    private FamilyBench() {
    }

    /** Runs the benchmark; prints one tab-separated line per configuration. */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: FamilyBench TRAIN.parquet TEST.parquet WORLD_DIR CONFIG.json...");
        }
        FeatureTable train = FeatureTableReader.readParquet(Path.of(args[0]));
        FeatureTable test = FeatureTableReader.readParquet(Path.of(args[1]));
        if (!train.features().schema().names().equals(test.features().schema().names())) {
            throw new IllegalArgumentException("feature columns differ: train " + train.features().cols()
                    + ", test " + test.features().cols());
        }
        Path world = Path.of(args[2]);
        PostDataset ds = Readers.forFormat(DataFormat.parse("smpd-image"))
                .read(world, new ReadOptions(BadRowPolicy.parse("skip"), false));

        // The hold-out rows of the table, by the same TimeHoldout the train command uses.
        List<Post> labelled = ds.labelled();
        Split split = new TimeHoldout(0.15).split(labelled);
        Map<PostKey, Integer> row = new HashMap<>();
        for (int i = 0; i < train.rows(); i++) {
            row.put(train.keys().get(i), i);
        }
        int[] fit = rows(labelled, split.train(), row);
        int[] valid = rows(labelled, split.valid(), row);
        double[] testY = testLabels(world.resolve("hidden/test_labels.csv"), test.keys());

        FeatureMatrix xFit = train.features().selectRows(fit);
        double[] yFit = pick(train.labels(), fit);
        FeatureMatrix xValid = train.features().selectRows(valid);
        double[] yValid = pick(train.labels(), valid);
        System.out.printf("%d features; train %d, hold-out %d, test %d rows%n", train.features().cols(), fit.length,
                valid.length, test.rows());
        System.out.println("model\tholdout_src\tholdout_mae\ttest_src\ttest_mae\ttrain_wall_s\ttrain_cpu_s");
        var bean = ManagementFactory.getThreadMXBean();
        for (int a = 3; a < args.length; a++) {
            HierarchyConfig config = HierarchyConfig.load(Path.of(args[a]));
            MemberSpec m = config.tier2().get(0);
            RegressionTrainer trainer = io.hyperfusion.models.ModelFamilies.trainer(m.family(), m.options(), config.seed(), config.threads());
            long w0 = System.nanoTime();
            long c0 = bean.getCurrentThreadCpuTime();
            try (RegressionModel model = trainer.train(TrainingData.of(xFit, yFit))) {
                double wall = (System.nanoTime() - w0) / 1e9;
                double cpu = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
                double[] pv = model.predict(xValid);
                double[] pt = model.predict(test.features());
                System.out.printf("%s (JVM)\t%.4f\t%.4f\t%.4f\t%.4f\t%.1f\t%.1f%n", m.family(), Metrics.src(yValid, pv),
                        Metrics.mae(yValid, pv), Metrics.src(testY, pt), Metrics.mae(testY, pt), wall, cpu);
            }
        }
    }

    private static int[] rows(List<Post> posts, int[] idx, Map<PostKey, Integer> row) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            Integer r = row.get(posts.get(idx[i]).key());
            if (r == null) {
                throw new IllegalArgumentException("post " + posts.get(idx[i]).key() + " is not in the feature table");
            }
            out[i] = r;
        }
        return out;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    /** The hidden labels (CSV uid,pid,score) in the order of {@code keys}. */
    private static double[] testLabels(Path csv, List<PostKey> keys) throws IOException {
        Map<PostKey, Double> byKey = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 3) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected 3 fields, got " + f.length);
            }
            byKey.put(new PostKey(f[0], f[1]), Double.parseDouble(f[2]));
        }
        double[] y = new double[keys.size()];
        for (int i = 0; i < y.length; i++) {
            Double v = byKey.get(keys.get(i));
            if (v == null) {
                throw new IllegalArgumentException(csv + ": no label for " + keys.get(i));
            }
            y[i] = v;
        }
        return y;
    }
}
