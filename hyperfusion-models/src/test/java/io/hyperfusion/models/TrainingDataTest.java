package io.hyperfusion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
    private final SyntheticRegression.Data data = SyntheticRegression.nonlinear(10, 0.1, 1);

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void emptyInputIsRejected() {
        FeatureMatrix empty = new FeatureMatrix(SyntheticRegression.SCHEMA, 0, new double[0]);
        assertTrue(message(() -> TrainingData.of(empty, new double[0])).contains("expected at least 1 row, got 0"));
    }

    @Test
    void labelCountMustMatchRows() {
        String m = message(() -> TrainingData.of(data.x(), new double[9]));
        assertTrue(m.contains("expected 10") && m.contains("got 9"), m);
    }

    @Test
    void nanLabelIsRejectedWithItsIndex() {
        double[] y = data.y().clone();
        y[3] = Double.NaN;
        assertTrue(message(() -> TrainingData.of(data.x(), y)).contains("y[3]"));
    }

    @Test
    void weightsAreCheckedAndDefaultToNull() {
        assertNull(data.training().weights());
        double[] w = new double[10];
        w[2] = -1;
        assertTrue(message(() -> data.training().withWeights(w)).contains("weights[2]"));
        assertTrue(message(() -> data.training().withWeights(new double[3])).contains("expected 10"));
    }

    @Test
    void validationNeedsTheSameSchemaAndBothParts() {
        FeatureSchema other = new FeatureSchema(List.of("num#a", "num#b", "num#c", "num#d", "cat#level"), bit(4));
        FeatureMatrix vx = new FeatureMatrix(other, 10, data.x().values());
        assertTrue(message(() -> data.training().withValidation(vx, data.y())).contains("num#a"));
        assertTrue(message(() -> new TrainingData(data.x(), data.y(), null, data.x(), null)).contains("together"));
        assertTrue(message(() -> data.training().withValidation(data.x(), new double[2])).contains("validY"));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] original = data.y().clone();
        double[] y = original.clone();
        TrainingData td = TrainingData.of(data.x(), y);
        y[0] = 1e9;
        td.y()[1] = 1e9;
        assertEquals(original[0], td.y()[0]);
        assertEquals(original[1], td.y()[1]);
    }

    private static BitSet bit(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }
}
