package io.hyperfusion.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.Fits;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the XGBoost family does (the shared contract is {@code FamilyContractTest}). */
class XgbTest {
    private static final XgbParams PARAMS = XgbParams.OPTIONS.builder().set("num_round", 200).set("eta", 0.05)
            .set("max_depth", 4).set("min_child_weight", 5).set("subsample", 0.8).set("colsample_bytree", 0.9).build();
    private static final XgbTrainer TRAINER = new XgbTrainer(PARAMS, 42, 2);

    private static final SyntheticRegression.Data train = Fits.TRAIN;
    private static final SyntheticRegression.Data test = Fits.TEST;
    private static XgbModel model;

    @BeforeAll
    static void fit() {
        model = TRAINER.train(train.training());
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void qualityOnHeldOutRowsAndTreeShapExplanations() {
        double r2 = Fits.r2(test.y(), model.predict(test.x()));
        System.out.printf("XGBoost synthetic R2 = %.4f (200 rounds, 1600 train / 400 test rows)%n", r2);
        assertTrue(r2 > 0.8, "R2 on held-out rows expected > 0.8, got " + r2);
        // XGBoost computes in float32: allow float rounding of a sum of six terms.
        Fits.assertContributionsExplain(model, test.x(), 1e-4);
        // cat#level carries a real effect (-1.5..2.0): it must get a clearly non-zero share.
        assertTrue(Fits.meanAbs(model.contributions(test.x()), 4) > 0.3);
    }

    @Test
    void otherSeedChangesTheSubsampledModel() {
        try (XgbModel other = new XgbTrainer(PARAMS, 43, 2).train(train.training())) {
            assertNotEquals(new String(model.modelJson(), StandardCharsets.UTF_8),
                    new String(other.modelJson(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void savedModelIsXgboostsOwnJsonFormat(@TempDir Path dir) throws Exception {
        model.save(dir);
        String json = java.nio.file.Files.readString(dir.resolve("xgboost.json"));
        assertTrue(json.startsWith("{") && json.contains("\"learner\""), "not XGBoost's JSON model format");
    }

    @Test
    void exactTreeMethodIsRefusedForNativeCategoricalColumnsOnly() {
        XgbParams exact = XgbParams.OPTIONS.builder(PARAMS).set(XgbParams.TREE_METHOD, XgbParams.TreeMethod.EXACT)
                .set(CategoricalMode.OPTION, CategoricalMode.NATIVE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XgbTrainer(exact, 1, 1).train(train.training()));
        assertTrue(e.getMessage().contains("exact") && e.getMessage().contains("ordinal"), e.getMessage());
        XgbParams exactOrdinal = XgbParams.OPTIONS.builder(exact).set(CategoricalMode.OPTION, CategoricalMode.ORDINAL).build();
        try (XgbModel m = new XgbTrainer(exactOrdinal, 1, 1).train(train.training())) {
            assertEquals(test.x().rows(), m.predict(test.x()).length);
        }
    }

    /**
     * The pseudo-Huber loss starts from the labels' median: from XGBoost's default start of 0.5, labels around 100
     * made the first Newton steps explode (MAE 10^6 here; MAE 14 on a real video window).
     */
    @Test
    void pseudoHuberStartsFromTheLabelsMedian() {
        double[] y = train.training().y().clone();
        double[] yTest = test.y().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += 100;
        }
        for (int i = 0; i < yTest.length; i++) {
            yTest[i] += 100;
        }
        XgbParams huber = XgbParams.OPTIONS.builder(PARAMS).set(XgbParams.OBJECTIVE, XgbParams.Objective.PSEUDO_HUBER_ERROR)
                .set("num_round", 20).build();
        try (XgbModel m = new XgbTrainer(huber, 1, 1).train(TrainingData.of(train.x(), y))) {
            double[] p = m.predict(test.x());
            double mae = 0;
            for (int i = 0; i < p.length; i++) {
                mae += Math.abs(p[i] - yTest[i]) / p.length;
            }
            assertTrue(mae < 3, "pseudo-Huber predictions should be on the labels' scale; MAE " + mae);
        }
    }

    @Test
    void pairwiseRankingLearnsTheOrderAndCannotStopEarly() {
        XgbParams rank = XgbParams.OPTIONS.builder(PARAMS).set(XgbParams.OBJECTIVE, XgbParams.Objective.RANK_PAIRWISE)
                .set("num_round", 200).build();
        assertEquals("mean", rank.nativeParameters().get("lambdarank_pair_method"));
        assertEquals(1, rank.nativeParameters().get("lambdarank_num_pair_per_sample"));
        double rankSrc;
        try (XgbModel m = new XgbTrainer(rank, 7, 1).train(train.training())) {
            rankSrc = io.hyperfusion.data.eval.Metrics.src(test.y(), m.predict(test.x()));
        }
        double regSrc = io.hyperfusion.data.eval.Metrics.src(test.y(), model.predict(test.x()));
        assertTrue(rankSrc > 0.8 && rankSrc > regSrc - 0.05, "ranking SRC " + rankSrc + " vs regression " + regSrc);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XgbParams.OPTIONS.builder(PARAMS)
                .set(XgbParams.OBJECTIVE, XgbParams.Objective.RANK_PAIRWISE).set("early_stopping_rounds", 20).build());
        assertTrue(e.getMessage().contains("early_stopping_rounds"), e.getMessage());
    }

    @Test
    void missingValuesAreAccepted() {
        double[] v = test.x().values();
        for (int i = 0; i < v.length; i += 7) {
            v[i] = Double.NaN;
        }
        for (double p : model.predict(new FeatureMatrix(SyntheticRegression.SCHEMA, test.x().rows(), v))) {
            assertTrue(Double.isFinite(p));
        }
    }

    @Test
    void categoricalColumnIsANumberByDefaultAndNativeOnRequest(@TempDir Path dir) throws Exception {
        String json = new String(model.modelJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"feature_types\":[\"q\",\"q\",\"q\",\"q\",\"q\"]"), "feature types");
        assertFalse(json.matches("(?s).*\"categories\":\\[[0-9].*"), "a categorical split in an ordinal model");
        XgbParams nativeCats = XgbParams.OPTIONS.builder(PARAMS).set(CategoricalMode.OPTION, CategoricalMode.NATIVE).build();
        try (XgbModel m = new XgbTrainer(nativeCats, 42, 1).train(train.training())) {
            String nj = new String(m.modelJson(), StandardCharsets.UTF_8);
            assertTrue(nj.contains("\"feature_types\":[\"q\",\"q\",\"q\",\"q\",\"c\"]"), "feature types");
            assertTrue(nj.matches("(?s).*\"categories\":\\[[0-9].*"), "no categorical split in the model");
            m.save(dir);
            try (RegressionModel loaded = ModelIO.load(dir)) {
                assertArrayEquals(m.predict(test.x()), loaded.predict(test.x()));
            }
        }
    }

    @Test
    void earlyStoppingStopsOnANoiseTargetAndKeepsTheBestTrees() {
        SyntheticRegression.Data noise = SyntheticRegression.noise(1500, 11);
        XgbParams p = XgbParams.OPTIONS.builder(PARAMS).set("num_round", 500).set("early_stopping_rounds", 20).build();
        TrainingData data = noise.slice(0, 1000).training().withValidation(noise.slice(1000, 1500).x(),
                noise.slice(1000, 1500).y());
        try (XgbModel m = new XgbTrainer(p, 1, 2).train(data)) {
            int run = Integer.parseInt(m.provenance().extra().get("iterations_run"));
            assertTrue(run < 500, "expected early stop before 500 rounds, ran " + run);
            assertEquals(run - 20, m.trees(), "stops exactly 20 rounds after the best");
            assertEquals(Integer.toString(m.trees()), m.provenance().extra().get("best_iteration"));
        }
    }

    @Test
    void everyObjectiveTrainsWithEarlyStoppingOnItsMetric() {
        TrainingData data = train.slice(0, 400).training().withValidation(train.slice(400, 600).x(),
                train.slice(400, 600).y());
        for (XgbParams.Objective o : XgbParams.Objective.values()) {
            if (o == XgbParams.Objective.RANK_PAIRWISE) {
                continue; // cannot stop early: pairwiseRankingLearnsTheOrderAndCannotStopEarly
            }
            XgbParams p = XgbParams.OPTIONS.builder(PARAMS).set(XgbParams.OBJECTIVE, o).set("num_round", 60).set("eta", 0.2)
                    .set("early_stopping_rounds", 5).build();
            assertEquals(o.metric(), p.nativeParameters().get("eval_metric"));
            try (XgbModel m = new XgbTrainer(p, 3, 1).train(data)) {
                double r2 = Fits.r2(test.y(), m.predict(test.x()));
                assertTrue(r2 > 0.5, o + ": R2 " + r2);
                assertTrue(new String(m.modelJson(), StandardCharsets.UTF_8).contains(o.optionValue()), o.optionValue());
            }
        }
    }

    @Test
    void provenanceNamesTheLibrary() {
        var p = model.provenance();
        assertEquals("xgboost4j", p.libraryName());
        assertEquals("3.4.0", p.libraryVersion());
        assertEquals(200, model.trees());
        assertFalse(Boolean.parseBoolean(p.extra().get("early_stopping")));
        assertEquals(2.0, XgbParams.OPTIONS.builder(PARAMS).set("objective", "reg:pseudohubererror").set("huber_slope", 2).build()
                .nativeParameters().get("huber_slope"));
        assertFalse(PARAMS.nativeParameters().containsKey("huber_slope"));
    }
}
