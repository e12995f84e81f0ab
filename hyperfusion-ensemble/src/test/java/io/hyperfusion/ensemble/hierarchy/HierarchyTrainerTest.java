package io.hyperfusion.ensemble.hierarchy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HierarchyTrainerTest {
    static final double UNSEEN = -1000;

    /** Rows: id#row (unique id), a#x, b#x; y = 2a + b + noise. */
    static FeatureMatrix matrix(int n, long seed, double[] yOut) {
        SplittableRandom r = new SplittableRandom(seed);
        FeatureSchema s = new FeatureSchema(List.of("id#row", "a#x", "b#x"), new BitSet());
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble();
            double b = r.nextDouble();
            v[3 * i] = i;
            v[3 * i + 1] = a;
            v[3 * i + 2] = b;
            yOut[i] = 2 * a + b + 0.1 * r.nextGaussian();
        }
        return new FeatureMatrix(s, n, v);
    }

    static HierarchyConfig config(long seed) {
        List<MemberSpec> t1 = List.of(MemberSpec.of("ea", "memo", List.of("id", "a")), MemberSpec.of("eb", "memo", List.of("id", "b")));
        List<MemberSpec> t2 = List.of(MemberSpec.of("fusion", "memo", List.of()));
        return new HierarchyConfig("all", 4, "random", 0.15, t1, t2, 1e-3, PseudoLabelSpec.off(), false, seed, 1);
    }

    /** A "model" that remembers the label of every row id it was trained on and knows nothing else. */
    static final class Memo implements RegressionTrainer {
        @Override
        public RegressionModel train(TrainingData d) {
            Map<Double, Double> seen = new HashMap<>();
            int id = d.x().schema().indexOf("id#row");
            for (int i = 0; i < d.x().rows(); i++) {
                seen.put(d.x().get(i, id), d.y()[i]);
            }
            FeatureSchema schema = d.x().schema();
            return new RegressionModel() {
                @Override public FeatureSchema schema() { return schema; }
                @Override public double[] predict(FeatureMatrix x) {
                    return IntStream.range(0, x.rows()).mapToDouble(i -> seen.getOrDefault(x.get(i, id), UNSEEN)).toArray();
                }
                @Override public Provenance provenance() {
                    return new Provenance("memo", Map.of(), "test", "1", "17", d.x().rows(), schema.size(), 0, 1, 0, Instant.EPOCH, Map.of());
                }
                @Override public void save(Path dir) { throw new UnsupportedOperationException(); }
            };
        }
        @Override public String family() { return "memo"; }
        @Override public Map<String, Object> options() { return Map.of(); }
        @Override public long seed() { return 0; }
        @Override public int threads() { return 1; }
        @Override public RegressionTrainer withSeed(long seed) { return this; }
    }

    @Test
    void metaFeaturesNeverComeFromAModelThatSawTheRow() {
        int n = 200;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 1, y);
        int[] fold = FoldPlan.assign(posts(n), 4, "random", 5);
        HierarchyTrainer.Fit fit = new HierarchyTrainer(config(1), (spec, seed, t) -> new Memo()).fit(x, y, null, fold, s -> { });
        for (double[] expert : fit.oofTier1()) {
            for (double v : expert) {
                assertEquals(UNSEEN, v, "a tier-1 out-of-fold prediction came from a model that saw the row");
            }
        }
        for (double v : fit.oofTier2()[0]) {
            assertEquals(UNSEEN, v, "a tier-2 out-of-fold prediction came from a model that saw the row");
        }
        // The refitted members have seen every row: on training rows they return the label.
        assertEquals(y[7], fit.model().experts().get(0).model().predict(x.selectColumns(fit.model().experts().get(0).columns()))[7]);
    }

    @Test
    void metaFeaturesAreReproducibleForAFixedFoldSeed() {
        int n = 300;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 2, y);
        HierarchyConfig c = lightgbm(3);
        int[] f1 = FoldPlan.assign(posts(n), 4, "random", 11);
        int[] f2 = FoldPlan.assign(posts(n), 4, "random", 11);
        int[] f3 = FoldPlan.assign(posts(n), 4, "random", 12);
        assertArrayEquals(f1, f2);
        assertFalse(java.util.Arrays.equals(f1, f3));
        HierarchyTrainer.Fit a = new HierarchyTrainer(c).fit(x, y, null, f1, s -> { });
        HierarchyTrainer.Fit b = new HierarchyTrainer(c).fit(x, y, null, f2, s -> { });
        for (int e = 0; e < a.oofTier1().length; e++) {
            assertArrayEquals(a.oofTier1()[e], b.oofTier1()[e]);
        }
        assertArrayEquals(a.oofTier2()[0], b.oofTier2()[0]);
        assertArrayEquals(a.model().predict(x), b.model().predict(x));
        a.model().close();
        b.model().close();
    }

    @Test
    void parallelFitsGiveTheSameHierarchyAsOneAtATime() {
        int n = 300;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 12, y);
        Map<String, Object> o = new java.util.TreeMap<>(Map.of("num_iterations", 40, "learning_rate", 0.1,
                "min_data_in_leaf", 5, "bagging_fraction", 0.7, "bagging_freq", 1, "seeds", 2));
        HierarchyConfig c = lightgbm(6);
        c = c.withTiers(c.tier1(), List.of(new MemberSpec("f1", "lightgbm", List.of(), o), c.tier2().get(1),
                new MemberSpec("net", "mlp", List.of(), Map.of("max_epochs", 15, "patience", 3, "hidden", List.of(8)))));
        int[] fold = FoldPlan.assign(posts(n), 4, "random", 2);
        HierarchyTrainer.Fit one = new HierarchyTrainer(c, HierarchyTrainer.REGISTERED, 1).fit(x, y, null, fold, s -> { });
        HierarchyTrainer.Fit four = new HierarchyTrainer(c, HierarchyTrainer.REGISTERED, 4).fit(x, y, null, fold, s -> { });
        for (int e = 0; e < one.oofTier1().length; e++) {
            assertArrayEquals(one.oofTier1()[e], four.oofTier1()[e]);
        }
        for (int f = 0; f < one.oofTier2().length; f++) {
            assertArrayEquals(one.oofTier2()[f], four.oofTier2()[f]);
        }
        assertArrayEquals(one.model().predict(x), four.model().predict(x));
        assertArrayEquals(one.model().blender().weights(), four.model().blender().weights());
        one.model().close();
        four.model().close();
    }

    @Test
    void aFailingFitFailsTheHierarchyWithItsOwnMessage() {
        int n = 200;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 13, y);
        HierarchyConfig c = config(1);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new HierarchyTrainer(c, (spec, seed, t) -> spec.name().equals("eb") ? new RegressionTrainer() {
                    @Override public RegressionModel train(TrainingData d) { throw new IllegalStateException("boom in eb"); }
                    @Override public String family() { return "boom"; }
                    @Override public Map<String, Object> options() { return Map.of(); }
                    @Override public long seed() { return 0; }
                    @Override public int threads() { return 1; }
                    @Override public RegressionTrainer withSeed(long s) { return this; }
                } : new Memo(), 3).fit(x, y, null, FoldPlan.assign(posts(n), 4, "random", 5), s -> { }));
        assertEquals("boom in eb", e.getMessage());
    }

    @Test
    void saveLoadRoundTripGivesEqualPredictions(@TempDir Path dir) throws Exception {
        int n = 300;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 3, y);
        HierarchyTrainer.Fit fit = new HierarchyTrainer(lightgbm(4)).fit(x, y, null,
                FoldPlan.assign(posts(n), 4, "random", 1), s -> { });
        fit.model().save(dir);
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertTrue(loaded instanceof HierarchicalModel);
            assertArrayEquals(fit.model().predict(x), loaded.predict(x));
            HierarchicalModel h = (HierarchicalModel) loaded;
            assertArrayEquals(fit.model().blender().weights(), h.blender().weights());
        }
        double src = io.hyperfusion.data.eval.Metrics.src(y, fit.oofScore());
        assertTrue(src > 0.8, "out-of-fold blend SRC " + src);
        fit.model().close();
    }

    /** Records the row ids of every fit's training and validation sets; stops early, so it gets validation rows. */
    static final class Recorder implements RegressionTrainer {
        final List<double[][]> fits = new java.util.ArrayList<>(); // {train ids, validation ids}

        @Override
        public RegressionModel train(TrainingData d) {
            int id = d.x().schema().indexOf("id#row");
            double[] train = IntStream.range(0, d.x().rows()).mapToDouble(i -> d.x().get(i, id)).toArray();
            double[] valid = d.hasValidation()
                    ? IntStream.range(0, d.validX().rows()).mapToDouble(i -> d.validX().get(i, id)).toArray() : new double[0];
            fits.add(new double[][] {train, valid});
            return new Memo().train(d);
        }
        @Override public boolean stopsEarly() { return true; }
        @Override public String family() { return "recorder"; }
        @Override public Map<String, Object> options() { return Map.of(); }
        @Override public long seed() { return 0; }
        @Override public int threads() { return 1; }
        @Override public RegressionTrainer withSeed(long seed) { return this; }
    }

    @Test
    void membersThatStopEarlyValidateOnTheLatestRowsOfTheirOwnFit() {
        int n = 200;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 5, y);
        // Time runs against the row order: row 199 is the oldest, row 0 the latest.
        int[] rank = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
        int[] fold = FoldPlan.assign(posts(n), 4, "random", 5);
        Recorder rec = new Recorder();
        HierarchyConfig c = config(1);
        // One fit at a time, so the recorder sees the folds in order and then the full fit.
        new HierarchyTrainer(c.withTiers(List.of(), c.tier2()), (spec, seed, t) -> rec, 1)
                .fit(x, y, null, fold, rank, s -> { }, FitProgress.NONE);
        assertEquals(5, rec.fits.size()); // 4 folds and the refit
        for (int f = 0; f < rec.fits.size(); f++) {
            double[] train = rec.fits.get(f)[0];
            double[] valid = rec.fits.get(f)[1];
            int rows = train.length + valid.length;
            long expected = Math.max(Math.round(rows * HierarchyConfig.DEFAULT_EARLY_STOPPING),
                    Math.min(MemberFitter.MIN_VALID, rows / 4));
            assertEquals(expected, valid.length, "fit " + f);
            double latestTrain = java.util.Arrays.stream(train).min().orElseThrow(); // lowest id = latest
            for (double v : valid) {
                assertTrue(v < latestTrain, "fit " + f + ": validation row " + v + " is not later than every training row");
                if (f < 4) {
                    assertTrue(fold[(int) v] != f, "fit " + f + ": validation row " + v + " belongs to the predicted fold");
                }
            }
        }
    }

    @Test
    void patienceStopsAnMlpMemberFitInTheHierarchy() {
        int n = 400;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 6, y);
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian(); // pure noise: the validation loss stops falling almost at once
        }
        List<MemberSpec> t2 = List.of(new MemberSpec("net", "mlp", List.of("a", "b"),
                Map.of("max_epochs", 200, "patience", 2, "hidden", List.of(16))));
        HierarchyConfig c = new HierarchyConfig("all", 2, "random", 0.15, List.of(), t2, 1e-3, PseudoLabelSpec.off(),
                false, 3, 1);
        HierarchyTrainer.Fit fit = new HierarchyTrainer(c).fit(x, y, null, FoldPlan.assign(posts(n), 2, "random", 1), s -> { });
        try (HierarchicalModel m = fit.model()) {
            Map<String, String> facts = m.fusion().get(0).model().provenance().extra();
            assertEquals("100", facts.get("validation_rows"), facts.toString()); // 400 rows: a quarter, not a tenth
            int epochs = Integer.parseInt(facts.get("epochs_run"));
            assertTrue(epochs < 200, "patience 2 should stop the fit long before 200 epochs, ran " + epochs);
            assertEquals(epochs - 2, Integer.parseInt(facts.get("best_epoch")), facts.toString());
        }
    }

    @Test
    void seedsOptionAveragesModelsFittedWithDifferentSeeds(@TempDir Path dir) throws Exception {
        int n = 300;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 7, y);
        Map<String, Object> o = Map.of("num_iterations", 30, "learning_rate", 0.1, "min_data_in_leaf", 5,
                "bagging_fraction", 0.7, "bagging_freq", 1);
        Map<String, Object> bagged = new java.util.TreeMap<>(o);
        bagged.put("seeds", 3);
        HierarchyConfig single = new HierarchyConfig("all", 3, "random", 0.15, List.of(),
                List.of(new MemberSpec("f", "lightgbm", List.of(), o)), 1e-3, PseudoLabelSpec.off(), false, 4, 1);
        HierarchyConfig three = single.withTiers(List.of(), List.of(new MemberSpec("f", "lightgbm", List.of(), bagged)));
        int[] fold = FoldPlan.assign(posts(n), 3, "random", 1);
        HierarchyTrainer.Fit a = new HierarchyTrainer(single).fit(x, y, null, fold, s -> { });
        HierarchyTrainer.Fit b = new HierarchyTrainer(three).fit(x, y, null, fold, s -> { });
        RegressionModel avg = b.model().fusion().get(0).model();
        assertTrue(avg instanceof io.hyperfusion.models.AveragedModel, avg.getClass().getName());
        List<RegressionModel> parts = ((io.hyperfusion.models.AveragedModel) avg).models();
        assertEquals(3, parts.size());
        FeatureMatrix xf = x.selectColumns(b.model().fusion().get(0).columns());
        // The first model keeps the member's seed: it is the single-seed model.
        assertArrayEquals(a.model().fusion().get(0).model().predict(xf), parts.get(0).predict(xf));
        assertFalse(java.util.Arrays.equals(parts.get(0).predict(xf), parts.get(1).predict(xf)));
        double[] mean = new double[n];
        for (RegressionModel m : parts) {
            double[] p = m.predict(xf);
            for (int i = 0; i < n; i++) {
                mean[i] += p[i] / 3;
            }
        }
        assertArrayEquals(mean, avg.predict(xf), 1e-12);
        b.model().save(dir);
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertArrayEquals(b.model().predict(x), loaded.predict(x));
        }
        a.model().close();
        b.model().close();
    }

    @Test
    void meanBlendAveragesTheFusionMembers() {
        int n = 200;
        double[] y = new double[n];
        FeatureMatrix x = matrix(n, 8, y);
        HierarchyTrainer.Fit fit = new HierarchyTrainer(lightgbm(5).withBlend("mean")).fit(x, y, null,
                FoldPlan.assign(posts(n), 4, "random", 1), s -> { });
        try (HierarchicalModel m = fit.model()) {
            assertArrayEquals(new double[] {0.5, 0.5}, m.blender().weights());
            assertEquals(0.0, m.blender().intercept());
        }
    }

    static HierarchyConfig lightgbm(long seed) {
        Map<String, Object> o = Map.of("num_iterations", 60, "learning_rate", 0.1, "min_data_in_leaf", 5);
        List<MemberSpec> t1 = List.of(new MemberSpec("ea", "lightgbm", List.of("a"), o), new MemberSpec("eb", "lightgbm", List.of("b"), o));
        List<MemberSpec> t2 = List.of(new MemberSpec("f1", "lightgbm", List.of(), o),
                new MemberSpec("f2", "xgboost", List.of(), Map.of("num_round", 40, "eta", 0.1, "max_depth", 3)));
        return new HierarchyConfig("all", 4, "random", 0.15, t1, t2, 1e-3, PseudoLabelSpec.off(), false, seed, 1);
    }

    static List<io.hyperfusion.data.Post> posts(int n) {
        return IntStream.range(0, n).mapToObj(i -> io.hyperfusion.data.Post.builder("p" + i, "u" + (i % 37)).label(1.0).build()).toList();
    }
}
