package io.hyperfusion.spark;

import io.hyperfusion.features.encode.mobilenet.MobileNetInstaller;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints throughput figures of the Spark jobs (a program, not a test): embedding (MobileNetV2 + MiniLM, fresh
 * caches) and scoring at {@code local[1]} vs {@code local[2]} on a generated world, and the wall time of
 * building features and scoring 100k posts. The 100k posts are the world's posts replicated with new post ids
 * ({@code <pid>-r<k>}, same authors, times, texts and image paths) by a cross join in Spark: metadata only, no
 * new images.
 *
 * <p>Usage: {@code SparkBenchmark WORK_DIR MODELS_DIR [WORLD_POSTS=300] [SCALE_POSTS=100000]}.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path models = Path.of(args[1]);
        int worldPosts = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int scale = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        Files.createDirectories(work);
        if (!MobileNetInstaller.isInstalled(models)) {
            new MobileNetInstaller().install(models);
        }
        long t0 = System.nanoTime();
        TestWorld world = TestWorld.generate(work, worldPosts, 21);
        // Metadata groups only: the 100k replicated posts have no vectors of their own.
        Path bundle = world.train(work.resolve("bundle"), TestWorld.config(21).withFeatures("all,-image,-textemb,-crossmodal,-cluster"),
                io.hyperfusion.features.FeatureContext.of(world.data()), java.util.Map.of());
        System.out.printf("world of %d posts and bundle: %.1f s%n", worldPosts, secs(t0));

        for (String master : new String[] {"local[1]", "local[2]"}) {
            SparkSession spark = Sessions.create(master, "hyperfusion-bench");
            String tag = master.replaceAll("\\W", "");
            String tables = work.resolve("tables-" + tag).toString();
            Ingest.run(spark, io.hyperfusion.data.DataFormat.SMPD_IMAGE, world.dir(),
                    io.hyperfusion.data.ReadOptions.defaults(), tables, 4, true);
            Dataset<Row> posts = Ingest.readPosts(spark, tables);

            EmbedSettings es = new EmbedSettings(models.toString(), work.resolve("cache-" + tag).toString(), true, true, 1, 16);
            long e0 = System.nanoTime();
            long n = EmbedJob.run(spark, posts, es, work.resolve("emb-" + tag).toString(), true);
            double es1 = secs(e0);
            System.out.printf("%s embed (images+texts, cold cache, model load included): %d posts in %.1f s = %.1f posts/s%n",
                    master, n, es1, n / es1);
            long e1 = System.nanoTime();
            EmbedJob.run(spark, posts, es, work.resolve("emb2-" + tag).toString(), true);
            System.out.printf("%s embed again (warm per-executor cache): %.1f s%n", master, secs(e1));

            // 100k posts: replicate the world's metadata with new ids.
            int copies = (int) Math.ceil(scale / (double) worldPosts);
            Dataset<Row> big = posts.crossJoin(spark.range(copies).toDF("k"))
                    .withColumn(PostRows.PID, functions.concat(posts.col(PostRows.PID), functions.lit("-r"), functions.col("k")))
                    .drop("k").limit(scale).repartition(8);
            String bigTables = work.resolve("big-" + tag).toString();
            big.write().mode(SaveMode.Overwrite).parquet(bigTables + "/" + Ingest.POSTS);
            Ingest.readUsers(spark, tables).write().mode(SaveMode.Overwrite).parquet(bigTables + "/" + Ingest.USERS);
            Dataset<Row> joined = Inputs.join(Ingest.readPosts(spark, bigTables), Ingest.readUsers(spark, bigTables), null, null);

            long f0 = System.nanoTime();
            FeaturesJob.writeFromBundle(joined, bundle.toString(), null, work.resolve("features-" + tag).toString(), true);
            long rows = spark.read().parquet(work.resolve("features-" + tag).toString()).count();
            System.out.printf("%s features of %,d posts (bundle pipeline, Parquet written): %.1f s%n", master, rows, secs(f0));
            long s0 = System.nanoTime();
            ScoreJob.write(ScoreJob.score(joined, bundle.toString(), null), work.resolve("scores-" + tag).toString(), true);
            long scored = spark.read().parquet(work.resolve("scores-" + tag) + "/parquet").count();
            double ss = secs(s0);
            System.out.printf("%s score %,d posts (Parquet + CSV written): %.1f s = %,.0f posts/s%n", master, scored, ss, scored / ss);
            spark.stop();
            JvmResources.closeAll();
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
