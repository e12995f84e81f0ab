package io.hyperfusion.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopularityTrainerTest {

    /** Posts whose label depends on the author, the category and the hour; the last 150 are unlabelled. */
    static PostDataset dataset(long seed, double unlabelledLabel) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] cats = {"Animal", "Food", "Urban", "Travel"};
        double[] userEffect = r.doubles(40, -1.5, 1.5).toArray();
        List<Post> labelled = new ArrayList<>();
        List<Post> unlabelled = new ArrayList<>();
        for (int i = 0; i < 750; i++) {
            int u = r.nextInt(40);
            int c = r.nextInt(cats.length);
            long t = 1_450_000_000L + 3_000L * i;
            int hour = (int) ((t / 3600) % 24);
            double y = 6 + userEffect[u] + 0.5 * c + (hour >= 17 && hour <= 21 ? 0.8 : 0) + 0.4 * r.nextGaussian();
            Post.Builder b = Post.builder(String.valueOf(10_000 + i), "u" + u).postedAt(Instant.ofEpochSecond(t))
                    .title("post " + i).tags(List.of("t" + (i % 5))).category(cats[c]);
            if (i < 600) {
                labelled.add(b.label(y).build());
            } else {
                // Test-period posts; a label here (poison) must never reach training.
                unlabelled.add(Double.isNaN(unlabelledLabel) ? b.build() : b.label(unlabelledLabel).build());
            }
        }
        return new PostDataset(Path.of("."), labelled, unlabelled, Map.of(), LoadSummary.builder().build());
    }

    static HierarchyConfig config(int pseudoRounds) {
        Map<String, Object> o = Map.of("num_iterations", 80, "learning_rate", 0.1, "min_data_in_leaf", 10);
        List<MemberSpec> t1 = List.of(new MemberSpec("temporal", "lightgbm", List.of("time", "meta"), o),
                new MemberSpec("user", "lightgbm", List.of("user", "history"), o));
        List<MemberSpec> t2 = List.of(new MemberSpec("fusion", "lightgbm", List.of(), o));
        return new HierarchyConfig("meta,time,text,user,history", 3, "user", 0.15, t1, t2, 1e-3,
                new PseudoLabelSpec(pseudoRounds, 0.3, 0.5, 0.0), true, 5, 1);
    }

    @Test
    void pseudoLabellingNeverReadsTestLabels() {
        PostDataset clean = dataset(1, Double.NaN);
        PostDataset poisoned = dataset(1, 99.0);
        // A label on an unlabelled post would be a leak: the model must not change at all.
        PostDataset poisonedAsUnlabelled = new PostDataset(poisoned.root(), poisoned.labelled(),
                poisoned.unlabelled(), Map.of(), poisoned.summary());
        List<String> log = new ArrayList<>();
        PopularityTrainer.Outcome a = new PopularityTrainer(config(1)).train(clean, log::add);
        PopularityTrainer.Outcome b = new PopularityTrainer(config(1)).train(poisonedAsUnlabelled, s -> { });
        double[] pa = a.model().predict(clean.unlabelled(), FeatureContext.of(clean));
        double[] pb = b.model().predict(clean.unlabelled(), FeatureContext.of(clean));
        assertArrayEquals(pa, pb, "labels of unlabelled posts leaked into training");
        assertFalse(a.report().rounds().isEmpty(), "one pseudo-label round was tried");
        for (PseudoLabeler.Label l : a.pseudoLabels()) {
            assertTrue(l.label() < 50, "a pseudo-label is a prediction, never a read label: " + l.label());
        }
        assertTrue(log.stream().anyMatch(s -> s.startsWith("inner pseudo round 1")), "rounds are logged: " + log);
        a.model().close();
        b.model().close();
    }

    @Test
    void theReportedHoldOutNeverDecidesAPseudoLabelRound() {
        PostDataset ds = dataset(4, Double.NaN);
        // The same data with the held-out posts' labels turned upside down: a decision taken on the hold-out would
        // flip (any SRC gain there becomes a loss); one taken on the inner split cannot see them.
        List<Post> sorted = new ArrayList<>(ds.labelled());
        sorted.sort(java.util.Comparator.comparing(Post::postedAt));
        java.util.Set<Post> held = new java.util.HashSet<>(sorted.subList(sorted.size() - 90, sorted.size()));
        List<Post> flipped = ds.labelled().stream().map(p -> held.contains(p) ? p.withLabel(20 - p.label()) : p).toList();
        PostDataset other = new PostDataset(ds.root(), flipped, ds.unlabelled(), Map.of(), ds.summary());
        HierarchyConfig c = config(2).withRefit(false);
        PopularityTrainer.Outcome a = new PopularityTrainer(c).train(ds, s -> { });
        PopularityTrainer.Outcome b = new PopularityTrainer(c).train(other, s -> { });
        assertEquals(90, a.report().validRows());
        assertFalse(a.report().rounds().isEmpty(), "pseudo-label rounds were tried");
        assertEquals(a.report().rounds(), b.report().rounds(), "the inner-split decisions must not depend on the hold-out");
        assertArrayEquals(a.model().predict(ds.unlabelled(), FeatureContext.of(ds)),
                b.model().predict(ds.unlabelled(), FeatureContext.of(ds)));
        assertEquals(-a.report().validation().src(), b.report().validation().src(), 1e-9);
        a.model().close();
        b.model().close();
    }

    @Test
    void aReusedBlendKeepsTheMeasuredWeightsAndSkipsTheRefitsOutOfFoldFits() {
        PostDataset ds = dataset(5, Double.NaN);
        Map<String, Object> o = Map.of("num_iterations", 40, "learning_rate", 0.1, "min_data_in_leaf", 10);
        HierarchyConfig c = config(0).withTiers(config(0).tier1(), List.of(new MemberSpec("f1", "lightgbm", List.of(), o),
                new MemberSpec("f2", "xgboost", List.of(), Map.of("num_round", 40, "eta", 0.1, "max_depth", 3))));
        PopularityTrainer.Outcome measured = new PopularityTrainer(c.withRefit(false)).train(ds, s -> { });
        List<String> stages = new ArrayList<>();
        int[] fits = {0};
        PopularityTrainer.Outcome reused = new PopularityTrainer(c.withRefitBlend("reuse"), (stage, done, total) -> {
            if (!stages.contains(stage)) {
                stages.add(stage);
                fits[0] += total;
            }
        }).train(ds, s -> { });
        var hm = (io.hyperfusion.ensemble.hierarchy.HierarchicalModel) measured.model().model();
        var hr = (io.hyperfusion.ensemble.hierarchy.HierarchicalModel) reused.model().model();
        assertArrayEquals(hm.blender().weights(), hr.blender().weights());
        assertEquals(hm.blender().intercept(), hr.blender().intercept());
        // measured: 2 experts x 4 + 2 members x 4; refit: 2 experts x 4 + 2 members x 1.
        assertEquals(List.of("stage 1", "refit stage 1"), stages);
        assertEquals(16 + 10, fits[0]);
        measured.model().close();
        reused.model().close();
    }

    @Test
    void heldOutLeaderboardAndBundleRoundTrip(@TempDir Path dir) {
        PostDataset ds = dataset(2, Double.NaN);
        PopularityTrainer.Outcome o = new PopularityTrainer(config(0)).train(ds, s -> { });
        TrainReport rep = o.report();
        assertEquals(90, rep.validRows());
        assertEquals(510, rep.trainRows());
        assertEquals(4, rep.leaderboard().rows().size(), "2 experts, 1 fusion member, the blend");
        assertTrue(rep.validation().src() > 0.5, "held-out SRC " + rep.validation().src());
        PopularityBundle.save(dir.resolve("b"), o.model(), config(0), rep, o.pseudoLabels(), List.of());
        try (PopularityBundle.Loaded loaded = PopularityBundle.load(dir.resolve("b"))) {
            FeatureContext ctx = FeatureContext.of(ds);
            assertArrayEquals(o.model().predict(ds.unlabelled(), ctx), loaded.model().predict(ds.unlabelled(), ctx));
            assertEquals(rep.validation().src(), PopularityBundle.report(loaded.bundle()).validation().src());
        }
        o.model().close();
    }

    @Test
    void permutedLabelsGiveHeldOutSrcNearZero() {
        PostDataset ds = dataset(3, Double.NaN);
        // Shuffle the labels across posts: any held-out signal left would be leakage.
        List<Double> labels = new ArrayList<>(ds.labelled().stream().map(Post::label).toList());
        java.util.Collections.shuffle(labels, new java.util.Random(11));
        List<Post> permuted = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            permuted.add(ds.labelled().get(i).withLabel(labels.get(i)));
        }
        PostDataset p = new PostDataset(ds.root(), permuted, ds.unlabelled(), Map.of(), ds.summary());
        PopularityTrainer.Outcome o = new PopularityTrainer(config(0).withRefit(false)).train(p, s -> { });
        double src = o.report().validation().src();
        assertTrue(Math.abs(src) < 0.2, "held-out SRC with permuted labels should be near 0, got " + src);
        o.model().close();
    }

    @Test
    void pluggedInTrainersFitEveryMemberAndGiveTheSameModel() {
        PostDataset ds = dataset(3, Double.NaN);
        HierarchyConfig cfg = config(0);
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger fits = new java.util.concurrent.atomic.AtomicInteger();
        // A factory that fits where the default one does, but counts: the Spark module plugs in its own here.
        io.hyperfusion.ensemble.hierarchy.HierarchyTrainer.TrainerFactory counting = (spec, seed, threads) -> {
            seen.add(spec.name());
            io.hyperfusion.models.RegressionTrainer t =
                    io.hyperfusion.ensemble.hierarchy.HierarchyTrainer.REGISTERED.create(spec, seed, threads);
            return new io.hyperfusion.models.RegressionTrainer() {
                @Override public io.hyperfusion.models.RegressionModel train(io.hyperfusion.models.TrainingData d) {
                    fits.incrementAndGet();
                    return t.train(d);
                }
                @Override public String family() { return t.family(); }
                @Override public Map<String, Object> options() { return t.options(); }
                @Override public long seed() { return t.seed(); }
                @Override public int threads() { return t.threads(); }
                @Override public io.hyperfusion.models.RegressionTrainer withSeed(long s) { return t.withSeed(s); }
                @Override public boolean stopsEarly() { return t.stopsEarly(); }
            };
        };
        PopularityTrainer.Outcome plain = new PopularityTrainer(cfg).train(ds, s -> { });
        io.hyperfusion.ensemble.hierarchy.HierarchyTrainer.TrainerFactory oneAtATime =
                new io.hyperfusion.ensemble.hierarchy.HierarchyTrainer.TrainerFactory() {
                    @Override public io.hyperfusion.models.RegressionTrainer create(
                            io.hyperfusion.ensemble.config.MemberSpec spec, long seed, int threads) {
                        return counting.create(spec, seed, threads);
                    }
                    @Override public int parallelFits() { return 1; }
                };
        PopularityTrainer.Outcome plugged = new PopularityTrainer(cfg, PseudoLabeler.StageProgress.NONE, oneAtATime)
                .train(ds, s -> { });
        assertEquals(java.util.Set.of("temporal", "user", "fusion"), seen);
        // 3 members x (3 folds + 1 full fit), measured and refitted: every fit went through the factory.
        assertEquals(2 * 3 * 4, fits.get());
        double[] a = plain.model().predict(ds.unlabelled(), FeatureContext.of(ds));
        double[] b = plugged.model().predict(ds.unlabelled(), FeatureContext.of(ds));
        assertArrayEquals(a, b, "the same trainers, one fit at a time, give the same model");
        plain.model().close();
        plugged.model().close();
    }
}
