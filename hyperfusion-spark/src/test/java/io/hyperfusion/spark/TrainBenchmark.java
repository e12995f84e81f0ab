package io.hyperfusion.spark;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.TrainReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.spark.train.Placement;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the training figures of docs/SPARK.md for one world inside one JVM (a program, not a test): the
 * single-machine training and the Spark training of the same configuration on the same vectors, wall times, and the
 * held-out and test SRC of both bundles.
 *
 * <p>Usage: {@code TrainBenchmark WORK_DIR MASTER POSTS CONFIG PLACEMENT} with CONFIG {@code test} (the tests' small
 * configuration) or {@code default} ({@link HierarchyConfig#defaults}), PLACEMENT {@code spark} or {@code tasks}.
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String master = args[1];
        int posts = Integer.parseInt(args[2]);
        HierarchyConfig cfg = args[3].equals("default") ? HierarchyConfig.defaults(5) : TestWorld.config(5);
        Placement placement = args[4].equals("tasks") ? Placement.tasks() : Placement.distributed();
        Files.createDirectories(work);
        TestWorld world = TestWorld.generate(work, posts, 31);
        SparkSession spark = Sessions.create(master, "hyperfusion-train-bench");
        String tables = work.resolve("tables").toString();
        Ingest.run(spark, io.hyperfusion.data.DataFormat.SMPD_IMAGE, world.dir(), io.hyperfusion.data.ReadOptions.defaults(),
                tables, 4, true);
        String emb = work.resolve("emb").toString();
        long e0 = System.nanoTime();
        EmbedJob.run(spark, Ingest.readPosts(spark, tables),
                new EmbedSettings(TestModels.dir().toString(), work.resolve("cache").toString(), true, true, 1, 16), emb, true);
        System.out.printf("embed %d posts: %.1f s%n", posts, secs(e0));
        EmbedJob.Meta meta = EmbedJob.Meta.read(emb);
        FeatureContext ctx = FeatureContext.of(world.data()).withEmbeddings(TrainJob.vectors(spark, emb, meta));

        long s0 = System.nanoTime();
        Path single = world.train(work.resolve("bundle-single"), cfg, ctx, meta.encoders());
        System.out.printf("single-machine train: %.1f s%n", secs(s0));
        long t0 = System.nanoTime();
        Path spread = work.resolve("bundle-spark");
        TrainJob.run(spark, tables, emb, cfg, placement, new io.hyperfusion.spark.train.SparkTrainers(spark, placement)
                .defaultParallelFits(), spread, line -> { });
        System.out.printf("spark train (%s, %s): %.1f s%n", master, placement, secs(t0));
        // Another seed on the single machine: how far two equally good trainings lie apart on this world.
        Path other = world.train(work.resolve("bundle-single-seed6"), cfg.withSeed(6), ctx, meta.encoders());
        report("single machine", single, world, ctx);
        report("spark", spread, world, ctx);
        report("single, seed 6", other, world, ctx);
        spark.stop();
        JvmResources.closeAll();
        // In local mode Spark's barrier-task timers (SynapseML, xgboost4j-spark) are non-daemon threads in this JVM
        // and would keep it alive after main returns; SparkMain exits the same way.
        System.exit(0);
    }

    static void report(String what, Path bundle, TestWorld world, FeatureContext ctx) {
        try (PopularityBundle.Loaded b = PopularityBundle.load(bundle)) {
            TrainReport r = PopularityBundle.report(b.bundle());
            List<Post> test = world.data().unlabelled();
            double[] truth = test.stream().mapToDouble(p -> world.hidden().get(p.key().toString())).toArray();
            double testSrc = Metrics.src(truth, b.model().predict(test, ctx));
            System.out.printf("%-15s held-out SRC %.4f  test SRC %.4f%n%s", what, r.validation().src(), testSrc,
                    r.leaderboard().render());
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
