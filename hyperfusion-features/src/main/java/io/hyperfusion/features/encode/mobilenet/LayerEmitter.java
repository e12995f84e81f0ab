package io.hyperfusion.features.encode.mobilenet;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.features.encode.onnx.OnnxAttribute;
import io.hyperfusion.features.encode.onnx.OnnxGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Emits the ONNX nodes of one Keras layer. Spatial tensors are kept in NCHW; each {@link Value} carries the
 * Keras per-image shape ([H,W,C] or [D]) so that 'same' padding and flattening can be computed statically.
 */
final class LayerEmitter {

    /** An emitted tensor: its ONNX name and Keras per-image shape. */
    record Value(String onnx, int[] shape) {
        boolean spatial() {
            return shape.length == 3;
        }
    }

    private final OnnxGraph.Builder g;
    private final TfjsWeights weights;
    private final Path source;

    LayerEmitter(OnnxGraph.Builder g, TfjsWeights weights, Path source) {
        this.g = g;
        this.weights = weights;
        this.source = source;
    }

    /** The graph input [N,H,W,C] and its transpose to NCHW. */
    Value input(String name, JsonNode config, String inputName) {
        JsonNode s = config.path("batch_input_shape");
        if (s.size() != 4 || config.path("dtype").asText("float32").equals("float32") == false) {
            throw fail(name, "InputLayer", "needs a float32 batch_input_shape [null,H,W,C], got " + s);
        }
        int[] shape = new int[3];
        for (int i = 0; i < 3; i++) {
            if (!s.get(i + 1).canConvertToInt()) {
                throw fail(name, "InputLayer", "needs fixed H, W, C, got " + s);
            }
            shape[i] = s.get(i + 1).asInt();
        }
        g.input(inputName, OnnxGraph.ElemType.FLOAT, "N", shape[0], shape[1], shape[2]);
        String nchw = g.node("Transpose", List.of(inputName), name, OnnxAttribute.ints("perm", 0, 3, 1, 2));
        return new Value(nchw, shape);
    }

    Value emit(String name, String cls, JsonNode c, List<Value> in) {
        int expectedInputs = cls.equals("Add") ? -1 : 1;
        if (expectedInputs == 1 && in.size() != 1) {
            throw fail(name, cls, "expects one input, got " + in.size());
        }
        Value x = in.isEmpty() ? null : in.get(0);
        return switch (cls) {
            case "Conv2D" -> conv(name, cls, c, x, false);
            case "DepthwiseConv2D" -> conv(name, cls, c, x, true);
            case "BatchNormalization" -> batchNorm(name, c, x);
            case "ReLU" -> relu(name, c, x);
            case "Activation" -> activation(name, cls, c.path("activation").asText(), x);
            case "Add" -> add(name, in);
            case "ZeroPadding2D" -> zeroPad(name, c, requireSpatial(name, cls, x));
            case "AveragePooling2D", "MaxPooling2D" -> pool(name, cls, c, requireSpatial(name, cls, x));
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> globalPool(name, cls, c, requireSpatial(name, cls, x));
            case "Flatten" -> flatten(name, x);
            case "Dense" -> dense(name, c, x);
            case "Dropout" -> x; // identity at inference
            default -> throw new IllegalArgumentException(source + ": layer '" + name + "' has unsupported class '"
                    + cls + "'");
        };
    }

    private Value conv(String name, String cls, JsonNode c, Value x, boolean depthwise) {
        requireSpatial(name, cls, x);
        requireChannelsLast(name, cls, c);
        int[] k = pair(name, cls, c, "kernel_size");
        int[] s = pair(name, cls, c, "strides");
        int[] d = pair(name, cls, c, "dilation_rate");
        int cin = x.shape()[2];
        float[] w;
        int cout;
        if (depthwise) {
            int mult = c.path("depth_multiplier").asInt(1);
            float[] kernel = weights.take(name, "depthwise_kernel", k[0], k[1], cin, mult).values();
            cout = cin * mult;
            w = KernelLayout.depthwiseToOnnx(kernel, k[0], k[1], cin, mult);
        } else {
            cout = c.path("filters").asInt();
            float[] kernel = weights.take(name, "kernel", k[0], k[1], cin, cout).values();
            w = KernelLayout.convToOnnx(kernel, k[0], k[1], cin, cout);
        }
        g.initializer(name + "/W", new long[] {cout, depthwise ? 1 : cin, k[0], k[1]}, w);
        List<String> inputs = new ArrayList<>(List.of(x.onnx(), name + "/W"));
        if (c.path("use_bias").asBoolean(true)) {
            g.initializer(name + "/B", new long[] {cout}, weights.take(name, "bias", cout).values());
            inputs.add(name + "/B");
        }
        int[][] pads = padding(name, cls, c.path("padding").asText(), x.shape(), k, s, d);
        int oh = (x.shape()[0] + pads[0][0] + pads[0][1] - (d[0] * (k[0] - 1) + 1)) / s[0] + 1;
        int ow = (x.shape()[1] + pads[1][0] + pads[1][1] - (d[1] * (k[1] - 1) + 1)) / s[1] + 1;
        String out = g.node("Conv", inputs, name + (isLinear(c) ? "" : "/conv"),
                OnnxAttribute.ints("kernel_shape", k[0], k[1]),
                OnnxAttribute.ints("strides", s[0], s[1]),
                OnnxAttribute.ints("dilations", d[0], d[1]),
                OnnxAttribute.ints("pads", pads[0][0], pads[1][0], pads[0][1], pads[1][1]),
                OnnxAttribute.of("group", (long) (depthwise ? cin : 1)));
        Value conv = new Value(out, new int[] {oh, ow, cout});
        return isLinear(c) ? conv : activation(name, cls, c.path("activation").asText(), conv);
    }

    private Value batchNorm(String name, JsonNode c, Value x) {
        int axis = c.path("axis").isArray() ? c.path("axis").get(0).asInt() : c.path("axis").asInt(-1);
        int rank = x.shape().length + 1;
        if (axis != -1 && axis != rank - 1) {
            throw fail(name, "BatchNormalization", "supports only the channel axis (-1), got axis " + axis);
        }
        int ch = x.shape()[x.shape().length - 1];
        float[] gamma = c.path("scale").asBoolean(true) ? weights.take(name, "gamma", ch).values() : filled(ch, 1f);
        float[] beta = c.path("center").asBoolean(true) ? weights.take(name, "beta", ch).values() : filled(ch, 0f);
        g.initializer(name + "/gamma", new long[] {ch}, gamma);
        g.initializer(name + "/beta", new long[] {ch}, beta);
        g.initializer(name + "/mean", new long[] {ch}, weights.take(name, "moving_mean", ch).values());
        g.initializer(name + "/var", new long[] {ch}, weights.take(name, "moving_variance", ch).values());
        String out = g.node("BatchNormalization",
                List.of(x.onnx(), name + "/gamma", name + "/beta", name + "/mean", name + "/var"), name,
                OnnxAttribute.of("epsilon", (float) c.path("epsilon").asDouble(1e-3)));
        return new Value(out, x.shape());
    }

    private Value relu(String name, JsonNode c, Value x) {
        double slope = c.path("negative_slope").asDouble(0);
        double threshold = c.path("threshold").asDouble(0);
        if (slope != 0 || threshold != 0) {
            throw fail(name, "ReLU", "supports negative_slope 0 and threshold 0 only, got " + slope + "/" + threshold);
        }
        JsonNode max = c.get("max_value");
        if (max == null || max.isNull()) {
            return new Value(g.node("Relu", List.of(x.onnx()), name), x.shape());
        }
        return clip(name, x, 0f, (float) max.asDouble());
    }

    private Value clip(String name, Value x, float lo, float hi) {
        g.initializer(name + "/min", new long[0], new float[] {lo});
        g.initializer(name + "/max", new long[0], new float[] {hi});
        return new Value(g.node("Clip", List.of(x.onnx(), name + "/min", name + "/max"), name), x.shape());
    }

    private Value activation(String name, String cls, String act, Value x) {
        String op = switch (act) {
            case "linear" -> "Identity";
            case "relu" -> "Relu";
            case "sigmoid" -> "Sigmoid";
            case "tanh" -> "Tanh";
            case "softmax" -> "Softmax";
            case "relu6" -> null;
            default -> throw fail(name, cls, "has unsupported activation '" + act + "'");
        };
        if (op == null) {
            return clip(name, x, 0f, 6f);
        }
        // Softmax over the channel axis, which is axis 1 both for [N,D] and for NCHW.
        OnnxAttribute[] attrs = op.equals("Softmax") ? new OnnxAttribute[] {OnnxAttribute.of("axis", 1L)}
                : new OnnxAttribute[0];
        if (op.equals("Softmax") && x.spatial()) {
            throw fail(name, cls, "softmax on a spatial tensor is not supported");
        }
        return new Value(g.node(op, List.of(x.onnx()), name, attrs), x.shape());
    }

    private Value add(String name, List<Value> in) {
        if (in.size() < 2) {
            throw fail(name, "Add", "needs at least two inputs, got " + in.size());
        }
        for (Value v : in) {
            if (!Arrays.equals(v.shape(), in.get(0).shape())) {
                throw fail(name, "Add", "inputs have different shapes: " + Arrays.toString(in.get(0).shape())
                        + " vs " + Arrays.toString(v.shape()));
            }
        }
        List<String> names = in.stream().map(Value::onnx).toList();
        return new Value(g.node(in.size() == 2 ? "Add" : "Sum", names, name), in.get(0).shape());
    }

    private Value zeroPad(String name, JsonNode c, Value x) {
        requireChannelsLast(name, "ZeroPadding2D", c);
        JsonNode p = c.path("padding");
        int top, bottom, left, right;
        if (p.isInt()) {
            top = bottom = left = right = p.asInt();
        } else if (p.size() == 2 && p.get(0).isArray()) {
            top = p.get(0).get(0).asInt();
            bottom = p.get(0).get(1).asInt();
            left = p.get(1).get(0).asInt();
            right = p.get(1).get(1).asInt();
        } else if (p.size() == 2) {
            top = bottom = p.get(0).asInt();
            left = right = p.get(1).asInt();
        } else {
            throw fail(name, "ZeroPadding2D", "has unsupported padding " + p);
        }
        g.initializerInt64(name + "/pads", new long[] {8}, new long[] {0, 0, top, left, 0, 0, bottom, right});
        String out = g.node("Pad", List.of(x.onnx(), name + "/pads"), name, OnnxAttribute.of("mode", "constant"));
        int[] s = x.shape();
        return new Value(out, new int[] {s[0] + top + bottom, s[1] + left + right, s[2]});
    }

    private Value pool(String name, String cls, JsonNode c, Value x) {
        requireChannelsLast(name, cls, c);
        int[] k = pair(name, cls, c, "pool_size");
        int[] s = c.path("strides").isNull() || c.path("strides").isMissingNode() ? k : pair(name, cls, c, "strides");
        int[][] pads = padding(name, cls, c.path("padding").asText(), x.shape(), k, s, new int[] {1, 1});
        List<OnnxAttribute> attrs = new ArrayList<>(List.of(
                OnnxAttribute.ints("kernel_shape", k[0], k[1]),
                OnnxAttribute.ints("strides", s[0], s[1]),
                OnnxAttribute.ints("pads", pads[0][0], pads[1][0], pads[0][1], pads[1][1])));
        if (cls.startsWith("Average")) {
            attrs.add(OnnxAttribute.of("count_include_pad", 0L)); // TF averages over the real pixels only
        }
        String out = g.node(cls.startsWith("Average") ? "AveragePool" : "MaxPool", List.of(x.onnx()), name,
                attrs.toArray(OnnxAttribute[]::new));
        int oh = (x.shape()[0] + pads[0][0] + pads[0][1] - k[0]) / s[0] + 1;
        int ow = (x.shape()[1] + pads[1][0] + pads[1][1] - k[1]) / s[1] + 1;
        return new Value(out, new int[] {oh, ow, x.shape()[2]});
    }

    private Value globalPool(String name, String cls, JsonNode c, Value x) {
        requireChannelsLast(name, cls, c);
        if (c.path("keepdims").asBoolean(false)) {
            throw fail(name, cls, "keepdims=true is not supported");
        }
        String pooled = g.node(cls.startsWith("GlobalAverage") ? "GlobalAveragePool" : "GlobalMaxPool",
                List.of(x.onnx()), name + "/pool");
        String out = g.node("Flatten", List.of(pooled), name, OnnxAttribute.of("axis", 1L));
        return new Value(out, new int[] {x.shape()[2]});
    }

    private Value flatten(String name, Value x) {
        if (!x.spatial()) {
            return x;
        }
        // Keras flattens in NHWC order; transpose back first (a no-op on data when H = W = 1).
        String nhwc = g.node("Transpose", List.of(x.onnx()), name + "/nhwc", OnnxAttribute.ints("perm", 0, 2, 3, 1));
        String out = g.node("Flatten", List.of(nhwc), name, OnnxAttribute.of("axis", 1L));
        return new Value(out, new int[] {x.shape()[0] * x.shape()[1] * x.shape()[2]});
    }

    private Value dense(String name, JsonNode c, Value x) {
        if (x.spatial()) {
            throw fail(name, "Dense", "on a spatial input is not supported; expected a Flatten or pooling before it");
        }
        int in = x.shape()[0];
        int units = c.path("units").asInt();
        g.initializer(name + "/W", new long[] {in, units}, weights.take(name, "kernel", in, units).values());
        List<String> inputs = new ArrayList<>(List.of(x.onnx(), name + "/W"));
        if (c.path("use_bias").asBoolean(true)) {
            g.initializer(name + "/B", new long[] {units}, weights.take(name, "bias", units).values());
            inputs.add(name + "/B");
        }
        String out = g.node("Gemm", inputs, name + (isLinear(c) ? "" : "/gemm"));
        Value v = new Value(out, new int[] {units});
        return isLinear(c) ? v : activation(name, "Dense", c.path("activation").asText(), v);
    }

    private int[][] padding(String name, String cls, String mode, int[] in, int[] k, int[] s, int[] d) {
        if (!mode.equals("valid") && !mode.equals("same")) {
            throw fail(name, cls, "has unsupported padding '" + mode + "'");
        }
        return KernelLayout.tfPadding(mode.equals("same"), in, k, s, d);
    }

    private static boolean isLinear(JsonNode c) {
        return c.path("activation").asText("linear").equals("linear");
    }

    private int[] pair(String name, String cls, JsonNode c, String field) {
        JsonNode v = c.path(field);
        if (v.isInt()) {
            return new int[] {v.asInt(), v.asInt()};
        }
        if (v.size() != 2) {
            throw fail(name, cls, "needs a 2-element '" + field + "', got " + v);
        }
        return new int[] {v.get(0).asInt(), v.get(1).asInt()};
    }

    private Value requireSpatial(String name, String cls, Value x) {
        if (!x.spatial()) {
            throw fail(name, cls, "needs a spatial [H,W,C] input, got " + Arrays.toString(x.shape()));
        }
        return x;
    }

    private void requireChannelsLast(String name, String cls, JsonNode c) {
        String f = c.path("data_format").asText("channels_last");
        if (!f.equals("channels_last")) {
            throw fail(name, cls, "supports data_format channels_last only, got " + f);
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private IllegalArgumentException fail(String name, String cls, String msg) {
        return new IllegalArgumentException(source + ": layer '" + name + "' (" + cls + ") " + msg);
    }
}
