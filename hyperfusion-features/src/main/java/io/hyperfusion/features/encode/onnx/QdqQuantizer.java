package io.hyperfusion.features.encode.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data-free int8 quantisation of a convolutional network in ONNX's QDQ form (QuantizeLinear/DequantizeLinear
 * pairs around every convolution and residual addition), which ONNX Runtime fuses into {@code QLinearConv} and
 * {@code QLinearAdd} with integer kernels (VNNI where the CPU has it).
 *
 * <p>No calibration images are needed: every activation range comes from the network itself.
 * <ul>
 *   <li>Outputs of a {@code Clip(0, hi)} after a convolution (ReLU6) use exactly {@code [0, hi]}; the Clip is
 *       dropped, because a saturating uint8 quantisation to that range clips identically.</li>
 *   <li>Outputs of a batch normalisation (folded into its convolution) are distributed, per channel, around
 *       β with spread |γ| at training time; the range is {@code [min(β − kσ|γ|), max(β + kσ|γ|)]} over the
 *       channels ("data-free quantisation" from the batch-norm statistics, Nagel et al. 2019).</li>
 *   <li>A residual sum's channels add means and variances of its two inputs.</li>
 *   <li>The graph input's range is given (the preprocessing's, e.g. [0, 1]); transposes, pads and flattens
 *       pass ranges through.</li>
 * </ul>
 * Weights are quantised per output channel (symmetric int8), biases to int32 at the product of the input and
 * weight scales (a channel whose bias would overflow gets a coarser weight scale), activations per tensor to
 * uint8 (ONNX Runtime's preferred U8S8 form on x86). Zero padding layers in front of a convolution are folded into
 * its {@code pads}. Nodes the rules do not cover, and the convolutions named in the constructor, stay in float.
 *
 * <p>Stateless and deterministic: the same graph and settings give the same bytes.
 */
public final class QdqQuantizer {

    /** Largest magnitude of a quantised bias (int32, with room for the accumulator). */
    private static final long BIAS_LIMIT = 1L << 30;

    private final float inputLo;
    private final float inputHi;
    private final float sigmas;
    private final Set<String> floatConvs;

    /**
     * @param inputLo    lowest value of the graph's (single) float input
     * @param inputHi    highest value of the graph's input
     * @param sigmas     the spread, in batch-norm standard deviations, covered by a linear activation's range
     * @param floatConvs convolutions left in float (their inputs and outputs may still be quantised by their
     *                   neighbours), named by their output value after batch-norm and Clip folding; each must exist
     */
    public QdqQuantizer(float inputLo, float inputHi, float sigmas, Set<String> floatConvs) {
        if (!(inputLo < inputHi) || !(sigmas > 0)) {
            throw new IllegalArgumentException("need inputLo < inputHi and sigmas > 0, got " + inputLo + ", " + inputHi
                    + ", " + sigmas);
        }
        this.inputLo = inputLo;
        this.inputHi = inputHi;
        this.sigmas = sigmas;
        this.floatConvs = Set.copyOf(floatConvs);
    }

    /**
     * What {@link #quantize(OnnxGraph)} did: convolutions and additions in int8, convolutions left in float,
     * batch norms and zero pads folded into convolutions, Clips replaced by saturating quantisation.
     */
    public record Report(int convolutions, int additions, int floatConvolutions, int foldedNorms, int foldedPads,
                         int droppedClips) {
    }

    /** The quantised graph and its report. */
    public record Result(OnnxGraph graph, Report report) {
    }

    /** A mutable node during rewriting. */
    private static final class N {
        final String op;
        final String domain;
        final List<String> in;
        final List<String> out;
        final Map<String, OnnxAttribute> attrs = new LinkedHashMap<>();
        boolean removed;
        /** A convolution computed in int8 (its weights and bias are quantised in the rebuild). */
        boolean int8;

        N(OnnxGraph.Node n) {
            op = n.opType();
            domain = n.domain();
            in = new ArrayList<>(n.inputs());
            out = new ArrayList<>(n.outputs());
            n.attributes().forEach(a -> attrs.put(a.name(), a));
        }
    }

    /** Per-channel mean and standard deviation of an activation. */
    private record Stats(float[] mean, float[] sd) {
    }

    /** A tensor's uint8 quantisation. */
    private record QParams(float scale, int zeroPoint) {
    }

    /** Quantises {@code g}; fails on a graph with more than one input. */
    public Result quantize(OnnxGraph g) {
        if (g.inputs().size() != 1) {
            throw new IllegalArgumentException("graph '" + g.name() + "' must have one input, has " + g.inputs().size());
        }
        Map<String, OnnxGraph.Initializer> inits = new LinkedHashMap<>();
        g.initializers().forEach(i -> inits.put(i.name(), i));
        List<N> nodes = new ArrayList<>();
        g.nodes().forEach(n -> nodes.add(new N(n)));
        Set<String> graphOutputs = new LinkedHashSet<>();
        g.outputs().forEach(o -> graphOutputs.add(o.name()));

        Map<String, Stats> stats = new HashMap<>();
        Map<String, float[]> ranges = new HashMap<>();
        ranges.put(g.inputs().get(0).name(), new float[] {inputLo, inputHi});
        int foldedNorms = 0;
        int foldedPads = 0;
        int droppedClips = 0;
        Set<String> clipped = new LinkedHashSet<>();

        // 1. Batch norms into their convolutions; zero pads into the following convolution; Clip(0, hi) dropped.
        for (N n : nodes) {
            if (n.op.equals("BatchNormalization") && foldNorm(n, nodes, inits, graphOutputs, stats)) {
                foldedNorms++;
            }
        }
        for (N n : nodes) {
            if (!n.removed && n.op.equals("Pad") && foldPad(n, nodes, inits, graphOutputs)) {
                foldedPads++;
            }
        }
        for (N n : nodes) {
            if (!n.removed && n.op.equals("Clip") && dropClip(n, nodes, inits, graphOutputs, ranges, stats)) {
                clipped.add(n.out.get(0));
                droppedClips++;
            }
        }
        // 2. Ranges, in topological order.
        for (N n : nodes) {
            if (n.removed) {
                continue;
            }
            String y = n.out.get(0);
            switch (n.op) {
                case "Transpose", "Identity", "Flatten", "Reshape", "MaxPool" -> {
                    if (ranges.containsKey(n.in.get(0))) {
                        ranges.putIfAbsent(y, ranges.get(n.in.get(0)));
                    }
                }
                case "Conv" -> {
                    if (!ranges.containsKey(y) && stats.containsKey(y)) {
                        ranges.put(y, range(stats.get(y)));
                    }
                }
                case "Add" -> {
                    Stats a = stats.get(n.in.get(0));
                    Stats b = stats.get(n.in.get(1));
                    if (a != null && b != null && a.mean.length == b.mean.length) {
                        Stats s = sum(a, b);
                        stats.put(y, s);
                        ranges.put(y, range(s));
                    }
                }
                default -> { }
            }
        }
        // 3. Which values get a Q/DQ pair: inputs and outputs of convolutions with a float weight, and of additions.
        Set<String> quantised = new LinkedHashSet<>();
        List<N> qConvs = new ArrayList<>();
        List<N> qAdds = new ArrayList<>();
        Set<String> keptFloat = new LinkedHashSet<>();
        for (N n : nodes) {
            if (n.removed) {
                continue;
            }
            if (n.op.equals("Conv") && floatConvs.contains(n.out.get(0))) {
                keptFloat.add(n.out.get(0));
            } else if (n.op.equals("Conv") && ranges.containsKey(n.in.get(0)) && ranges.containsKey(n.out.get(0))
                    && isFloatInit(inits, n.in.get(1)) && (n.in.size() < 3 || isFloatInit(inits, n.in.get(2)))) {
                qConvs.add(n);
                n.int8 = true;
                quantised.add(n.in.get(0));
                quantised.add(n.out.get(0));
            } else if (n.op.equals("Add") && n.in.size() == 2 && ranges.containsKey(n.in.get(0))
                    && ranges.containsKey(n.in.get(1)) && ranges.containsKey(n.out.get(0))) {
                qAdds.add(n);
                quantised.addAll(n.in);
                quantised.add(n.out.get(0));
            }
        }
        // A dropped Clip's bounds are enforced by its output's saturating quantisation, so that output is
        // quantised even when no neighbour is (a convolution kept in float on both sides).
        quantised.addAll(clipped);
        if (!keptFloat.equals(floatConvs)) {
            Set<String> missing = new LinkedHashSet<>(floatConvs);
            missing.removeAll(keptFloat);
            throw new IllegalArgumentException("graph '" + g.name() + "': no convolution produces " + missing
                    + " (convolutions to keep in float are named by their output after folding batch norm and Clip)");
        }
        Map<String, QParams> qp = new HashMap<>();
        for (String v : quantised) {
            qp.put(v, qparams(ranges.get(v)));
        }

        // 4. Rebuild: every quantised value is followed by Q -> DQ, and all its readers read the DQ output.
        OnnxGraph.Builder b = OnnxGraph.builder(g.name());
        g.inputs().forEach(i -> b.input(i.name(), i.type(), i.dims().toArray()));
        Set<String> used = new LinkedHashSet<>();
        for (N n : nodes) {
            if (!n.removed) {
                used.addAll(n.in);
            }
        }
        Set<String> qConvWeights = new LinkedHashSet<>();
        for (N c : qConvs) {
            qConvWeights.add(c.in.get(1));
            if (c.in.size() > 2) {
                qConvWeights.add(c.in.get(2));
            }
        }
        for (OnnxGraph.Initializer i : inits.values()) {
            if (used.contains(i.name()) && !qConvWeights.contains(i.name())) {
                b.initializer(i);
            }
        }
        Map<String, String> readAs = new HashMap<>();
        String input = g.inputs().get(0).name();
        if (quantised.contains(input)) {
            readAs.put(input, qdq(b, input, qp.get(input)));
        }
        for (N n : nodes) {
            if (n.removed) {
                continue;
            }
            List<String> in = new ArrayList<>();
            for (String v : n.in) {
                in.add(readAs.getOrDefault(v, v));
            }
            if (n.int8) {
                QParams x = qp.get(n.in.get(0));
                String prefix = n.out.get(0);
                in.set(1, quantizeWeight(b, inits.get(n.in.get(1)), prefix, x.scale, in, n.in.size() > 2
                        ? inits.get(n.in.get(2)) : null));
            }
            b.node(n.domain, n.op, in, n.out, n.attrs.values().toArray(OnnxAttribute[]::new));
            for (String y : n.out) {
                if (quantised.contains(y)) {
                    readAs.put(y, qdq(b, y, qp.get(y)));
                }
            }
        }
        for (OnnxGraph.ValueInfo o : g.outputs()) {
            b.output(o.name(), o.type(), o.dims().toArray());
        }
        return new Result(b.build(), new Report(qConvs.size(), qAdds.size(), keptFloat.size(), foldedNorms, foldedPads, droppedClips));
    }

    private boolean foldNorm(N bn, List<N> nodes, Map<String, OnnxGraph.Initializer> inits, Set<String> graphOutputs,
                             Map<String, Stats> stats) {
        String x = bn.in.get(0);
        N conv = producer(nodes, x);
        if (conv == null || !conv.op.equals("Conv") || readers(nodes, x) != 1 || graphOutputs.contains(x)
                || !isFloatInit(inits, conv.in.get(1)) || (conv.in.size() > 2 && !isFloatInit(inits, conv.in.get(2)))) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (!isFloatInit(inits, bn.in.get(i))) {
                return false;
            }
        }
        float[] gamma = inits.get(bn.in.get(1)).floats();
        float[] beta = inits.get(bn.in.get(2)).floats();
        float[] mean = inits.get(bn.in.get(3)).floats();
        float[] var = inits.get(bn.in.get(4)).floats();
        OnnxAttribute epsAttr = bn.attrs.get("epsilon");
        float eps = epsAttr == null ? 1e-5f : (Float) epsAttr.value();
        OnnxGraph.Initializer wInit = inits.get(conv.in.get(1));
        float[] w = wInit.floats();
        int cout = (int) wInit.dims()[0];
        if (gamma.length != cout) {
            return false;
        }
        int per = w.length / cout;
        float[] bias = conv.in.size() > 2 ? inits.get(conv.in.get(2)).floats() : new float[cout];
        float[] newW = new float[w.length];
        float[] newB = new float[cout];
        float[] sd = new float[cout];
        for (int o = 0; o < cout; o++) {
            float s = (float) (gamma[o] / Math.sqrt(var[o] + eps));
            for (int j = 0; j < per; j++) {
                newW[o * per + j] = w[o * per + j] * s;
            }
            newB[o] = (bias[o] - mean[o]) * s + beta[o];
            sd[o] = Math.abs(gamma[o]);
        }
        String wName = conv.in.get(1) + "/bn_folded";
        String bName = bn.out.get(0) + "/bn_folded_bias";
        inits.put(wName, OnnxGraph.Initializer.ofFloats(wName, wInit.dims(), newW));
        inits.put(bName, OnnxGraph.Initializer.ofFloats(bName, new long[] {cout}, newB));
        conv.in.set(1, wName);
        if (conv.in.size() > 2) {
            conv.in.set(2, bName);
        } else {
            conv.in.add(bName);
        }
        conv.out.set(0, bn.out.get(0));
        bn.removed = true;
        stats.put(bn.out.get(0), new Stats(beta.clone(), sd));
        return true;
    }

    private static boolean foldPad(N pad, List<N> nodes, Map<String, OnnxGraph.Initializer> inits,
                                   Set<String> graphOutputs) {
        String y = pad.out.get(0);
        OnnxAttribute mode = pad.attrs.get("mode");
        if ((mode != null && !mode.value().equals("constant")) || pad.in.size() < 2 || graphOutputs.contains(y)
                || readers(nodes, y) != 1 || (pad.in.size() > 2 && !pad.in.get(2).isEmpty())) {
            return false;
        }
        OnnxGraph.Initializer p = inits.get(pad.in.get(1));
        if (p == null || p.type() != OnnxGraph.ElemType.INT64 || p.rawData().length != 64) {
            return false;
        }
        long[] pads = p.longs();
        if (pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
            return false;
        }
        N conv = null;
        for (N n : nodes) {
            if (!n.removed && n.in.contains(y)) {
                conv = n;
            }
        }
        if (conv == null || !conv.op.equals("Conv") || !conv.in.get(0).equals(y)) {
            return false;
        }
        OnnxAttribute autoPad = conv.attrs.get("auto_pad");
        if (autoPad != null && !autoPad.value().equals("NOTSET")) {
            return false;
        }
        OnnxAttribute cp = conv.attrs.get("pads");
        long[] c = cp == null ? new long[4] : ((long[]) cp.value()).clone();
        c[0] += pads[2];
        c[1] += pads[3];
        c[2] += pads[6];
        c[3] += pads[7];
        conv.attrs.put("pads", OnnxAttribute.ints("pads", c));
        conv.in.set(0, pad.in.get(0));
        pad.removed = true;
        return true;
    }

    private static boolean dropClip(N clip, List<N> nodes, Map<String, OnnxGraph.Initializer> inits,
                                    Set<String> graphOutputs, Map<String, float[]> ranges, Map<String, Stats> stats) {
        String x = clip.in.get(0);
        N conv = producer(nodes, x);
        if (conv == null || !conv.op.equals("Conv") || readers(nodes, x) != 1 || graphOutputs.contains(x)
                || clip.in.size() != 3) {
            return false;
        }
        OnnxGraph.Initializer lo = inits.get(clip.in.get(1));
        OnnxGraph.Initializer hi = inits.get(clip.in.get(2));
        if (lo == null || hi == null || lo.type() != OnnxGraph.ElemType.FLOAT || hi.type() != OnnxGraph.ElemType.FLOAT
                || lo.rawData().length != 4 || hi.rawData().length != 4) {
            return false;
        }
        float l = lo.floats()[0];
        float h = hi.floats()[0];
        if (l != 0f || !(h > 0f)) {
            return false; // only [0, hi]: a uint8 range with zero point 0 clips exactly there
        }
        conv.out.set(0, clip.out.get(0));
        clip.removed = true;
        stats.remove(x);
        ranges.put(clip.out.get(0), new float[] {0f, h});
        return true;
    }

    private float[] range(Stats s) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < s.mean.length; c++) {
            lo = Math.min(lo, s.mean[c] - sigmas * s.sd[c]);
            hi = Math.max(hi, s.mean[c] + sigmas * s.sd[c]);
        }
        return new float[] {lo, hi};
    }

    private static Stats sum(Stats a, Stats b) {
        float[] m = new float[a.mean.length];
        float[] sd = new float[a.mean.length];
        for (int c = 0; c < m.length; c++) {
            m[c] = a.mean[c] + b.mean[c];
            sd[c] = (float) Math.sqrt(a.sd[c] * a.sd[c] + b.sd[c] * b.sd[c]);
        }
        return new Stats(m, sd);
    }

    private static QParams qparams(float[] r) {
        float lo = Math.min(r[0], 0f);
        float hi = Math.max(r[1], 0f);
        float scale = hi > lo ? (hi - lo) / 255f : 1f;
        int zp = Math.max(0, Math.min(255, Math.round(-lo / scale)));
        return new QParams(scale, zp);
    }

    /** Emits Q(v) -> DQ and returns the DQ output's name. */
    private static String qdq(OnnxGraph.Builder b, String v, QParams p) {
        b.initializer(v + "/q_scale", new long[0], new float[] {p.scale});
        b.initializer(new OnnxGraph.Initializer(v + "/q_zero", OnnxGraph.ElemType.UINT8, new long[0],
                new byte[] {(byte) p.zeroPoint}));
        String q = b.node("QuantizeLinear", List.of(v, v + "/q_scale", v + "/q_zero"), v + "/q");
        return b.node("DequantizeLinear", List.of(q, v + "/q_scale", v + "/q_zero"), v + "/dq");
    }

    /**
     * Emits the int8 per-channel weight (and int32 bias) with their DequantizeLinear nodes; sets the bias input
     * of {@code convInputs} and returns the weight's DQ output.
     */
    private static String quantizeWeight(OnnxGraph.Builder b, OnnxGraph.Initializer wInit, String prefix,
                                         float inputScale, List<String> convInputs, OnnxGraph.Initializer bInit) {
        float[] w = wInit.floats();
        float[] bias = bInit == null ? null : bInit.floats();
        int cout = (int) wInit.dims()[0];
        int per = w.length / cout;
        float[] scale = new float[cout];
        byte[] q = new byte[w.length];
        for (int o = 0; o < cout; o++) {
            float max = 0f;
            for (int j = 0; j < per; j++) {
                max = Math.max(max, Math.abs(w[o * per + j]));
            }
            scale[o] = max > 0 ? max / 127f : 1f;
            if (bias != null) {
                // The int32 bias is bias / (inputScale * scale): a channel with tiny weights and a large bias
                // (a dead channel after batch-norm folding) would overflow it, so its weight scale is raised.
                float minScale = (float) (Math.abs(bias[o]) / (inputScale * (double) BIAS_LIMIT));
                if (scale[o] < minScale) {
                    scale[o] = minScale;
                }
            }
            for (int j = 0; j < per; j++) {
                q[o * per + j] = (byte) Math.max(-127, Math.min(127, Math.round(w[o * per + j] / scale[o])));
            }
        }
        String wq = prefix + "/w_int8";
        b.initializer(new OnnxGraph.Initializer(wq, OnnxGraph.ElemType.INT8, wInit.dims(), q));
        b.initializer(wq + "_scale", new long[] {cout}, scale);
        b.initializer(new OnnxGraph.Initializer(wq + "_zero", OnnxGraph.ElemType.INT8, new long[] {cout},
                new byte[cout]));
        String wdq = b.node("DequantizeLinear", List.of(wq, wq + "_scale", wq + "_zero"), prefix + "/w_dq",
                OnnxAttribute.of("axis", 0L));
        if (bias != null) {
            float[] bScale = new float[cout];
            ByteBuffer bq = ByteBuffer.allocate(cout * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int o = 0; o < cout; o++) {
                bScale[o] = inputScale * scale[o];
                long v = Math.round((double) bias[o] / bScale[o]);
                bq.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)));
            }
            String bName = prefix + "/b_int32";
            b.initializer(new OnnxGraph.Initializer(bName, OnnxGraph.ElemType.INT32, new long[] {cout}, bq.array()));
            b.initializer(bName + "_scale", new long[] {cout}, bScale);
            b.initializer(new OnnxGraph.Initializer(bName + "_zero", OnnxGraph.ElemType.INT32, new long[] {cout},
                    new byte[cout * 4]));
            convInputs.set(2, b.node("DequantizeLinear", List.of(bName, bName + "_scale", bName + "_zero"),
                    prefix + "/b_dq", OnnxAttribute.of("axis", 0L)));
        }
        return wdq;
    }

    private static N producer(List<N> nodes, String v) {
        for (N n : nodes) {
            if (!n.removed && n.out.contains(v)) {
                return n;
            }
        }
        return null;
    }

    private static int readers(List<N> nodes, String v) {
        int k = 0;
        for (N n : nodes) {
            if (!n.removed) {
                for (String i : n.in) {
                    if (i.equals(v)) {
                        k++;
                    }
                }
            }
        }
        return k;
    }

    private static boolean isFloatInit(Map<String, OnnxGraph.Initializer> inits, String name) {
        OnnxGraph.Initializer i = inits.get(name);
        return i != null && i.type() == OnnxGraph.ElemType.FLOAT;
    }
}
