package io.hyperfusion.models.djl.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.djl.Gc;
import io.hyperfusion.models.djl.Metrics;
import io.hyperfusion.models.djl.NetAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests for the MLP family on {@link SyntheticAuthors} (60 authors; 1200 train / 300 valid / 500 test). */
class MlpModelTest {
    private static final MlpParams PARAMS = MlpParams.builder().hidden(32, 16).dropout(0.1).batchNorm(true)
            .keyColumn(SyntheticAuthors.AUTHOR_COLUMN).embeddingDim(4).batchSize(128).learningRate(0.01)
            .maxEpochs(80).patience(10).build();
    private static final MlpTrainer TRAINER = new MlpTrainer(PARAMS, 42, 1);

    private static SyntheticRegression.Data test;
    private static SyntheticRegression.Data train;
    private static SyntheticRegression.Data valid;
    private static MlpModel model;

    @BeforeAll
    static void fit() {
        SyntheticRegression.Data all = SyntheticAuthors.generate(2000, 60, 11);
        train = all.slice(0, 1200);
        valid = all.slice(1200, 1500);
        test = all.slice(1500, 2000);
        model = TRAINER.train(data(train, valid));
    }

    private static TrainingData data(SyntheticRegression.Data tr, SyntheticRegression.Data va) {
        return tr.training().withValidation(va.x(), va.y());
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void authorEmbeddingBeatsTheSameNetWithoutTheAuthor() {
        double with = Metrics.r2(test.y(), model.predict(test.x()));
        MlpParams noKey = PARAMS.toBuilder().keyColumn(null).build();
        SyntheticRegression.Data tr = withoutAuthor(train);
        SyntheticRegression.Data te = withoutAuthor(test);
        try (MlpModel without = new MlpTrainer(noKey, 42, 1).train(data(tr, withoutAuthor(valid)))) {
            double r2Without = Metrics.r2(te.y(), without.predict(te.x()));
            System.out.printf("MLP author-offset R2: with embedding %.4f (%d ms, best epoch %s), without author %.4f"
                    + " (%d ms)%n", with, model.provenance().trainingTimeMs(), model.provenance().extra().get("best_epoch"),
                    r2Without, without.provenance().trainingTimeMs());
            // Offsets carry about half the variance: without the author R2 is capped near 0.5.
            assertTrue(with > 0.85, "R2 with author embedding expected > 0.85, got " + with);
            assertTrue(r2Without < 0.6, "R2 without the author expected < 0.6, got " + r2Without);
        }
    }

    @Test
    void unseenAndMissingAuthorsShareTheUnknownRow() {
        FeatureMatrix.Builder b = FeatureMatrix.builder(SyntheticAuthors.SCHEMA, 3);
        double[] codes = {999, Double.NaN, -1};
        for (int r = 0; r < 3; r++) {
            b.set(r, 0, 0.3).set(r, 1, -0.4).set(r, 2, 0).set(r, 3, 0).set(r, 4, codes[r]);
        }
        double[] p = model.predict(b.build());
        assertTrue(Double.isFinite(p[0]), "prediction " + p[0]);
        assertEquals(p[0], p[1]);
        assertEquals(p[0], p[2]);
    }

    /** Same seed, bit-identical model, even while another thread keeps the garbage collector busy. */
    @Test
    void sameSeedGivesIdenticalParametersAndPredictionsWhileTheCollectorRuns() throws Exception {
        try (Gc gc = Gc.hammer();
             MlpModel again = TRAINER.withSeed(42).train(data(train, valid))) {
            assertArrayEquals(model.parameters(), again.parameters());
            assertArrayEquals(model.predict(test.x()), again.predict(test.x()));
            assertTrue(gc.collections() > 0, "the collector did not run");
        }
    }

    @Test
    void anotherSeedGivesAnotherModel() {
        try (MlpModel other = TRAINER.withSeed(7).train(data(train, valid))) {
            assertFalse(java.util.Arrays.equals(model.parameters(), other.parameters()));
        }
    }

    /** Serving scores one post at a time: it must get the bit-identical score the batch gives. */
    @Test
    void aRowScoresTheSameAloneAndInABatch() {
        NetAssertions.assertRowsScoreAloneAsInTheBatch(model, test.x());
    }

    @Test
    void saveLoadRoundTripGivesEqualPredictions(@TempDir Path dir) throws Exception {
        model.save(dir);
        assertTrue(Files.isRegularFile(dir.resolve("parameters.djl")));
        assertTrue(Files.readString(dir.resolve("model.json")).contains("\"family\" : \"mlp\""));
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertInstanceOf(MlpModel.class, loaded);
            assertEquals(model.provenance(), loaded.provenance());
            assertEquals(PARAMS, ((MlpModel) loaded).params());
            assertArrayEquals(model.predict(test.x()), loaded.predict(test.x()));
        }
    }

    @Test
    void schemaMismatchIsRejected() {
        FeatureSchema other = withoutAuthor(test).x().schema();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(withoutAuthor(test).x()));
        assertTrue(e.getMessage().contains("expected 5 columns, got 4"), e.getMessage() + " " + other);
    }

    @Test
    void emptyTrainingInputIsRejected() {
        FeatureMatrix empty = new FeatureMatrix(SyntheticAuthors.SCHEMA, 0, new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TRAINER.train(TrainingData.of(empty, new double[0])));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void keyColumnMustBeACategoricalColumnOfTheSchema() {
        MlpTrainer numericKey = new MlpTrainer(PARAMS.toBuilder().keyColumn("num#x0").build(), 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> numericKey.train(train.training()));
        assertTrue(e.getMessage().contains("num#x0") && e.getMessage().contains("numeric"), e.getMessage());
        MlpTrainer missing = new MlpTrainer(PARAMS.toBuilder().keyColumn("user#nope").build(), 1, 2);
        assertThrows(IllegalArgumentException.class, () -> missing.train(train.training()));
    }

    /** The same rows without the author column. */
    static SyntheticRegression.Data withoutAuthor(SyntheticRegression.Data d) {
        FeatureSchema schema = new FeatureSchema(List.of("num#x0", "num#x1", "num#x2", "num#x3"), new BitSet());
        FeatureMatrix.Builder b = FeatureMatrix.builder(schema, d.x().rows());
        for (int r = 0; r < d.x().rows(); r++) {
            for (int c = 0; c < 4; c++) {
                b.set(r, c, d.x().get(r, c));
            }
        }
        return new SyntheticRegression.Data(b.build(), d.y());
    }
}
