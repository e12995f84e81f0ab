package io.hyperfusion.models.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.RegressionModel;

/** Assertions shared by the neural families' contract tests. */
public final class NetAssertions {
    private NetAssertions() {
    }

    /**
     * Serving scores one post at a time: rows 0, 1, 17 and the last, scored alone, must get the bit-identical
     * score the whole batch {@code x} gives them.
     */
    public static void assertRowsScoreAloneAsInTheBatch(RegressionModel model, FeatureMatrix x) {
        double[] batch = model.predict(x);
        for (int r : new int[] {0, 1, 17, x.rows() - 1}) {
            assertEquals(batch[r], model.predict(x.selectRows(new int[] {r}))[0], 0.0, "row " + r);
        }
    }
}
