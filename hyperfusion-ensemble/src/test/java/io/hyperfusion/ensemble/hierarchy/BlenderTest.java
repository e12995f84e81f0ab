package io.hyperfusion.ensemble.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlenderTest {
    @Test
    void recoversNonNegativeWeightsAndClampsNegativeOnes() {
        int n = 500;
        double[][] x = new double[3][n];
        double[] y = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            x[0][i] = r.nextDouble();
            x[1][i] = r.nextDouble();
            x[2][i] = r.nextDouble();
            y[i] = 0.7 * x[0][i] + 0.3 * x[1][i] - 0.5 * x[2][i] + 2;
        }
        Blender b = Blender.fit(x, y, null, 0);
        assertEquals(0.7, b.weights()[0], 0.05);
        assertEquals(0.3, b.weights()[1], 0.05);
        assertEquals(0.0, b.weights()[2], 0.0, "a negative weight is clamped to 0");
    }

    @Test
    void exactOnHandMadeData() {
        // y = 2 * x0 + 1 exactly: weight 2, intercept 1.
        double[][] x = {{0, 1, 2, 3}};
        double[] y = {1, 3, 5, 7};
        Blender b = Blender.fit(x, y, null, 0);
        assertEquals(2.0, b.weights()[0], 1e-9);
        assertEquals(1.0, b.intercept(), 1e-9);
        assertEquals(9.0, b.apply(new double[] {4}), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> b.apply(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Blender(new double[] {-1}, 0));
    }
}
