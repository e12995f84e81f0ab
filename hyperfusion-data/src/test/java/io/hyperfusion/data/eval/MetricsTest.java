package io.hyperfusion.data.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void averageRanksShareTies() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Metrics.averageRanks(new double[] {10, 20, 20, 30}), EPS);
        assertArrayEquals(new double[] {2, 2, 2}, Metrics.averageRanks(new double[] {7, 7, 7}), EPS);
        assertArrayEquals(new double[] {3, 1, 2}, Metrics.averageRanks(new double[] {-1, -5, -2}), EPS);
    }

    @Test
    void tiesByHand() {
        double[] y = {1, 2, 2, 3};
        double[] p = {1, 3, 2, 2};
        // ranks y = [1, 2.5, 2.5, 4], ranks p = [1, 4, 2.5, 2.5]; both means 2.5
        // deviations y = [-1.5, 0, 0, 1.5], p = [-1.5, 1.5, 0, 0]
        // cov = 2.25, var y = 4.5, var p = 4.5  ->  SRC = 2.25 / 4.5 = 0.5
        // |errors| = [0, 1, 0, 1]: MAE = 0.5, RMSE = sqrt(0.5)
        // mean y = 2, SS_tot = 2, SS_res = 2 -> R2 = 0
        // MAPE = (0 + 1/2 + 0 + 1/3) / 4 * 100 = 20.8333...
        RegressionReport r = Metrics.report(y, p);
        assertEquals(0.5, r.src(), EPS);
        assertEquals(0.5, r.mae(), EPS);
        assertEquals(Math.sqrt(0.5), r.rmse(), EPS);
        assertEquals(0.0, r.r2(), EPS);
        assertEquals(100.0 * (0.5 + 1.0 / 3) / 4, r.mape(), 1e-9);
        assertEquals(4, r.n());
    }

    @Test
    void noTiesMatchesClassicFormula() {
        // d = [1, 1, 1, 1, 0], sum d^2 = 4 -> 1 - 6*4 / (5 * 24) = 0.8
        assertEquals(0.8, Metrics.src(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), EPS);
        assertEquals(-1.0, Metrics.src(new double[] {1, 2, 3}, new double[] {30, 20, 10}), EPS);
        // monotone but non-linear: rank correlation is exactly 1
        assertEquals(1.0, Metrics.src(new double[] {1, 2, 3, 4}, new double[] {1, 10, 100, 1000}), EPS);
    }

    @Test
    void constantInputGivesZeroSrc() {
        assertEquals(0.0, Metrics.src(new double[] {1, 2, 3}, new double[] {5, 5, 5}), 0.0);
        assertEquals(0.0, Metrics.r2(new double[] {4, 4}, new double[] {4, 5}), 0.0);
    }

    @Test
    void r2OfPerfectAndMeanPredictions() {
        assertEquals(1.0, Metrics.r2(new double[] {1, 2, 3}, new double[] {1, 2, 3}), EPS);
        // predicting the mean everywhere: SS_res = SS_tot
        assertEquals(0.0, Metrics.r2(new double[] {1, 2, 3}, new double[] {2, 2, 2}), EPS);
        // SS_tot = 2, SS_res = 4 + 0 + 4 = 8 -> 1 - 4 = -3
        assertEquals(-3.0, Metrics.r2(new double[] {1, 2, 3}, new double[] {3, 2, 1}), EPS);
    }

    @Test
    void mapeExcludesZeroTruth() {
        // only the second row counts: |2 - 1| / 2 = 50 %
        assertEquals(50.0, Metrics.mape(new double[] {0, 2}, new double[] {5, 1}), EPS);
        assertTrue(Double.isNaN(Metrics.mape(new double[] {0, 0}, new double[] {1, 1})));
    }

    @Test
    void badInputIsRejectedWithNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.report(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("yTrue.length=2") && e.getMessage().contains("yPred.length=1"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.mae(new double[0], new double[0]));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.src(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.averageRanks(new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.rmse(null, new double[] {1}));
    }
}
