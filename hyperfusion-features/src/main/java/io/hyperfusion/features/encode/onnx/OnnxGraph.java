package io.hyperfusion.features.encode.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable ONNX computation graph (nodes in topological order, constant initializers, typed inputs and
 * outputs), built with {@link #builder(String)} and serialised by {@link OnnxModel}.
 *
 * <p>The builder checks what ONNX requires of a graph: unique value names, every node input defined before
 * use (as a graph input, an initializer or an earlier node's output), every graph output produced.
 */
public final class OnnxGraph {

    /** ONNX {@code TensorProto.DataType} codes of the element types supported here. */
    public enum ElemType {
        FLOAT(1, 4), UINT8(2, 1), INT8(3, 1), INT32(6, 4), INT64(7, 8), BOOL(9, 1);

        final int code;
        final int bytes;

        ElemType(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }
    }

    /**
     * A typed graph input or output; each dimension is a {@code Long} (fixed) or a {@code String} (symbolic,
     * e.g. {@code "N"} for the batch).
     */
    public record ValueInfo(String name, ElemType type, List<Object> dims) {
        public ValueInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            dims = List.copyOf(dims);
            for (Object d : dims) {
                if (!(d instanceof Long || d instanceof String)) {
                    throw new IllegalArgumentException("dimension of '" + name + "' must be a Long or a String, got "
                            + (d == null ? "null" : d.getClass().getSimpleName()));
                }
            }
        }
    }

    /** A constant tensor stored as little-endian {@code raw_data}. */
    public record Initializer(String name, ElemType type, long[] dims, byte[] rawData) {
        public Initializer {
            long count = 1;
            for (long d : dims) {
                if (d < 0) {
                    throw new IllegalArgumentException("initializer '" + name + "' has a negative dimension: "
                            + Arrays.toString(dims));
                }
                count *= d;
            }
            if (count * type.bytes != rawData.length) {
                throw new IllegalArgumentException("initializer '" + name + "' of shape " + Arrays.toString(dims)
                        + " needs " + count * type.bytes + " bytes of " + type + ", got " + rawData.length);
            }
            dims = dims.clone();
        }

        /** A float32 constant. */
        public static Initializer ofFloats(String name, long[] dims, float[] values) {
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            return new Initializer(name, ElemType.FLOAT, dims, buf.array());
        }

        /** An int64 constant. */
        public static Initializer ofLongs(String name, long[] dims, long[] values) {
            ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asLongBuffer().put(values);
            return new Initializer(name, ElemType.INT64, dims, buf.array());
        }

        /** The values of a float32 constant. */
        public float[] floats() {
            requireType(ElemType.FLOAT);
            float[] f = new float[rawData.length / 4];
            ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return f;
        }

        /** The values of an int64 constant. */
        public long[] longs() {
            requireType(ElemType.INT64);
            long[] v = new long[rawData.length / 8];
            ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
            return v;
        }

        private void requireType(ElemType expected) {
            if (type != expected) {
                throw new IllegalStateException("initializer '" + name + "' is " + type + ", not " + expected);
            }
        }
    }

    /** One operator application; an empty input name marks an omitted optional input. */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       List<OnnxAttribute> attributes) {
        public Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            attributes = List.copyOf(attributes);
        }
    }

    private final String name;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;
    private final List<Initializer> initializers;
    private final List<Node> nodes;

    private OnnxGraph(Builder b) {
        this.name = b.name;
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.initializers = List.copyOf(b.initializers.values());
        this.nodes = List.copyOf(b.nodes);
    }

    /** Starts a graph with the given name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return name; }
    public List<ValueInfo> inputs() { return inputs; }
    public List<ValueInfo> outputs() { return outputs; }
    public List<Initializer> initializers() { return initializers; }
    public List<Node> nodes() { return nodes; }

    /** Collects the parts of a graph; not thread-safe, use one per graph. */
    public static final class Builder {
        private final String name;
        private final List<ValueInfo> inputs = new ArrayList<>();
        private final List<ValueInfo> outputs = new ArrayList<>();
        private final Map<String, Initializer> initializers = new LinkedHashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final Set<String> defined = new HashSet<>();
        private int autoNames;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Declares a graph input; dims are {@code Long}/{@code Integer} sizes or {@code String} symbols. */
        public Builder input(String name, ElemType type, Object... dims) {
            define(name);
            inputs.add(new ValueInfo(name, type, normalise(dims)));
            return this;
        }

        /** Declares a graph output, which some node (or input) must produce by {@link #build()}. */
        public Builder output(String name, ElemType type, Object... dims) {
            outputs.add(new ValueInfo(name, type, normalise(dims)));
            return this;
        }

        /** Adds a float32 constant. */
        public Builder initializer(String name, long[] dims, float[] values) {
            return initializer(Initializer.ofFloats(name, dims, values));
        }

        /** Adds an int64 constant (shapes, pads, axes). */
        public Builder initializerInt64(String name, long[] dims, long[] values) {
            return initializer(Initializer.ofLongs(name, dims, values));
        }

        /** Adds a constant of any supported type given as little-endian bytes. */
        public Builder initializer(Initializer init) {
            define(init.name());
            initializers.put(init.name(), init);
            return this;
        }

        /** True when a value of this name already exists (input, initializer or node output). */
        public boolean isDefined(String valueName) {
            return defined.contains(valueName);
        }

        /** Adds a node with one output and returns the output's name. */
        public String node(String opType, List<String> inputs, String output, OnnxAttribute... attributes) {
            node(opType, inputs, List.of(output), attributes);
            return output;
        }

        /** Adds a node of the default ONNX domain. */
        public Builder node(String opType, List<String> inputs, List<String> outputs, OnnxAttribute... attributes) {
            return node("", opType, inputs, outputs, attributes);
        }

        /** Adds a node of the given operator domain ({@code ""} = the default ONNX domain). */
        public Builder node(String domain, String opType, List<String> inputs, List<String> outputs,
                            OnnxAttribute... attributes) {
            Objects.requireNonNull(opType, "opType");
            if (outputs.isEmpty()) {
                throw new IllegalArgumentException(opType + " node needs at least one output");
            }
            for (String in : inputs) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new IllegalArgumentException(opType + " node reads '" + in
                            + "', which no input, initializer or earlier node defines");
                }
            }
            Set<String> attrNames = new HashSet<>();
            for (OnnxAttribute a : attributes) {
                if (!attrNames.add(a.name())) {
                    throw new IllegalArgumentException(opType + " node has attribute '" + a.name() + "' twice");
                }
            }
            for (String out : outputs) {
                define(out);
            }
            nodes.add(new Node(opType + "_" + (autoNames++), opType, domain, inputs, outputs, List.of(attributes)));
            return this;
        }

        /** Validates and freezes the graph. */
        public OnnxGraph build() {
            Set<String> seen = new HashSet<>();
            for (ValueInfo out : outputs) {
                if (!defined.contains(out.name())) {
                    throw new IllegalArgumentException("graph output '" + out.name() + "' is never produced");
                }
                if (!seen.add(out.name())) {
                    throw new IllegalArgumentException("graph output '" + out.name() + "' is declared twice");
                }
            }
            if (outputs.isEmpty()) {
                throw new IllegalArgumentException("graph '" + name + "' has no outputs");
            }
            return new OnnxGraph(this);
        }

        private void define(String valueName) {
            if (valueName == null || valueName.isEmpty()) {
                throw new IllegalArgumentException("value name must not be empty");
            }
            if (!defined.add(valueName)) {
                throw new IllegalArgumentException("value '" + valueName + "' is defined twice in graph '" + name + "'");
            }
        }

        private static List<Object> normalise(Object[] dims) {
            List<Object> out = new ArrayList<>(dims.length);
            for (Object d : dims) {
                out.add(d instanceof Integer i ? Long.valueOf(i) : d);
            }
            return out;
        }
    }
}
