package io.hyperfusion.models.djl.tabnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.hyperfusion.models.djl.DjlRuntime;
import org.junit.jupiter.api.Test;

/** Sparsemax against values computed by hand from the definition (Martins &amp; Astudillo 2016). */
class SparsemaxTest {

    @Test
    void matchesHandComputedProjections() {
        try (NDManager m = DjlRuntime.manager(2)) {
            NDArray z = m.create(new float[] {
                    // Row 1: z = (1, 2, 3): k=2 (1+2*2 > 5; 1+3*1 = 4 < 6), tau = (3+2-1)/2 = 2 -> (0, 0, 1).
                    1f, 2f, 3f,
                    // Row 2: z = (0.5, 0.2, 0.1): k=3 (1+3*0.1 = 1.3 > 0.8), tau = (0.8-1)/3 -> z + 1/15.
                    0.5f, 0.2f, 0.1f,
                    // Row 3: z = (0.9, 0.8, -1): k=2, tau = (1.7-1)/2 = 0.35 -> (0.55, 0.45, 0).
                    0.9f, 0.8f, -1f,
                    // Row 4: ties, z = (1, 1, 1): uniform 1/3.
                    1f, 1f, 1f}, new Shape(4, 3));
            float[] got = Sparsemax.apply(z).toFloatArray();
            float t = 1f / 15f;
            assertArrayEquals(new float[] {0f, 0f, 1f, 0.5f + t, 0.2f + t, 0.1f + t, 0.55f, 0.45f, 0f,
                    1f / 3, 1f / 3, 1f / 3}, got, 1e-6f);
        }
    }

    @Test
    void gradientIsTheSparsemaxJacobian() {
        // On support S = {0, 1} of z = (0.9, 0.8, -1), d out_i / d z_j = delta_ij - 1/|S| for i, j in S, else 0.
        // With loss = out . (1, 3, 5): grad_j = w_j - mean_{S}(w) on S, 0 off S -> (1 - 2, 3 - 2, 0).
        try (NDManager m = DjlRuntime.manager(2)) {
            NDArray z = m.create(new float[] {0.9f, 0.8f, -1f}, new Shape(1, 3));
            z.setRequiresGradient(true);
            NDArray w = m.create(new float[] {1f, 3f, 5f}, new Shape(1, 3));
            DjlRuntime.exclusive(() -> {
                try (GradientCollector gc = Engine.getEngine(DjlRuntime.ENGINE).newGradientCollector()) {
                    gc.backward(Sparsemax.apply(z).mul(w).sum());
                }
                return null;
            });
            assertArrayEquals(new float[] {-1f, 1f, 0f}, z.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
