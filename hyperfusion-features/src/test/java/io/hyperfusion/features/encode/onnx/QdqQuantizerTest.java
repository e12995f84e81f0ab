package io.hyperfusion.features.encode.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.hyperfusion.features.linalg.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QdqQuantizerTest {

    private static final int C = 8;
    private static final int SIDE = 12;
    private static final int N = 16;

    /**
     * A small MobileNet-like network: x → Pad → Conv3×3 → BN → Clip(0,6) → Conv1×1 → BN (linear), plus a
     * 1×1 shortcut Conv → BN (linear), added, then pooled. Batch norms carry the statistics a trained network's
     * would: their means and variances are measured on the inputs the test feeds ({@link #calibrated}).
     */
    private static OnnxGraph network(Map<String, float[][]> bn, float clipTop, boolean extraOutputs) {
        Random rnd = new Random(11);
        OnnxGraph.Builder g = OnnxGraph.builder("net").input("x", OnnxGraph.ElemType.FLOAT, "N", 3, SIDE, SIDE);
        g.initializerInt64("pads", new long[] {8}, new long[] {0, 0, 1, 1, 0, 0, 1, 1});
        String padded = g.node("Pad", List.of("x", "pads"), "padded", OnnxAttribute.of("mode", "constant"));
        conv(g, rnd, "a", padded, 3, 3);
        norm(g, bn, "a");
        g.initializer("lo", new long[0], new float[] {0f});
        g.initializer("hi", new long[0], new float[] {clipTop});
        g.node("Clip", List.of("a_bn", "lo", "hi"), "a_relu");
        conv(g, rnd, "c", "a_relu", C, 1);
        norm(g, bn, "c");
        conv(g, rnd, "b", "x", 3, 1);
        norm(g, bn, "b");
        g.node("Add", List.of("c_bn", "b_bn"), "sum");
        String pooled = g.node("GlobalAveragePool", List.of("sum"), "pooled");
        g.node("Flatten", List.of(pooled), "y", OnnxAttribute.of("axis", 1L));
        g.output("y", OnnxGraph.ElemType.FLOAT, "N", C);
        if (extraOutputs) {
            for (String v : List.of("a_conv", "b_conv", "c_conv", "sum")) {
                g.output(v, OnnxGraph.ElemType.FLOAT, "N", C, SIDE, SIDE);
            }
        }
        return g.build();
    }

    private static void conv(OnnxGraph.Builder g, Random rnd, String name, String in, int cin, int k) {
        float[] w = new float[C * cin * k * k];
        double sd = 1 / Math.sqrt(cin * k * k);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * sd);
        }
        g.initializer(name + "_w", new long[] {C, cin, k, k}, w);
        g.node("Conv", List.of(in, name + "_w"), name + "_conv", OnnxAttribute.ints("kernel_shape", k, k));
    }

    /** BN with the given [gamma, beta, mean, var], or identity while calibrating. */
    private static void norm(OnnxGraph.Builder g, Map<String, float[][]> bn, String name) {
        float[][] p = bn.getOrDefault(name, new float[][] {ones(), new float[C], new float[C], ones()});
        g.initializer(name + "_g", new long[] {C}, p[0]);
        g.initializer(name + "_b", new long[] {C}, p[1]);
        g.initializer(name + "_m", new long[] {C}, p[2]);
        g.initializer(name + "_v", new long[] {C}, p[3]);
        g.node("BatchNormalization", List.of(name + "_conv", name + "_g", name + "_b", name + "_m", name + "_v"),
                name + "_bn", OnnxAttribute.of("epsilon", 1e-3f));
    }

    private static float[] ones() {
        float[] a = new float[C];
        Arrays.fill(a, 1f);
        return a;
    }

    /** Batch norms whose statistics are the conv outputs' own on {@code x}, with gammas and betas of a trained net. */
    private static Map<String, float[][]> calibrated(float[] x, float betaShift) throws Exception {
        Map<String, float[][]> bn = new HashMap<>();
        Random rnd = new Random(3);
        for (String layer : List.of("a", "b", "c")) { // c reads a's output, so a is set first
            float[] out = run(OnnxModel.of(network(bn, 6f, true)), x, layer + "_conv");
            float[] mean = new float[C];
            float[] var = new float[C];
            int per = SIDE * SIDE;
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < per; i++) {
                        mean[c] += out[(n * C + c) * per + i] / (N * per);
                    }
                }
            }
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < per; i++) {
                        double d = out[(n * C + c) * per + i] - mean[c];
                        var[c] += (float) (d * d / (N * per));
                    }
                }
            }
            float[] gamma = new float[C];
            float[] beta = new float[C];
            for (int c = 0; c < C; c++) {
                gamma[c] = (float) (0.5 + rnd.nextDouble());
                beta[c] = (float) (rnd.nextGaussian() * 0.5 + (layer.equals("a") ? betaShift : 0));
            }
            bn.put(layer, new float[][] {gamma, beta, mean, var});
        }
        return bn;
    }

    private static float[] input(long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[N * 3 * SIDE * SIDE];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        return x;
    }

    private static float[] run(OnnxModel m, float[] x, String output) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(m.toByteArray(), o);
                 OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {N, 3, SIDE, SIDE});
                 OrtSession.Result r = s.run(Map.of("x", t), Set.of(output))) {
                OnnxTensor v = (OnnxTensor) r.get(output).orElseThrow();
                FloatBuffer b = v.getFloatBuffer();
                float[] out = new float[b.remaining()];
                b.get(out);
                return out;
            }
        }
    }

    @Test
    void quantisedNetworkAgreesWithTheFloatOneOnUnseenInputs() throws Exception {
        OnnxGraph net = network(calibrated(input(1), 1f), 6f, false);
        QdqQuantizer.Result q = new QdqQuantizer(0f, 1f, 6f, Set.of()).quantize(net);
        assertEquals(new QdqQuantizer.Report(3, 1, 0, 3, 1, 1), q.report());
        long qNodes = q.graph().nodes().stream().filter(n -> n.opType().equals("QuantizeLinear")).count();
        assertEquals(5, qNodes, "x, a_relu, c_bn, b_bn, sum"); // the input, the clipped output, both addends, the sum
        assertTrue(q.graph().nodes().stream().noneMatch(n -> Set.of("BatchNormalization", "Pad", "Clip")
                .contains(n.opType())), "batch norms, the pad and the clip are folded");
        assertTrue(q.graph().initializers().stream().anyMatch(i -> i.type() == OnnxGraph.ElemType.INT8));
        float[] x = input(2); // not the calibration inputs
        float[] ref = run(OnnxModel.of(net), x, "y");
        float[] got = run(OnnxModel.of(q.graph()), x, "y");
        double cos = Vectors.cosine(ref, got);
        assertTrue(cos > 0.995, "cosine " + cos);
        double err = 0;
        double norm = 0;
        double maxAbs = 0;
        for (int i = 0; i < ref.length; i++) {
            err += (ref[i] - got[i]) * (ref[i] - got[i]);
            norm += ref[i] * ref[i];
            maxAbs = Math.max(maxAbs, Math.abs(ref[i] - got[i]));
        }
        double relRms = Math.sqrt(err / norm);
        assertTrue(relRms < 0.05, "relative RMS error " + relRms);
        assertTrue(maxAbs > 0, "the quantised graph computes in int8, so it cannot be exact");
    }

    @Test
    void aClipStillClipsWhenBothItsNeighboursStayInFloat() throws Exception {
        // Shift a's betas far above the clip's top, so that losing the Clip would change the output a lot.
        Map<String, float[][]> bn = calibrated(input(1), 8f);
        OnnxGraph net = network(bn, 6f, false);
        QdqQuantizer.Result q = new QdqQuantizer(0f, 1f, 6f, Set.of("a_relu", "c_bn")).quantize(net);
        assertEquals(2, q.report().floatConvolutions());
        float[] x = input(2);
        double cos = Vectors.cosine(run(OnnxModel.of(net), x, "y"), run(OnnxModel.of(q.graph()), x, "y"));
        assertTrue(cos > 0.995, "cosine " + cos);
    }

    @Test
    void unknownFloatConvolutionIsRefusedByName() throws Exception {
        OnnxGraph net = network(calibrated(input(1), 1f), 6f, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QdqQuantizer(0f, 1f, 6f, Set.of("a_conv")).quantize(net));
        assertTrue(e.getMessage().contains("a_conv"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QdqQuantizer(1f, 0f, 6f, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new QdqQuantizer(0f, 1f, 0f, Set.of()));
    }

    @Test
    void sameGraphSameBytesAndTheFileReadsBack(@TempDir Path dir) throws Exception {
        OnnxGraph net = network(calibrated(input(1), 1f), 6f, false);
        OnnxModel a = OnnxModel.of(new QdqQuantizer(0f, 1f, 6f, Set.of()).quantize(net).graph())
                .withMetadata(Map.of("k", "v"));
        OnnxModel b = OnnxModel.of(new QdqQuantizer(0f, 1f, 6f, Set.of()).quantize(net).graph())
                .withMetadata(Map.of("k", "v"));
        assertArrayEquals(a.toByteArray(), b.toByteArray());
        Path file = dir.resolve("q.onnx");
        a.write(file);
        OnnxModel back = OnnxModel.read(file);
        assertArrayEquals(a.toByteArray(), back.toByteArray());
        assertEquals("v", back.metadata().get("k"));
        java.nio.file.Files.writeString(dir.resolve("bad.onnx"), "not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.read(dir.resolve("bad.onnx")));
        assertTrue(e.getMessage().contains("bad.onnx"), e.getMessage());
    }
}
