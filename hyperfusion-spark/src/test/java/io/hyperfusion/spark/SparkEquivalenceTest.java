package io.hyperfusion.spark;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.PostEmbedder;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import io.hyperfusion.spark.train.Placement;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark jobs in {@code local[2]} give what the single-machine code gives on a generated world with every default
 * feature group (image and text embeddings included): ingest (posts and profiles equal the readers'), embeddings
 * (texts bit for bit), scoring with a bundle (to 1e-9), training with every member fit as an executor task (the
 * single-machine bundle's predictions exactly) and distributed XGBoost (held-out SRC within 0.01).
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkEquivalenceTest {
    @TempDir
    static Path tmp;
    TestWorld world;
    SparkSession spark;
    String tables;
    String embeddings;
    EmbedJob.Meta meta;
    Path bundle;

    @BeforeAll
    void setUp() {
        world = TestWorld.generate(tmp, 300, 11);
        spark = Sessions.create("local[2]", "hyperfusion-test");
        tables = tmp.resolve("tables").toString();
        Ingest.Result r = Ingest.run(spark, io.hyperfusion.data.DataFormat.SMPD_IMAGE, world.dir(),
                io.hyperfusion.data.ReadOptions.strict(), tables, 3, false);
        assertEquals(300, r.posts());
        embeddings = tmp.resolve("emb").toString();
        EmbedSettings es = new EmbedSettings(TestModels.dir().toString(), tmp.resolve("cache").toString(), true, true, 1, 16);
        assertEquals(300, EmbedJob.run(spark, Ingest.readPosts(spark, tables), es, embeddings, false));
        meta = EmbedJob.Meta.read(embeddings);
        // The single-machine bundle, trained on the vectors the embed job computed (the same encoders and inputs).
        bundle = world.train(tmp.resolve("bundle"), TestWorld.config(5), context(), meta.encoders());
    }

    @AfterAll
    void tearDown() {
        if (spark != null) {
            spark.stop();
        }
        JvmResources.closeAll();
    }

    /** The world's context with the embed job's vectors. */
    FeatureContext context() {
        return FeatureContext.of(world.data()).withEmbeddings(TrainJob.vectors(spark, embeddings, meta));
    }

    @Test
    void ingestedPostsReadBackEqualToTheReaders() {
        Map<String, Post> spark = new HashMap<>();
        for (Row r : Ingest.readPosts(this.spark, tables).collectAsList()) {
            Post p = PostRows.toPost(r);
            spark.put(p.key().toString(), p);
        }
        assertEquals(world.data().all().size(), spark.size());
        for (Post p : world.data().all()) {
            assertEquals(absolute(p), spark.get(p.key().toString()), p.key().toString());
        }
        List<Row> users = Ingest.readUsers(this.spark, tables).collectAsList();
        assertEquals(world.data().users().size(), users.size());
        for (Row r : users) {
            assertEquals(world.data().users().get((String) r.getAs("uid")), UserRows.toProfile(r));
        }
        TrainJob.Inputs in = TrainJob.read(this.spark, tables, embeddings, FeatureGroups.parse("all"));
        assertEquals(world.data().labelled().stream().map(this::absolute).toList(), in.data().labelled(),
                "the train job sees the posts in the reader's order");
        assertEquals(meta.encoders(), in.encoders());
    }

    private Post absolute(Post p) {
        return p.imagePath() == null ? p : new Post(p.postId(), p.userId(), p.postedAt(), p.title(),
                p.tags(), world.data().imageFile(p).toAbsolutePath().toString(), p.category(), p.subcategory(),
                p.concept(), p.latitude(), p.longitude(), p.geoAccuracy(), p.numeric(), p.categorical(), p.label());
    }

    @Test
    void sparkScoringOfABundleWithEmbeddingGroupsEqualsSingleMachinePredictions() {
        Dataset<Row> joined = Inputs.join(Ingest.readPosts(spark, tables), Ingest.readUsers(spark, tables),
                spark.read().parquet(embeddings), meta);
        String out = tmp.resolve("scores").toString();
        ScoreJob.write(ScoreJob.score(joined, bundle.toString(), meta), out, false);
        List<Post> all = world.data().all();
        double[] expected;
        try (PopularityBundle.Loaded b = PopularityBundle.load(bundle)) {
            assertTrue(b.model().pipeline().schema().names().stream().anyMatch(n -> n.startsWith("image#")),
                    "the bundle reads image embeddings");
            expected = b.model().predict(all, context());
        }
        Map<String, Double> got = new HashMap<>();
        for (Row r : spark.read().parquet(out + "/parquet").collectAsList()) {
            got.put(r.getAs("uid") + "/" + r.getAs("pid"), r.getAs(ScoreJob.SCORE));
        }
        assertEquals(all.size(), got.size());
        double maxDiff = 0;
        for (int i = 0; i < all.size(); i++) {
            Double g = got.get(all.get(i).key().toString());
            assertNotNull(g, all.get(i).key().toString());
            maxDiff = Math.max(maxDiff, Math.abs(g - expected[i]));
        }
        assertTrue(maxDiff <= 1e-9, "max |spark - single| = " + maxDiff);
        List<Row> csv = spark.read().option("header", "true").option("inferSchema", "true").csv(out + "/csv").collectAsList();
        assertEquals(all.size(), csv.size());
        Row first = csv.get(0);
        assertEquals(got.get(first.getAs("uid") + "/" + first.getAs("pid")), ((Number) first.getAs(ScoreJob.SCORE)).doubleValue(), 0.0);
    }

    @Test
    void trainingWithEveryFitAsAnExecutorTaskGivesTheSingleMachineBundle() {
        Path sparkBundle = tmp.resolve("spark-bundle");
        HierarchyConfig cfg = TestWorld.config(5);
        List<String> log = new ArrayList<>();
        TrainJob.run(spark, tables, embeddings, cfg, Placement.tasks(), 2, sparkBundle, log::add);
        List<Post> all = world.data().all();
        try (PopularityBundle.Loaded a = PopularityBundle.load(bundle);
             PopularityBundle.Loaded b = PopularityBundle.load(sparkBundle)) {
            FeatureContext ctx = context();
            assertArrayEquals(a.model().predict(all, ctx), b.model().predict(all, ctx), 0.0,
                    "the same algorithm with the fits moved to executor tasks gives the same model");
            assertEquals(PopularityBundle.report(a.bundle()).validation().src(),
                    PopularityBundle.report(b.bundle()).validation().src(), 0.0);
            assertEquals(a.model().encoders(), b.model().encoders());
        }
        assertTrue(Files.isRegularFile(sparkBundle.resolve("report/authors.jsonl")), "the drafting page's summary is there");
        assertTrue(log.stream().anyMatch(l -> l.contains("member fits done")), String.join("\n", log));
    }

    @Test
    void distributedXgboostMatchesSingleMachineOnHeldOutSrc() {
        Dataset<Row> joined = Inputs.join(Ingest.readPosts(spark, tables), Ingest.readUsers(spark, tables),
                spark.read().parquet(embeddings), meta);
        String table = tmp.resolve("features").toString();
        FeatureColumns cols = FeaturesJob.fit(spark, joined, meta, "all", 5, table, false);
        assertTrue(cols.names().stream().anyMatch(n -> n.startsWith("textemb#")), "text embedding columns");
        FeatureColumns back = FeatureColumns.read(table);
        assertEquals(cols.names(), back.names());
        assertArrayEquals(cols.categorical(), back.categorical());

        XgbParams params = XgbParams.OPTIONS.builder().set("num_round", 80).set("eta", 0.1).set("max_depth", 4)
                .set("min_child_weight", 2).build();
        Dataset<Row> features = spark.read().parquet(table);
        try (XgbModel distributed = GbdtJob.train(features, cols, new GbdtJob.Settings(params, 3, 2, 1), tmp.resolve("gbdt"));
             XgbModel single = new XgbTrainer(params, 3, 1).train(TrainingData.of(matrix(features, cols, true), labels(features)))) {
            FeatureMatrix heldOut = matrix(features, cols, false);
            double[] truth = testRows(features).stream().mapToDouble(r -> world.hidden().get(r.getAs("uid") + "/" + r.getAs("pid"))).toArray();
            double srcDistributed = Metrics.src(truth, distributed.predict(heldOut));
            double srcSingle = Metrics.src(truth, single.predict(heldOut));
            System.out.printf("held-out SRC: distributed (2 workers) %.4f, single machine %.4f%n", srcDistributed, srcSingle);
            assertTrue(srcSingle > 0.2, "single-machine XGBoost learnt nothing: SRC " + srcSingle);
            assertEquals(srcSingle, srcDistributed, 0.01);
            assertEquals(80, distributed.trees());
        }
    }

    @Test
    void sparkTextEmbeddingsEqualSingleMachineOnes() throws Exception {
        List<Row> rows = Inputs.join(Ingest.readPosts(spark, tables).limit(24), Ingest.readUsers(spark, tables),
                spark.read().parquet(embeddings), meta).collectAsList();
        EmbeddingTable sparkTable = EmbedJob.table(rows, meta);
        assertTrue(Files.isRegularFile(tmp.resolve("cache/embeddings-driver.duckdb")));
        List<Post> ps = rows.stream().map(PostRows::toPost).toList();
        try (MiniLmTextEncoder enc = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults());
             EmbeddingCache cache = EmbeddingCache.open(tmp.resolve("single.duckdb"))) {
            EmbeddingTable single = new PostEmbedder(cache, null, enc, null, null, ImageDecoder.Options.defaults(), 8)
                    .embed(ps, EmbedJob::imageFile, PostEmbedder.Progress.NONE).table();
            for (Post p : ps) {
                assertArrayEquals(single.get(Spaces.TITLE, p.key()), sparkTable.get(Spaces.TITLE, p.key()), p.key().toString());
                assertArrayEquals(single.get(Spaces.TAGS, p.key()), sparkTable.get(Spaces.TAGS, p.key()), p.key().toString());
            }
        }
    }

    @Test
    void badSettingsAreRejectedWithIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new EmbedSettings(null, "c", true, false, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> new EmbedSettings("m", "c", true, false, 1, 8, "int4"));
        assertEquals("int8", new EmbedSettings("m", "c", true, false, 1, 8, "INT8").imagePrecision());
        assertEquals("fp32", new EmbedSettings("m", "c", true, false, 1, 8).imagePrecision());
        assertThrows(IllegalArgumentException.class, () -> new GbdtJob.Settings(XgbParams.OPTIONS.defaults(), 1, 0, 1));
        XgbParams rank = XgbParams.OPTIONS.builder().set(XgbParams.OBJECTIVE, XgbParams.Objective.RANK_PAIRWISE).build();
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> GbdtJob.regressor(rank, new GbdtJob.Settings(rank, 1, 1, 1), spark, null));
        assertTrue(r.getMessage().contains("rank:pairwise"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ingest.posts(spark, world.data(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainJob.read(spark, tables, null, FeatureGroups.parse("all")));
        assertTrue(e.getMessage().contains("--embeddings"), e.getMessage());
    }

    private static List<Row> testRows(Dataset<Row> features) {
        List<Row> rows = new ArrayList<>(features.filter(features.col(PostRows.LABEL).isNull()).collectAsList());
        rows.sort(Comparator.comparing((Row r) -> (String) r.getAs("uid")).thenComparing(r -> (String) r.getAs("pid")));
        return rows;
    }

    private static List<Row> trainRows(Dataset<Row> features) {
        List<Row> rows = new ArrayList<>(features.filter(features.col(PostRows.LABEL).isNotNull()).collectAsList());
        rows.sort(Comparator.comparing((Row r) -> (String) r.getAs("uid")).thenComparing(r -> (String) r.getAs("pid")));
        return rows;
    }

    private static double[] labels(Dataset<Row> features) {
        return trainRows(features).stream().mapToDouble(r -> r.getAs(PostRows.LABEL)).toArray();
    }

    private static FeatureMatrix matrix(Dataset<Row> features, FeatureColumns cols, boolean train) {
        List<Row> rows = train ? trainRows(features) : testRows(features);
        double[] v = new double[rows.size() * cols.names().size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < cols.columns().size(); c++) {
                v[i * cols.columns().size() + c] = rows.get(i).getAs(cols.columns().get(c));
            }
        }
        return new FeatureMatrix(cols.schema(), rows.size(), v);
    }
}
