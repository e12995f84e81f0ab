package io.hyperfusion.features.encode.onnx;

import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import onnx.Onnx;

/**
 * An ONNX {@code ModelProto}: a graph plus IR version, operator-set import, producer and metadata, written through
 * the message classes generated at build time from ONNX's own {@code onnx.proto} (src/main/proto/onnx).
 *
 * <p>Defaults are IR version 8 and default-domain opset 13, which ONNX Runtime 1.20 (IR ≤ 10) loads.
 *
 * @param graph           the computation graph
 * @param irVersion       {@code ModelProto.ir_version}
 * @param opsetVersion    version of the default ({@code ""}) operator set
 * @param producerName    the tool that wrote the model
 * @param producerVersion that tool's version
 * @param docString       free text describing the model
 * @param metadata        {@code metadata_props}, in insertion order
 */
public record OnnxModel(OnnxGraph graph, long irVersion, long opsetVersion, String producerName,
                        String producerVersion, String docString, Map<String, String> metadata) {

    /** The IR version written by {@link #of(OnnxGraph)}. */
    public static final long DEFAULT_IR_VERSION = 8;
    /** The default-domain opset written by {@link #of(OnnxGraph)}. */
    public static final long DEFAULT_OPSET = 13;

    public OnnxModel {
        Objects.requireNonNull(graph, "graph");
        if (irVersion < 3 || opsetVersion < 1) {
            throw new IllegalArgumentException("need ir_version >= 3 and opset >= 1, got " + irVersion + "/" + opsetVersion);
        }
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A model with IR 8, opset 13, producer {@code hyperfusion} and no metadata. */
    public static OnnxModel of(OnnxGraph graph) {
        return new OnnxModel(graph, DEFAULT_IR_VERSION, DEFAULT_OPSET, "hyperfusion", "0.1", "", Map.of());
    }

    /** A copy with extra metadata entries, appended in the map's iteration order (pass an ordered map). */
    public OnnxModel withMetadata(Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.putAll(extra);
        return new OnnxModel(graph, irVersion, opsetVersion, producerName, producerVersion, docString, m);
    }

    /** A copy with the given doc string. */
    public OnnxModel withDocString(String doc) {
        return new OnnxModel(graph, irVersion, opsetVersion, producerName, producerVersion, doc, metadata);
    }

    /** The serialised {@code ModelProto}. */
    public byte[] toByteArray() {
        return toProto().toByteArray();
    }

    /** The model as ONNX's own {@code ModelProto} message (classes generated from onnx.proto). */
    public Onnx.ModelProto toProto() {
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder().setIrVersion(irVersion);
        if (!producerName.isEmpty()) {
            m.setProducerName(producerName);
        }
        if (!producerVersion.isEmpty()) {
            m.setProducerVersion(producerVersion);
        }
        if (!docString.isEmpty()) {
            m.setDocString(docString);
        }
        m.setGraph(graphProto()).addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("")
                .setVersion(opsetVersion));
        metadata.forEach((k, v) -> m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /**
     * Reads a model written by {@link #write(Path)} (or any model using only what {@link OnnxGraph} holds:
     * default-domain nodes or named domains, raw-data or float/int64 initializers, float/int/string attributes).
     * Metadata, producer and doc string are kept.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and the unsupported part
     */
    public static OnnxModel read(Path file) throws IOException {
        Onnx.ModelProto m;
        try (var in = Files.newInputStream(file)) {
            m = Onnx.ModelProto.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": not an ONNX model: " + e.getMessage(), e);
        }
        try {
            Onnx.GraphProto gp = m.getGraph();
            OnnxGraph.Builder g = OnnxGraph.builder(gp.getName());
            java.util.Set<String> initNames = new java.util.HashSet<>();
            for (Onnx.TensorProto t : gp.getInitializerList()) {
                g.initializer(initializer(t));
                initNames.add(t.getName());
            }
            for (Onnx.ValueInfoProto v : gp.getInputList()) {
                if (!initNames.contains(v.getName())) {
                    g.input(v.getName(), elemType(v.getType().getTensorType().getElemType(), v.getName()), dims(v));
                }
            }
            for (Onnx.NodeProto n : gp.getNodeList()) {
                java.util.List<OnnxAttribute> attrs = new java.util.ArrayList<>();
                for (Onnx.AttributeProto a : n.getAttributeList()) {
                    attrs.add(attribute(a, n.getName()));
                }
                g.node(n.getDomain(), n.getOpType(), n.getInputList(), n.getOutputList(),
                        attrs.toArray(OnnxAttribute[]::new));
            }
            for (Onnx.ValueInfoProto v : gp.getOutputList()) {
                g.output(v.getName(), elemType(v.getType().getTensorType().getElemType(), v.getName()), dims(v));
            }
            long opset = DEFAULT_OPSET;
            for (Onnx.OperatorSetIdProto o : m.getOpsetImportList()) {
                if (o.getDomain().isEmpty()) {
                    opset = o.getVersion();
                }
            }
            Map<String, String> meta = new LinkedHashMap<>();
            m.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
            return new OnnxModel(g.build(), m.getIrVersion(), opset, m.getProducerName(), m.getProducerVersion(),
                    m.getDocString(), meta);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static OnnxGraph.Initializer initializer(Onnx.TensorProto t) {
        OnnxGraph.ElemType type = elemType(t.getDataType(), t.getName());
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (t.hasRawData()) {
            return new OnnxGraph.Initializer(t.getName(), type, dims, t.getRawData().toByteArray());
        } else if (type == OnnxGraph.ElemType.FLOAT) {
            float[] v = new float[t.getFloatDataCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
            return OnnxGraph.Initializer.ofFloats(t.getName(), dims, v);
        } else if (type == OnnxGraph.ElemType.INT64) {
            return OnnxGraph.Initializer.ofLongs(t.getName(), dims,
                    t.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
        }
        throw new IllegalArgumentException("initializer '" + t.getName() + "' of type " + type
                + " is not stored as raw data");
    }

    private static OnnxGraph.ElemType elemType(int code, String what) {
        for (OnnxGraph.ElemType e : OnnxGraph.ElemType.values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + what + "' has unsupported element type " + code);
    }

    private static Object[] dims(Onnx.ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? (Object) d.getDimValue() : d.getDimParam()).toArray();
    }

    private static OnnxAttribute attribute(Onnx.AttributeProto a, String node) {
        return switch (a.getType()) {
            case FLOAT -> OnnxAttribute.of(a.getName(), a.getF());
            case INT -> OnnxAttribute.of(a.getName(), a.getI());
            case STRING -> OnnxAttribute.of(a.getName(), a.getS().toStringUtf8());
            case FLOATS -> {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                yield OnnxAttribute.floats(a.getName(), f);
            }
            case INTS -> OnnxAttribute.ints(a.getName(), a.getIntsList().stream().mapToLong(Long::longValue).toArray());
            default -> throw new IllegalArgumentException("node '" + node + "' has attribute '" + a.getName()
                    + "' of unsupported type " + a.getType());
        };
    }

    /** Writes the model to {@code file} via a temporary sibling, so readers never see half a file. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not createTempFile: that makes the file owner-only (0600), and models are shared read-only files.
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                os.write(toByteArray());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Onnx.GraphProto graphProto() {
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder();
        graph.nodes().forEach(n -> g.addNode(nodeProto(n)));
        if (!graph.name().isEmpty()) {
            g.setName(graph.name());
        }
        for (OnnxGraph.Initializer t : graph.initializers()) {
            Onnx.TensorProto.Builder tp = Onnx.TensorProto.newBuilder();
            for (long d : t.dims()) {
                tp.addDims(d);
            }
            g.addInitializer(tp.setDataType(t.type().code).setName(t.name()).setRawData(ByteString.copyFrom(t.rawData())));
        }
        graph.inputs().forEach(v -> g.addInput(valueInfoProto(v)));
        graph.outputs().forEach(v -> g.addOutput(valueInfoProto(v)));
        return g.build();
    }

    private static Onnx.NodeProto nodeProto(OnnxGraph.Node n) {
        Onnx.NodeProto.Builder b = Onnx.NodeProto.newBuilder().addAllInput(n.inputs()).addAllOutput(n.outputs());
        if (!n.name().isEmpty()) {
            b.setName(n.name());
        }
        b.setOpType(n.opType());
        n.attributes().forEach(a -> b.addAttribute(attributeProto(a)));
        if (!n.domain().isEmpty()) {
            b.setDomain(n.domain());
        }
        return b.build();
    }

    private static Onnx.AttributeProto attributeProto(OnnxAttribute a) {
        Onnx.AttributeProto.Builder b = Onnx.AttributeProto.newBuilder().setName(a.name());
        switch (a.type()) {
            case FLOAT -> b.setF((Float) a.value()).setType(Onnx.AttributeProto.AttributeType.FLOAT);
            case INT -> b.setI((Long) a.value()).setType(Onnx.AttributeProto.AttributeType.INT);
            case STRING -> b.setS(ByteString.copyFromUtf8((String) a.value()))
                    .setType(Onnx.AttributeProto.AttributeType.STRING);
            case FLOATS -> {
                for (float f : (float[]) a.value()) {
                    b.addFloats(f);
                }
                b.setType(Onnx.AttributeProto.AttributeType.FLOATS);
            }
            case INTS -> {
                for (long i : (long[]) a.value()) {
                    b.addInts(i);
                }
                b.setType(Onnx.AttributeProto.AttributeType.INTS);
            }
        }
        return b.build();
    }

    private static Onnx.ValueInfoProto valueInfoProto(OnnxGraph.ValueInfo v) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : v.dims()) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            shape.addDim(d instanceof Long size ? dim.setDimValue(size) : dim.setDimParam((String) d));
        }
        Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(v.type().code).setShape(shape)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(v.name()).setType(type).build();
    }
}
