package io.hyperfusion.models.djl.tabnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.hyperfusion.models.djl.DjlRuntime;
import io.hyperfusion.models.djl.GhostBatchNorm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * TabNet's blocks against values computed independently in plain Java from a fixed initializer (weight
 * {@code i} of every tensor is {@code ((7 i) mod 11 - 5) / 10}), plus one golden forward pass of the whole
 * network computed once with that initializer.
 */
class TabNetBlocksTest {
    private static final float EPS = 1e-5f; // DJL BatchNorm's default epsilon
    private static final float BN_EVAL = (float) (1 / Math.sqrt(1 + EPS)); // running mean 0, var 1

    /** The fixed initializer. */
    static final Initializer PATTERN = (manager, shape, type) -> {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((7 * i) % 11 - 5) / 10f;
        }
        return manager.create(v, shape).toType(type, false);
    };

    static float pattern(int i) {
        return ((7 * i) % 11 - 5) / 10f;
    }

    private static float[] forward(AbstractBlock block, boolean training, NDArray... in) {
        return block.forward(new ParameterStore(in[0].getManager(), false), new NDList(in), training)
                .get(0).toFloatArray();
    }

    @Test
    void gluLayerInInferenceIsLinearThenGatedUnit() {
        // x (2 x 3), W (4 x 3) = pattern, z = x W^T scaled by eval BN, out = z[:, :2] * sigmoid(z[:, 2:]).
        float[] x = {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f};
        try (NDManager m = DjlRuntime.manager(2)) {
            GluLayer glu = new GluLayer(null, 2, 4, 0.9f);
            glu.setInitializer(PATTERN, Parameter.Type.WEIGHT);
            glu.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            float[] got = forward(glu, false, m.create(x, new Shape(2, 3)));
            float[] expected = new float[4];
            for (int r = 0; r < 2; r++) {
                float[] z = new float[4];
                for (int u = 0; u < 4; u++) {
                    for (int c = 0; c < 3; c++) {
                        z[u] += x[r * 3 + c] * pattern(u * 3 + c);
                    }
                    z[u] *= BN_EVAL;
                }
                for (int u = 0; u < 2; u++) {
                    expected[r * 2 + u] = (float) (z[u] / (1 + Math.exp(-z[u + 2])));
                }
            }
            assertArrayEquals(expected, got, 1e-6f);
        }
    }

    @Test
    void ghostBatchNormNormalisesEachChunkWithItsOwnStatistics() {
        // 6 rows, virtual batch 3: rows 0-2 and 3-5 are normalised separately (biased variance).
        float[] x = {1, 2, 3, 10, 20, 60};
        try (NDManager m = DjlRuntime.manager(2)) {
            GhostBatchNorm bn = new GhostBatchNorm(3, 0.9f);
            bn.initialize(m, DataType.FLOAT32, new Shape(6, 1));
            float[] got = forward(bn, true, m.create(x, new Shape(6, 1)));
            float[] expected = new float[6];
            for (int chunk = 0; chunk < 2; chunk++) {
                float mean = 0;
                float var = 0;
                for (int i = 0; i < 3; i++) {
                    mean += x[chunk * 3 + i] / 3;
                }
                for (int i = 0; i < 3; i++) {
                    var += (x[chunk * 3 + i] - mean) * (x[chunk * 3 + i] - mean) / 3;
                }
                for (int i = 0; i < 3; i++) {
                    expected[chunk * 3 + i] = (float) ((x[chunk * 3 + i] - mean) / Math.sqrt(var + EPS));
                }
            }
            assertArrayEquals(expected, got, 1e-5f);
        }
    }

    @Test
    void attentiveTransformerMasksWithSparsemaxOfPriorScaledScores() {
        float[] a = {1f, -0.5f, 0.25f, -2f, 1f, 0.5f};
        float[] prior = {1f, 1f, 1f, 1f, 0.3f, 1.3f, 0.7f, 1f};
        try (NDManager m = DjlRuntime.manager(2)) {
            AttentiveTransformer at = new AttentiveTransformer(4, 4, 0.9f);
            at.setInitializer(PATTERN, Parameter.Type.WEIGHT);
            at.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            float[] got = forward(at, false, m.create(a, new Shape(2, 3)), m.create(prior, new Shape(2, 4)));
            float[] expected = new float[8];
            for (int r = 0; r < 2; r++) {
                float[] z = new float[4];
                for (int f = 0; f < 4; f++) {
                    for (int c = 0; c < 3; c++) {
                        z[f] += a[r * 3 + c] * pattern(f * 3 + c);
                    }
                    z[f] *= BN_EVAL * prior[r * 4 + f];
                }
                System.arraycopy(referenceSparsemax(z), 0, expected, r * 4, 4);
            }
            assertArrayEquals(expected, got, 1e-6f);
            for (int r = 0; r < 2; r++) {
                assertEquals(1f, got[r * 4] + got[r * 4 + 1] + got[r * 4 + 2] + got[r * 4 + 3], 1e-6f);
            }
        }
    }

    @Test
    void wholeNetworkMatchesGoldenForward() {
        // Golden values computed once with this initializer (eval mode); they change only if the architecture does.
        TabNetParams p = TabNetParams.OPTIONS.parse(java.util.Map.of("n_d", 2, "n_a", 2, "n_steps", 2,
                "gamma", 1.5, "n_shared", 1, "n_independent", 1, "batch_size", 4, "virtual_batch_size", 2));
        float[] x = {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f};
        try (NDManager m = DjlRuntime.manager(2)) {
            TabNetBlock net = new TabNetBlock(p, 3);
            net.setInitializer(PATTERN, Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(2, 3))), false);
            float[] pred = out.get(0).toFloatArray();
            float entropy = out.get(1).getFloat();

            assertArrayEquals(GOLDEN_PREDICTION, pred, 1e-5f);
            assertEquals(GOLDEN_ENTROPY, entropy, 1e-5f);
        }
    }

    private static final float[] GOLDEN_PREDICTION = {0f, 0.04032772f};
    private static final float GOLDEN_ENTROPY = 1.0630277f;

    /** Sparsemax by its definition: sort, find the support size k, tau = (sum of top k - 1) / k. */
    static float[] referenceSparsemax(float[] z) {
        float[] s = z.clone();
        Arrays.sort(s);
        int n = s.length;
        float cum = 0;
        float cumAtK = 0;
        int k = 0;
        for (int i = 1; i <= n; i++) {
            float zi = s[n - i];
            cum += zi;
            if (1 + i * zi > cum) {
                k = i;
                cumAtK = cum;
            }
        }
        float tau = (cumAtK - 1) / k;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(z[i] - tau, 0);
        }
        return out;
    }
}
