package io.hyperfusion.ensemble.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.eval.Metrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paired bootstrap on hand-made predictors whose difference is known. */
class PairedBootstrapTest {

    /** Truth, a good predictor (small noise) and a poor one (large noise). */
    private static double[][] data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        double[] good = new double[n];
        double[] poor = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian();
            good[i] = y[i] + 0.3 * r.nextGaussian();
            poor[i] = y[i] + 1.5 * r.nextGaussian();
        }
        return new double[][] {y, good, poor};
    }

    @Test
    void clearDifferenceHasAnIntervalAwayFromZeroAroundThePointEstimate() {
        double[][] d = data(400, 1);
        PairedBootstrap.Interval ci = new PairedBootstrap(1000, 0.95, 7).deltaSrc(d[0], d[1], d[2]);
        assertEquals(Metrics.src(d[0], d[2]) - Metrics.src(d[0], d[1]), ci.delta(), 1e-12);
        assertTrue(ci.delta() < -0.2, "poor minus good is clearly negative: " + ci);
        assertTrue(ci.high() < 0, "the interval excludes 0: " + ci);
        assertTrue(ci.contains(ci.delta()), ci.toString());
    }

    @Test
    void identicalPredictorsGiveAZeroWidthInterval() {
        double[][] d = data(100, 2);
        PairedBootstrap.Interval ci = new PairedBootstrap(200, 0.95, 3).deltaSrc(d[0], d[1], d[1].clone());
        assertEquals(0.0, ci.delta());
        assertEquals(0.0, ci.low());
        assertEquals(0.0, ci.high());
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        double[][] d = data(150, 3);
        PairedBootstrap.Interval a = new PairedBootstrap(500, 0.95, 11).deltaSrc(d[0], d[1], d[2]);
        PairedBootstrap.Interval b = new PairedBootstrap(500, 0.95, 11).deltaSrc(d[0], d[1], d[2]);
        PairedBootstrap.Interval c = new PairedBootstrap(500, 0.95, 12).deltaSrc(d[0], d[1], d[2]);
        assertEquals(a, b);
        assertNotEquals(a.low(), c.low());
    }

    @Test
    void pairingNarrowsTheIntervalOfCorrelatedPredictors() {
        // b = a plus a little noise: paired differences vary far less than either SRC does on its own.
        double[][] d = data(300, 4);
        SplittableRandom r = new SplittableRandom(5);
        double[] b = d[2].clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += 0.05 * r.nextGaussian();
        }
        PairedBootstrap.Interval ci = new PairedBootstrap(1000, 0.95, 1).deltaSrc(d[0], d[2], b);
        assertTrue(ci.high() - ci.low() < 0.03, "paired interval should be narrow: " + ci);
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        double[] s = {1, 2, 3, 4};
        assertEquals(1.0, PairedBootstrap.quantile(s, 0));
        assertEquals(2.5, PairedBootstrap.quantile(s, 0.5), 1e-12);
        assertEquals(1.075, PairedBootstrap.quantile(s, 0.025), 1e-12);
        assertEquals(4.0, PairedBootstrap.quantile(s, 1));
    }

    @Test
    void badSettingsAndInputAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(10, 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(1000, 1.0, 1));
        PairedBootstrap b = new PairedBootstrap(100, 0.9, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> b.deltaSrc(new double[5], new double[5], new double[4]));
        assertTrue(e.getMessage().contains("b 4"), e.getMessage());
    }
}
