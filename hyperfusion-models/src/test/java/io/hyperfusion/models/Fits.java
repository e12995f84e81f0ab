package io.hyperfusion.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Measures and assertions the family tests share. */
public final class Fits {
    /** The boosted families' problem: 2,000 rows of {@link SyntheticRegression#nonlinear}, noise sd 0.5, seed 7. */
    private static final SyntheticRegression.Data NONLINEAR = SyntheticRegression.nonlinear(2000, 0.5, 7);
    /** Its first 1,600 rows. */
    public static final SyntheticRegression.Data TRAIN = NONLINEAR.slice(0, 1600);
    /** Its last 400 rows, which no model trains on. */
    public static final SyntheticRegression.Data TEST = NONLINEAR.slice(1600, 2000);

    private Fits() {
    }

    /** Coefficient of determination. */
    public static double r2(double[] y, double[] pred) {
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

    /** The mean absolute value of column {@code col}. */
    public static double meanAbs(double[][] m, int col) {
        double s = 0;
        for (double[] row : m) {
            s += Math.abs(row[col]);
        }
        return s / m.length;
    }

    /** Equal to the last bit. */
    public static void assertBitIdentical(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
        assertArrayEquals(a, b);
    }

    /**
     * Each row's contributions sum to its prediction within {@code tolerance}; the pure-noise column {@code num#x3}
     * matters far less than the signal column {@code num#x0}.
     */
    public static void assertContributionsExplain(RegressionModel model, io.hyperfusion.features.FeatureMatrix x,
                                                  double tolerance) {
        double[] pred = model.predict(x);
        double[][] contrib = model.contributions(x);
        assertEquals(x.rows(), contrib.length);
        for (int r = 0; r < contrib.length; r++) {
            assertEquals(x.cols() + 1, contrib[r].length);
            double sum = 0;
            for (double c : contrib[r]) {
                sum += c;
            }
            assertEquals(pred[r], sum, tolerance, "row " + r);
        }
        org.junit.jupiter.api.Assertions.assertTrue(meanAbs(contrib, 3) * 3 < meanAbs(contrib, 0),
                "x3 " + meanAbs(contrib, 3) + " vs x0 " + meanAbs(contrib, 0));
    }
}
