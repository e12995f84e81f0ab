package io.hyperfusion.spark;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.ensemble.TrainReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.spark.train.Placement;
import io.hyperfusion.spark.train.SparkTrainers;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Entry point of the Spark jobs: {@code ingest}, {@code embed}, {@code features}, {@code train}, {@code train-gbdt},
 * {@code score} (see docs/SPARK.md for the submit commands). The master comes from spark-submit, from
 * {@code --master}, or from a first argument such as {@code local[2]}.
 */
@Command(name = "hyperfusion-spark", mixinStandardHelpOptions = true,
        subcommands = {SparkMain.IngestCmd.class, SparkMain.EmbedCmd.class, SparkMain.FeaturesCmd.class,
                SparkMain.TrainCmd.class, SparkMain.TrainGbdtCmd.class, SparkMain.ScoreCmd.class},
        description = "HyperFusion on Apache Spark: ingest, embed, features, train, train-gbdt, score.")
public final class SparkMain {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] (default: from spark-submit).")
    String master;

    @Option(names = "--overwrite", description = "Replace existing outputs.")
    boolean overwrite;

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(List.of(args));
        if (!a.isEmpty() && (a.get(0).startsWith("local") || a.get(0).contains("://") || a.get(0).equals("yarn"))) {
            a.add(0, "--master");
        }
        int rc = new CommandLine(new SparkMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(a.toArray(String[]::new));
        System.exit(rc);
    }

    SparkSession session(String job) {
        return Sessions.create(master, "hyperfusion-" + job);
    }

    /** {@code ingest}: SMPD-Image, SMPD-Video or JSONL → Parquet posts and users tables. */
    @Command(name = "ingest", mixinStandardHelpOptions = true, description = "Reads a data set and writes <out>/posts and <out>/users as Parquet.")
    static final class IngestCmd implements Callable<Integer> {
        @ParentCommand SparkMain top;
        @Option(names = "--format", required = true, description = "smpd-image, smpd-video or jsonl.") String format;
        @Option(names = "--data", required = true, description = "Data set folder or JSONL file.") Path data;
        @Option(names = "--out", required = true, description = "Output folder.") String out;
        @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the posts table (default: ${DEFAULT-VALUE}).") int partitions;
        @Option(names = "--strict", description = "Fail on the first bad row instead of skipping it.") boolean strict;

        @Override
        public Integer call() {
            SparkSession spark = top.session("ingest");
            ReadOptions opts = new ReadOptions(strict ? BadRowPolicy.FAIL : BadRowPolicy.SKIP, true);
            Ingest.Result r = Ingest.run(spark, DataFormat.parse(format), data, opts, out, partitions, top.overwrite);
            System.out.printf("ingested %,d posts and %,d profiles into %s%n%s", r.posts(), r.users(), out, r.summary().render(10));
            spark.stop();
            return 0;
        }
    }

    /** Options shared by the jobs that read the ingested tables. */
    static class TablesOptions {
        @Option(names = "--tables", required = true, description = "Output folder of 'ingest'.") String tables;
        @Option(names = "--embeddings", description = "Output folder of 'embed', when the features need vectors.") String embeddings;

        Dataset<Row> joined(SparkSession spark, String split) {
            Dataset<Row> posts = Ingest.readPosts(spark, tables);
            if (!split.equals("all")) {
                posts = posts.filter(posts.col(PostRows.SPLIT).equalTo(split));
            }
            Dataset<Row> emb = embeddings == null ? null : spark.read().parquet(embeddings);
            return Inputs.join(posts, Ingest.readUsers(spark, tables), emb, meta());
        }

        EmbedJob.Meta meta() {
            return embeddings == null ? null : EmbedJob.Meta.read(embeddings);
        }
    }

    /** {@code embed}: image and text embeddings on the executors. */
    @Command(name = "embed", mixinStandardHelpOptions = true, description = "Embeds every post's image and texts on the executors; writes Parquet.")
    static final class EmbedCmd implements Callable<Integer> {
        @ParentCommand SparkMain top;
        @Option(names = "--tables", required = true, description = "Output folder of 'ingest'.") String tables;
        @Option(names = "--out", required = true, description = "Output folder.") String out;
        @Option(names = "--models-dir", description = "Installed image model folder, on every executor.") String modelsDir;
        @Option(names = "--cache-dir", required = true, description = "Folder of the per-executor DuckDB caches.") String cacheDir;
        @Option(names = "--no-images", description = "Skip the image encoder.") boolean noImages;
        @Option(names = "--no-texts", description = "Skip the text encoder.") boolean noTexts;
        @Option(names = "--embed-threads", defaultValue = "1", description = "Encoder threads per executor (default: ${DEFAULT-VALUE}).") int threads;
        @Option(names = "--embed-batch", defaultValue = "32", description = "Items per encoder batch (default: ${DEFAULT-VALUE}).") int batch;
        @Option(names = "--image-precision", defaultValue = "fp32", description = "MobileNetV2 arithmetic: fp32 or int8 (default: ${DEFAULT-VALUE}).") String imagePrecision;

        @Override
        public Integer call() {
            SparkSession spark = top.session("embed");
            EmbedSettings s = new EmbedSettings(modelsDir, cacheDir, !noImages, !noTexts, threads, batch, imagePrecision);
            long n = EmbedJob.run(spark, Ingest.readPosts(spark, tables), s, out, top.overwrite);
            System.out.printf("embedded %,d posts into %s%n", n, out);
            spark.stop();
            return 0;
        }
    }

    /** {@code features}: the wide feature table. */
    @Command(name = "features", mixinStandardHelpOptions = true, description = "Writes the wide feature table (Parquet) with a bundle's pipeline or a newly fitted one.")
    static final class FeaturesCmd implements Callable<Integer> {
        @ParentCommand SparkMain top;
        @CommandLine.Mixin TablesOptions in = new TablesOptions();
        @Option(names = "--out", required = true, description = "Output folder.") String out;
        @Option(names = "--model", description = "Model bundle whose pipeline transforms every post.") String model;
        @Option(names = "--fit", paramLabel = "GROUPS", description = "Fit a new pipeline of these groups on the driver (e.g. all).") String fit;
        @Option(names = "--seed", defaultValue = "42", description = "Seed of the fit (default: ${DEFAULT-VALUE}).") long seed;

        @Override
        public Integer call() {
            if ((model == null) == (fit == null)) {
                throw new IllegalArgumentException("give exactly one of --model BUNDLE or --fit GROUPS");
            }
            SparkSession spark = top.session("features");
            Dataset<Row> joined = in.joined(spark, "all");
            FeatureColumns cols = model != null
                    ? FeaturesJob.writeFromBundle(joined, model, in.meta(), out, top.overwrite)
                    : FeaturesJob.fit(spark, joined, in.meta(), fit, seed, out, top.overwrite);
            System.out.printf("wrote %d feature columns for %,d posts to %s%n", cols.names().size(),
                    spark.read().parquet(out).count(), out);
            spark.stop();
            return 0;
        }
    }

    /** {@code train}: the whole hierarchy, member fits on the cluster; writes a model bundle. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Trains HyperFusion (the train command's algorithm and bundle) with the member fits on the cluster.")
    static final class TrainCmd implements Callable<Integer> {
        @ParentCommand SparkMain top;
        @Option(names = "--tables", required = true, description = "Output folder of 'ingest'.") String tables;
        @Option(names = "--embeddings", description = "Output folder of 'embed' (needed by the image and text feature groups).") String embeddings;
        @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Bundle folder to write (replaced atomically).") Path out;
        @Option(names = "--config", paramLabel = "FILE", description = "Ensemble configuration (JSON, docs/CONFIG.md); default: the train command's default.") Path configFile;
        @Option(names = "--seed", defaultValue = "42", description = "Master seed (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--features", defaultValue = "all", paramLabel = "GROUPS", description = "Feature groups (default: ${DEFAULT-VALUE}).") String features;
        @Option(names = "--threads", paramLabel = "N", description = "Native threads per model.") Integer threads;
        @Option(names = "--folds", paramLabel = "K", description = "Folds of the shared out-of-fold plan.") Integer folds;
        @Option(names = "--fold-scheme", paramLabel = "SCHEME", description = "user, time or random.") String foldScheme;
        @Option(names = "--pseudo-rounds", paramLabel = "N", description = "Pseudo-label rounds at most (0 = off).") Integer pseudoRounds;
        @Option(names = "--no-refit", description = "Keep the hierarchy measured on the hold-out.") boolean noRefit;
        @Option(names = "--lightgbm", defaultValue = "task", paramLabel = "WHERE",
                description = "LightGBM members: task (lightgbm4j in one executor task: the single-machine model), spark (SynapseML, distributed: another model) or driver (default: ${DEFAULT-VALUE}).") String lightgbm;
        @Option(names = "--xgboost", defaultValue = "task", paramLabel = "WHERE",
                description = "XGBoost members: task (the single-machine model), spark (xgboost4j-spark, distributed: another model) or driver (default: ${DEFAULT-VALUE}).") String xgboost;
        @Option(names = "--networks", defaultValue = "task", paramLabel = "WHERE",
                description = "MLP and TabNet members: task (DJL in one executor task) or driver (default: ${DEFAULT-VALUE}).") String networks;
        @Option(names = "--workers", defaultValue = "2", description = "Executor tasks per distributed fit (default: ${DEFAULT-VALUE}).") int workers;
        @Option(names = "--parallel-fits", paramLabel = "N", description = "Member fits submitted at once (default: the cluster's task slots / workers).") Integer parallelFits;

        @Override
        public Integer call() {
            HierarchyConfig config = io.hyperfusion.app.cli.EnsembleOptions.config(configFile, seed, features, threads,
                    folds, foldScheme, pseudoRounds, noRefit);
            Placement placement = new Placement(Placement.Mode.parse("LightGBM", lightgbm),
                    Placement.Mode.parse("XGBoost", xgboost), Placement.Mode.parse("network", networks), workers);
            SparkSession spark = top.session("train");
            int parallel = parallelFits != null ? parallelFits : new SparkTrainers(spark, placement).defaultParallelFits();
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel-fits must be >= 1, got " + parallel);
            }
            System.err.printf("training with %s, %d fit(s) at once%n", placement, parallel);
            TrainReport r = TrainJob.run(spark, tables, embeddings, config, placement, parallel, out, line -> {
                System.err.println(line);
                System.err.flush();
            });
            System.out.printf("model written to %s%n", out);
            System.out.print(r.leaderboard().render());
            System.out.printf("held-out (latest %,d labelled posts): SRC %.4f  MAE %.4f  (stage 1: SRC %.4f; %d pseudo-label round(s) kept)%n",
                    r.validRows(), r.validation().src(), r.validation().mae(), r.stage1().src(), r.acceptedRounds());
            System.out.printf("trained in %.1f s%n", r.millis() / 1000.0);
            spark.stop();
            return 0;
        }
    }

    /** {@code train-gbdt}: distributed XGBoost on a feature table. */
    @Command(name = "train-gbdt", mixinStandardHelpOptions = true, description = "Trains an XGBoost member with xgboost4j-spark; saves it in the project's model format.")
    static final class TrainGbdtCmd implements Callable<Integer> {
        @ParentCommand SparkMain top;
        @Option(names = "--features", required = true, description = "Output folder of 'features'.") String features;
        @Option(names = "--out", required = true, description = "Model folder to write.") Path out;
        @Option(names = "--groups", split = ",", description = "Only these feature groups (a tier-1 expert); default all.") List<String> groups = new ArrayList<>();
        @Option(names = "--workers", defaultValue = "2", description = "XGBoost workers (default: ${DEFAULT-VALUE}).") int workers;
        @Option(names = "--threads", defaultValue = "1", description = "Native threads per worker (default: ${DEFAULT-VALUE}).") int threads;
        @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "XGBoost option by its native name, e.g. num_round=400.") Map<String, String> options = new LinkedHashMap<>();

        @Override
        public Integer call() {
            SparkSession spark = top.session("train-gbdt");
            FeatureColumns all = FeatureColumns.read(features);
            FeatureColumns cols = all.subset(all.indicesOf(groups));
            if (cols.names().isEmpty()) {
                throw new IllegalArgumentException("feature groups " + groups + " have no columns in " + features);
            }
            XgbParams p = XgbParams.OPTIONS.parse(options);
            try (XgbModel m = GbdtJob.train(spark.read().parquet(features), cols,
                    new GbdtJob.Settings(p, seed, workers, threads), out)) {
                System.out.printf("trained %d trees on %d features with %d workers; model in %s%n", m.trees(),
                        cols.names().size(), workers, out);
            }
            spark.stop();
            return 0;
        }
    }

    /** {@code score}: batch predictions with a model bundle. */
    @Command(name = "score", mixinStandardHelpOptions = true, description = "Scores posts with a model bundle on the executors; writes Parquet and CSV.")
    static final class ScoreCmd implements Callable<Integer> {
        @ParentCommand SparkMain top;
        @CommandLine.Mixin TablesOptions in = new TablesOptions();
        @Option(names = "--model", required = true, description = "Model bundle folder, readable on every executor.") String model;
        @Option(names = "--out", required = true, description = "Output folder (parquet/ and csv/).") String out;
        @Option(names = "--split", defaultValue = "test", description = "test, train or all (default: ${DEFAULT-VALUE}).") String split;

        @Override
        public Integer call() {
            if (!List.of("test", "train", "all").contains(split)) {
                throw new IllegalArgumentException("--split must be test, train or all, got '" + split + "'");
            }
            SparkSession spark = top.session("score");
            ScoreJob.write(ScoreJob.score(in.joined(spark, split), model, in.meta()), out, top.overwrite);
            System.out.printf("wrote %,d predictions to %s/parquet and %s/csv%n",
                    spark.read().parquet(out + "/parquet").count(), out, out);
            spark.stop();
            return 0;
        }
    }
}
