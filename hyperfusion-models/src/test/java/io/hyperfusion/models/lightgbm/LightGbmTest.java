package io.hyperfusion.models.lightgbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.Fits;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the LightGBM family does (the shared contract is {@code FamilyContractTest}). */
class LightGbmTest {
    private static final LightGbmParams PARAMS = LightGbmParams.OPTIONS.builder().set("num_iterations", 300)
            .set("learning_rate", 0.05).set("num_leaves", 15).set("min_data_in_leaf", 10).set("bagging_fraction", 0.8)
            .set("bagging_freq", 1).set("feature_fraction", 0.9).build();
    private static final LightGbmTrainer TRAINER = new LightGbmTrainer(PARAMS, 42, 2);

    private static final SyntheticRegression.Data train = Fits.TRAIN;
    private static final SyntheticRegression.Data test = Fits.TEST;
    private static LightGbmModel model;

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
        System.out.printf("LightGBM synthetic R2 = %.4f (300 iterations, 1600 train / 400 test rows)%n", r2);
        // The signal explains ~95% of the variance (noise sd 0.5), so a good fit lands near 0.9-0.95.
        assertTrue(r2 > 0.8, "R2 on held-out rows expected > 0.8, got " + r2);
        Fits.assertContributionsExplain(model, test.x(), 1e-6);
    }

    @Test
    void extraTreesAreRandomisedSplitsThatStillFit() {
        assertTrue(!PARAMS.nativeTrainingParameters().contains("extra_trees"), "off by default and not passed");
        LightGbmParams xt = LightGbmParams.OPTIONS.builder(PARAMS).set(LightGbmParams.EXTRA_TREES, true).build();
        assertTrue(xt.nativeTrainingParameters().contains("extra_trees=true"), xt.nativeTrainingParameters());
        try (LightGbmModel m = new LightGbmTrainer(xt, 42, 2).train(train.training())) {
            assertTrue(m.modelText().contains("[extra_trees: 1]"), "LightGBM records the option in its model");
            assertNotEquals(model.modelText(), m.modelText());
            double r2 = Fits.r2(test.y(), m.predict(test.x()));
            assertTrue(r2 > 0.7, "extra trees R2 " + r2);
        }
    }

    @Test
    void otherSeedChangesTheBaggedModel() {
        try (LightGbmModel other = new LightGbmTrainer(PARAMS, 43, 2).train(train.training())) {
            assertNotEquals(model.modelText(), other.modelText());
        }
    }

    @Test
    void zeroWeightRowsAreIgnored() {
        // Corrupt the first half of the targets by +50 but give those rows weight 0: the fit must not notice.
        double[] y = train.y().clone();
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            boolean corrupt = i < y.length / 2;
            y[i] += corrupt ? 50 : 0;
            w[i] = corrupt ? 0 : 1;
        }
        try (LightGbmModel m = TRAINER.train(TrainingData.of(train.x(), y).withWeights(w))) {
            double r2 = Fits.r2(test.y(), m.predict(test.x()));
            assertTrue(r2 > 0.8, "zero-weight rows leaked into the fit: R2 " + r2);
        }
    }

    @Test
    void earlyStoppingStopsBeforeNumIterationsOnANoiseTarget() {
        SyntheticRegression.Data noise = SyntheticRegression.noise(1500, 11);
        LightGbmParams p = LightGbmParams.OPTIONS.builder(PARAMS).set("num_iterations", 500).set("early_stopping_rounds", 20).build();
        TrainingData data = noise.slice(0, 1000).training().withValidation(noise.slice(1000, 1500).x(),
                noise.slice(1000, 1500).y());
        try (LightGbmModel m = new LightGbmTrainer(p, 1, 2).train(data)) {
            int run = Integer.parseInt(m.provenance().extra().get("iterations_run"));
            assertTrue(run < 500, "expected early stop before 500 iterations, ran " + run);
            assertEquals(run - 20, m.bestIteration(), "stops exactly 20 rounds after the best");
            assertEquals(m.bestIteration(), LightGbmModel.countTrees(m.modelText()));
        }
    }

    @Test
    void provenanceNamesTheLibraryAndCategoricalsAreOrdinalByDefault() {
        var p = model.provenance();
        assertEquals("lightgbm4j", p.libraryName());
        assertEquals("4.3.0-1", p.libraryVersion());
        assertEquals(2, p.threads());
        assertFalse(Boolean.parseBoolean(p.extra().get("early_stopping")));
        assertEquals(300, model.bestIteration());
        assertEquals("ordinal", p.options().get("categorical_mode"));
        assertTrue(model.modelText().lines().noneMatch(l -> l.startsWith("num_cat=") && !l.equals("num_cat=0")));
    }

    @Test
    void nativeCategoricalModeSplitsByCategoryAndSurvivesReload(@TempDir Path dir) throws Exception {
        LightGbmParams nativeCats = LightGbmParams.OPTIONS.builder(PARAMS).set(CategoricalMode.OPTION, CategoricalMode.NATIVE).build();
        try (LightGbmModel m = new LightGbmTrainer(nativeCats, 42, 1).train(train.training())) {
            assertTrue(m.modelText().contains("[categorical_feature: 4]"), "categorical_feature missing");
            assertTrue(m.modelText().lines().anyMatch(l -> l.startsWith("num_cat=") && !l.equals("num_cat=0")));
            m.save(dir);
            try (RegressionModel loaded = ModelIO.load(dir)) {
                assertEquals("native", loaded.provenance().options().get("categorical_mode"));
                assertArrayEquals(m.predict(test.x()), loaded.predict(test.x()));
            }
        }
    }

    @Test
    void nativeParametersUsePlainDecimalsAndLeaveOutOurOwnOptions() {
        String s = LightGbmParams.OPTIONS.builder().set("learning_rate", 1e-4).build().nativeTrainingParameters();
        assertTrue(s.contains("learning_rate=0.0001") && s.contains("metric=l2"), s);
        assertFalse(s.contains("categorical_mode") || s.contains("num_iterations") || s.contains("early_stopping"), s);
    }
}
