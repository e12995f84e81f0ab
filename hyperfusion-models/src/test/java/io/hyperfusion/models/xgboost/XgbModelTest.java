package io.hyperfusion.models.xgboost;

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
import java.nio.charset.StandardCharsets;
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

/** Contract tests for the XGBoost family on {@link SyntheticRegression}. */
class XgbModelTest {
    private static final XgbParams PARAMS = XgbParams.builder()
            .numRounds(200).eta(0.05).maxDepth(4).minChildWeight(5).subsample(0.8).colsampleBytree(0.9).build();
    private static final XgbTrainer TRAINER = new XgbTrainer(PARAMS, 42, 2);

    private static SyntheticRegression.Data train;
    private static SyntheticRegression.Data test;
    private static XgbModel model;

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
        System.out.printf("XGBoost synthetic R2 = %.4f (200 rounds, 1600 train / 400 test rows, trained in %d ms)%n",
                r2, model.provenance().trainingTimeMs());
        assertTrue(r2 > 0.8, "R2 on held-out rows expected > 0.8, got " + r2);
    }

    @Test
    void sameSeedGivesIdenticalModelAndPredictions() {
        try (XgbModel again = TRAINER.withSeed(42).train(train.training())) {
            assertArrayEquals(model.modelJson(), again.modelJson());
            assertBitIdentical(model.predict(test.x()), again.predict(test.x()));
        }
    }

    @Test
    void otherSeedChangesTheSubsampledModel() {
        try (XgbModel other = TRAINER.withSeed(43).train(train.training())) {
            assertNotEquals(new String(model.modelJson(), StandardCharsets.UTF_8),
                    new String(other.modelJson(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void saveLoadRoundTripGivesEqualPredictions(@TempDir Path dir) throws Exception {
        model.save(dir);
        String json = Files.readString(dir.resolve("xgboost.json"));
        assertTrue(json.startsWith("{") && json.contains("\"learner\""), "not XGBoost's JSON model format");
        assertTrue(Files.readString(dir.resolve("model.json")).contains("\"family\" : \"xgboost\""));
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertInstanceOf(XgbModel.class, loaded);
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
        FeatureMatrix x = new FeatureMatrix(new FeatureSchema(names, cats), test.x().rows(), test.x().values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(x));
        assertTrue(e.getMessage().contains("num#x2") && e.getMessage().contains("num#renamed"), e.getMessage());
    }

    @Test
    void emptyTrainingInputIsRejected() {
        FeatureMatrix empty = new FeatureMatrix(SyntheticRegression.SCHEMA, 0, new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TRAINER.train(TrainingData.of(empty, new double[0])));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(0, model.predict(empty).length);
    }

    @Test
    void exactTreeMethodIsRefusedForNativeCategoricalColumnsOnly() {
        XgbParams exact = PARAMS.toBuilder().treeMethod(XgbParams.TreeMethod.EXACT)
                .categoricalMode(CategoricalMode.NATIVE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XgbTrainer(exact, 1, 1).train(train.training()));
        assertTrue(e.getMessage().contains("exact") && e.getMessage().contains("ordinal"), e.getMessage());
        XgbParams exactOrdinal = exact.toBuilder().categoricalMode(CategoricalMode.ORDINAL).build();
        try (XgbModel m = new XgbTrainer(exactOrdinal, 1, 1).train(train.training())) {
            assertEquals(test.x().rows(), m.predict(test.x()).length);
        }
    }

    @Test
    void missingValuesAreAccepted() {
        double[] v = test.x().values();
        for (int i = 0; i < v.length; i += 7) {
            v[i] = Double.NaN;
        }
        double[] pred = model.predict(new FeatureMatrix(SyntheticRegression.SCHEMA, test.x().rows(), v));
        for (double p : pred) {
            assertTrue(Double.isFinite(p));
        }
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
            // XGBoost computes in float32: allow float rounding of a sum of six terms.
            assertEquals(pred[r], sum, 1e-4, "row " + r);
        }
        assertTrue(meanAbs(contrib, 3) * 3 < meanAbs(contrib, 0),
                "x3 " + meanAbs(contrib, 3) + " vs x0 " + meanAbs(contrib, 0));
        // cat#level carries a real effect (-1.5..2.0): it must get a clearly non-zero share.
        assertTrue(meanAbs(contrib, 4) > 0.3, "cat#level " + meanAbs(contrib, 4));
    }

    @Test
    void categoricalColumnIsANumberByDefault() {
        String json = new String(model.modelJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"feature_types\":[\"q\",\"q\",\"q\",\"q\",\"q\"]"), "feature types");
        assertFalse(json.matches("(?s).*\"categories\":\\[[0-9].*"), "a categorical split in an ordinal model");
    }

    @Test
    void nativeCategoricalModeSplitsNativelyAndSurvivesReload(@TempDir Path dir) throws Exception {
        XgbParams nativeCats = PARAMS.toBuilder().categoricalMode(CategoricalMode.NATIVE).build();
        try (XgbModel m = new XgbTrainer(nativeCats, 42, 1).train(train.training())) {
            String json = new String(m.modelJson(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"feature_types\":[\"q\",\"q\",\"q\",\"q\",\"c\"]"), "feature types");
            // A categorical split lists its categories; trees with none have only empty "categories" arrays.
            assertTrue(json.matches("(?s).*\"categories\":\\[[0-9].*"), "no categorical split in the model");
            m.save(dir);
            try (RegressionModel loaded = ModelIO.load(dir)) {
                assertArrayEquals(m.predict(test.x()), loaded.predict(test.x()));
            }
        }
    }

    @Test
    void earlyStoppingStopsOnANoiseTargetAndKeepsTheBestTrees() {
        SyntheticRegression.Data noise = SyntheticRegression.noise(1500, 11);
        SyntheticRegression.Data fitPart = noise.slice(0, 1000);
        SyntheticRegression.Data validPart = noise.slice(1000, 1500);
        XgbParams p = PARAMS.toBuilder().numRounds(500).earlyStoppingRounds(20).build();
        TrainingData data = fitPart.training().withValidation(validPart.x(), validPart.y());
        try (XgbModel m = new XgbTrainer(p, 1, 2).train(data)) {
            int run = Integer.parseInt(m.provenance().extra().get("iterations_run"));
            System.out.printf("XGBoost early stopping on noise: best %d trees, %d rounds run of 500%n", m.trees(), run);
            assertTrue(run < 500, "expected early stop before 500 rounds, ran " + run);
            assertEquals(run - 20, m.trees(), "stops exactly 20 rounds after the best");
            assertEquals(Integer.toString(m.trees()), m.provenance().extra().get("best_iteration"));
        }
    }

    @Test
    void everyObjectiveTrainsWithEarlyStoppingOnItsMetric() {
        SyntheticRegression.Data fitPart = train.slice(0, 400);
        SyntheticRegression.Data validPart = train.slice(400, 600);
        for (XgbParams.Objective o : XgbParams.Objective.values()) {
            XgbParams p = PARAMS.toBuilder().objective(o).numRounds(60).eta(0.2).earlyStoppingRounds(5).build();
            TrainingData data = fitPart.training().withValidation(validPart.x(), validPart.y());
            try (XgbModel m = new XgbTrainer(p, 3, 1).train(data)) {
                double r2 = r2(test.y(), m.predict(test.x()));
                assertTrue(r2 > 0.5, o + ": R2 " + r2);
                assertTrue(new String(m.modelJson(), StandardCharsets.UTF_8).contains(o.nativeName()), o.nativeName());
            }
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
        XgbModel m = TRAINER.train(train.slice(0, 300).training());
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predict(test.x()));
        m.save(dir);
        try (XgbModel loaded = XgbModel.load(dir, 1)) {
            assertEquals(test.x().rows(), loaded.predict(test.x()).length);
        }
    }

    @Test
    void provenanceRecordsHowTheModelWasMade() {
        var p = model.provenance();
        assertEquals("xgboost", p.family());
        assertEquals("xgboost4j", p.libraryName());
        assertEquals("3.4.0", p.libraryVersion());
        assertEquals(1600, p.trainingRows());
        assertEquals(5, p.featureCount());
        assertEquals(42, p.seed());
        assertEquals(2, p.threads());
        assertEquals(200L, p.options().get("num_round"));
        assertFalse(Boolean.parseBoolean(p.extra().get("early_stopping")));
        assertEquals(200, model.trees());
    }

    static void assertBitIdentical(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
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
