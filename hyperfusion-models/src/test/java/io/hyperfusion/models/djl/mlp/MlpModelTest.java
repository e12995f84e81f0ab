package io.hyperfusion.models.djl.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.Fits;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the MLP family does (the shared contract is {@code FamilyContractTest}) on {@link SyntheticAuthors} (60 authors; 1200 train / 300 valid / 500 test). */
class MlpModelTest {
    private static final MlpParams PARAMS = MlpParams.OPTIONS.builder().set("hidden", "32, 16").set("dropout", 0.1)
            .set("batch_norm", true).set("key_column", SyntheticAuthors.AUTHOR_COLUMN).set("embedding_dim", 4)
            .set("batch_size", 128).set("learning_rate", 0.01).set("max_epochs", 80).set("patience", 10).build();
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
        double with = Fits.r2(test.y(), model.predict(test.x()));
        MlpParams noKey = MlpParams.OPTIONS.builder(PARAMS).set(MlpParams.KEY_COLUMN, null).build();
        SyntheticRegression.Data tr = withoutAuthor(train);
        SyntheticRegression.Data te = withoutAuthor(test);
        try (MlpModel without = new MlpTrainer(noKey, 42, 1).train(data(tr, withoutAuthor(valid)))) {
            double r2Without = Fits.r2(te.y(), without.predict(te.x()));
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


    @Test
    void anotherSeedGivesAnotherModel() {
        try (MlpModel other = new MlpTrainer(PARAMS, 7, 1).train(data(train, valid))) {
            assertFalse(java.util.Arrays.equals(model.parameters(), other.parameters()));
        }
    }





    @Test
    void keyColumnMustBeACategoricalColumnOfTheSchema() {
        MlpTrainer numericKey = new MlpTrainer(MlpParams.OPTIONS.builder(PARAMS).set("key_column", "num#x0").build(), 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> numericKey.train(train.training()));
        assertTrue(e.getMessage().contains("num#x0") && e.getMessage().contains("numeric"), e.getMessage());
        MlpTrainer missing = new MlpTrainer(MlpParams.OPTIONS.builder(PARAMS).set("key_column", "user#nope").build(), 1, 2);
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
