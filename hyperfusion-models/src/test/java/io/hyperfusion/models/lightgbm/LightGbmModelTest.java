package io.hyperfusion.models.lightgbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests for the LightGBM family on {@link SyntheticRegression}. */
class LightGbmModelTest {
    private static final LightGbmParams PARAMS = LightGbmParams.builder()
            .numIterations(300).learningRate(0.05).numLeaves(15).minDataInLeaf(10)
            .bagging(0.8, 1).featureFraction(0.9).build();
    private static final LightGbmTrainer TRAINER = new LightGbmTrainer(PARAMS, 42, 2);

    private static SyntheticRegression.Data train;
    private static SyntheticRegression.Data test;
    private static LightGbmModel model;

    @BeforeAll
    static void fit() {
        SyntheticRegression.Data all = SyntheticRegression.nonlinear(2000, 0.5, 7);
        train = all.slice(0, 1600);
        test = all.slice(1600, 2000);
        model = TRAINER.train(train.training());
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void qualityAboveFloorOnHeldOutRows() {
        double r2 = r2(test.y(), model.predict(test.x()));
        System.out.printf("LightGBM synthetic R2 = %.4f (300 iterations, 1600 train / 400 test rows, trained in %d ms)%n",
                r2, model.provenance().trainingTimeMs());
        // The signal explains ~95% of the variance (noise sd 0.5), so a good fit lands near 0.9-0.95.
        assertTrue(r2 > 0.8, "R2 on held-out rows expected > 0.8, got " + r2);
    }

    @Test
    void sameSeedGivesIdenticalModelAndPredictions() {
        try (LightGbmModel again = TRAINER.withSeed(42).train(train.training())) {
            assertEquals(model.modelText(), again.modelText());
            assertBitIdentical(model.predict(test.x()), again.predict(test.x()));
        }
    }

    @Test
    void otherSeedChangesTheBaggedModel() {
        try (LightGbmModel other = TRAINER.withSeed(43).train(train.training())) {
            assertNotEquals(model.modelText(), other.modelText());
        }
    }

    @Test
    void saveLoadRoundTripGivesEqualPredictions(@TempDir Path dir) throws Exception {
        model.save(dir);
        assertTrue(Files.isRegularFile(dir.resolve("model.txt")));
        assertTrue(Files.readString(dir.resolve("model.json")).contains("\"family\" : \"lightgbm\""));
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertInstanceOf(LightGbmModel.class, loaded);
            assertEquals(model.schema(), loaded.schema());
            assertEquals(model.provenance(), loaded.provenance());
            assertBitIdentical(model.predict(test.x()), loaded.predict(test.x()));
        }
    }

    @Test
    void schemaMismatchNamesTheColumn() {
        List<String> names = new ArrayList<>(SyntheticRegression.SCHEMA.names());
        names.set(2, "num#renamed");
        BitSet cats = new BitSet();
        cats.set(4);
        FeatureSchema wrong = new FeatureSchema(names, cats);
        FeatureMatrix x = new FeatureMatrix(wrong, test.x().rows(), test.x().values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(x));
        assertTrue(e.getMessage().contains("num#x2") && e.getMessage().contains("num#renamed"), e.getMessage());
    }

    @Test
    void emptyTrainingInputIsRejected() {
        FeatureMatrix empty = new FeatureMatrix(SyntheticRegression.SCHEMA, 0, new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TRAINER.train(TrainingData.of(empty, new double[0])));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
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
        TrainingData weighted = TrainingData.of(train.x(), y).withWeights(w);
        try (LightGbmModel m = TRAINER.train(weighted)) {
            double r2 = r2(test.y(), m.predict(test.x()));
            assertTrue(r2 > 0.8, "zero-weight rows leaked into the fit: R2 " + r2);
        }
    }

    @Test
    void emptyPredictionInputGivesEmptyOutput() {
        assertEquals(0, model.predict(new FeatureMatrix(SyntheticRegression.SCHEMA, 0, new double[0])).length);
    }

    @Test
    void contributionsSumToPrediction() {
        double[] pred = model.predict(test.x());
        double[][] contrib = model.contributions(test.x());
        assertEquals(test.x().rows(), contrib.length);
        for (int r = 0; r < contrib.length; r++) {
            assertEquals(SyntheticRegression.SCHEMA.size() + 1, contrib[r].length);
            double sum = 0;
            for (double c : contrib[r]) {
                sum += c;
            }
            assertEquals(pred[r], sum, 1e-6, "row " + r);
        }
        // The pure-noise column num#x3 must matter far less than the signal column num#x0.
        assertTrue(meanAbs(contrib, 3) * 3 < meanAbs(contrib, 0),
                "x3 " + meanAbs(contrib, 3) + " vs x0 " + meanAbs(contrib, 0));
    }

    @Test
    void earlyStoppingStopsBeforeNumIterationsOnANoiseTarget() {
        SyntheticRegression.Data noise = SyntheticRegression.noise(1500, 11);
        SyntheticRegression.Data fitPart = noise.slice(0, 1000);
        SyntheticRegression.Data validPart = noise.slice(1000, 1500);
        LightGbmParams p = PARAMS.toBuilder().numIterations(500).earlyStoppingRounds(20).build();
        TrainingData data = fitPart.training().withValidation(validPart.x(), validPart.y());
        try (LightGbmModel m = new LightGbmTrainer(p, 1, 2).train(data)) {
            int run = Integer.parseInt(m.provenance().extra().get("iterations_run"));
            System.out.printf("early stopping on noise: best iteration %d, iterations run %d of 500%n",
                    m.bestIteration(), run);
            assertTrue(run < 500, "expected early stop before 500 iterations, ran " + run);
            assertEquals(run - 20, m.bestIteration(), "stops exactly 20 rounds after the best");
            assertEquals(m.bestIteration(), LightGbmModel.countTrees(m.modelText()));
        }
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        double[] expected = model.predict(test.x());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> model.predict(test.x())));
            }
            for (Future<double[]> f : futures) {
                assertBitIdentical(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void closedModelRefusesToPredictButStillSaves(@TempDir Path dir) throws Exception {
        LightGbmModel m = TRAINER.train(train.slice(0, 300).training());
        m.close();
        m.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> m.predict(test.x()));
        m.save(dir);
        try (LightGbmModel loaded = LightGbmModel.load(dir, 1)) {
            assertEquals(test.x().rows(), loaded.predict(test.x()).length);
        }
    }

    @Test
    void provenanceRecordsHowTheModelWasMade() {
        var p = model.provenance();
        assertEquals("lightgbm", p.family());
        assertEquals("lightgbm4j", p.libraryName());
        assertEquals("4.3.0-1", p.libraryVersion());
        assertEquals(1600, p.trainingRows());
        assertEquals(5, p.featureCount());
        assertEquals(42, p.seed());
        assertEquals(2, p.threads());
        assertEquals(300L, p.options().get("num_iterations"));
        assertFalse(Boolean.parseBoolean(p.extra().get("early_stopping")));
        assertEquals(300, model.bestIteration());
        // By default cat#level goes in as its (frequency-ranked) code: no categorical splits.
        assertEquals("ordinal", p.options().get("categorical_mode"));
        assertTrue(model.modelText().lines().noneMatch(l -> l.startsWith("num_cat=") && !l.equals("num_cat=0")));
    }

    @Test
    void nativeCategoricalModeSplitsByCategoryAndSurvivesReload(@TempDir Path dir) throws Exception {
        LightGbmParams nativeCats = PARAMS.toBuilder().categoricalMode(CategoricalMode.NATIVE).build();
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

    static void assertBitIdentical(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
        assertArrayEquals(a, b);
    }

    static double r2(double[] y, double[] pred) {
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - pred[i]) * (y[i] - pred[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - ssRes / ssTot;
    }

    private static double meanAbs(double[][] m, int col) {
        double s = 0;
        for (double[] row : m) {
            s += Math.abs(row[col]);
        }
        return s / m.length;
    }
}
