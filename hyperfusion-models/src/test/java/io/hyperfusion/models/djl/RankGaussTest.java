package io.hyperfusion.models.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Golden values from scikit-learn 1.2.1 ({@code QuantileTransformer(n_quantiles=10, output_distribution="normal")})
 * and SciPy ({@code norm.ppf}), computed on this machine with Debian's python3-sklearn.
 */
class RankGaussTest {
    private static final double[] TRAIN = {1, 2, 3, 5, 8, 13, 21, 34, 55, 100};

    @Test
    void inverseNormalMatchesScipy() {
        assertEquals(1.959963984540054, RankGauss.inverseNormal(0.975), 1e-8);
        assertEquals(-3.090232306167813, RankGauss.inverseNormal(0.001), 1e-8);
        assertEquals(-5.1993375821928165, RankGauss.inverseNormal(1e-7), 1e-7);
        assertEquals(-0.5244005127080409, RankGauss.inverseNormal(0.3), 1e-8);
        assertEquals(0.8416212335729143, RankGauss.inverseNormal(0.8), 1e-8);
        assertEquals(0.0, RankGauss.inverseNormal(0.5), 1e-12);
    }

    @Test
    void interiorValuesMatchScikitLearn() {
        RankGauss g = RankGauss.fit(TRAIN);
        assertEquals(-0.967421566101701, g.apply(2.5), 1e-8);
        assertEquals(-0.33087257172641904, g.apply(6), 1e-8);
        assertEquals(1.0913196025617322, g.apply(50), 1e-8);
        assertEquals(0.4307272992954577, g.apply(21), 1e-8);
    }

    @Test
    void outOfRangeClipsAndMissingIsTheMedian() {
        RankGauss g = RankGauss.fit(TRAIN);
        assertEquals(-5.1993375821928165, g.apply(-1e9), 1e-7);
        assertEquals(5.1993375821928165, g.apply(1e9), 1e-7);
        assertEquals(0.0, g.apply(Double.NaN));
        assertEquals(0.0, g.apply(Double.POSITIVE_INFINITY));
    }

    /** Unlike scikit-learn, which sends every value equal to the minimum to -5.2, ties go to their middle. */
    @Test
    void tiedValuesMapToTheMiddleOfTheirMass() {
        double[] mostlyZero = new double[100];
        for (int i = 60; i < 100; i++) {
            mostlyZero[i] = i;
        }
        RankGauss g = RankGauss.fit(mostlyZero);
        double zero = g.apply(0);
        assertTrue(zero > -0.7 && zero < -0.4, "60% zeros should sit near the 30th percentile, got " + zero);
        assertTrue(g.apply(80) > zero && g.apply(99) > g.apply(80));
    }

    @Test
    void degenerateColumns() {
        assertNull(RankGauss.fit(new double[] {Double.NaN, Double.NaN}));
        assertEquals(0.0, RankGauss.fit(new double[] {3, 3, 3}).apply(3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new RankGauss(new double[] {2, 1}));
    }
}
