package io.hyperfusion.features.encode.onnx;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX {@code ModelProto}: a graph plus IR version, operator-set import, producer and metadata, written
 * in the protobuf wire format with the field numbers of {@code onnx/onnx.proto}.
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
        return message(out -> {
            out.writeInt64(1, irVersion);
            writeString(out, 2, producerName);
            writeString(out, 3, producerVersion);
            writeString(out, 6, docString);
            out.writeByteArray(7, graphBytes());
            out.writeByteArray(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, opsetVersion);
            }));
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                out.writeByteArray(14, message(o -> {
                    o.writeString(1, e.getKey());
                    o.writeString(2, e.getValue());
                }));
            }
        });
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

    private byte[] graphBytes() {
        return message(out -> {
            for (OnnxGraph.Node n : graph.nodes()) {
                out.writeByteArray(1, nodeBytes(n));
            }
            writeString(out, 2, graph.name());
            for (OnnxGraph.Initializer t : graph.initializers()) {
                out.writeByteArray(5, message(o -> {
                    for (long d : t.dims()) {
                        o.writeInt64(1, d);
                    }
                    o.writeInt32(2, t.type().code);
                    o.writeString(8, t.name());
                    o.writeByteArray(9, t.rawData());
                }));
            }
            for (OnnxGraph.ValueInfo v : graph.inputs()) {
                out.writeByteArray(11, valueInfoBytes(v));
            }
            for (OnnxGraph.ValueInfo v : graph.outputs()) {
                out.writeByteArray(12, valueInfoBytes(v));
            }
        });
    }

    private static byte[] nodeBytes(OnnxGraph.Node n) {
        return message(out -> {
            for (String in : n.inputs()) {
                out.writeString(1, in);
            }
            for (String o : n.outputs()) {
                out.writeString(2, o);
            }
            writeString(out, 3, n.name());
            out.writeString(4, n.opType());
            for (OnnxAttribute a : n.attributes()) {
                out.writeByteArray(5, attributeBytes(a));
            }
            writeString(out, 7, n.domain());
        });
    }

    private static byte[] attributeBytes(OnnxAttribute a) {
        return message(out -> {
            out.writeString(1, a.name());
            switch (a.type()) {
                case FLOAT -> out.writeFloat(2, (Float) a.value());
                case INT -> out.writeInt64(3, (Long) a.value());
                case STRING -> out.writeByteArray(4, ((String) a.value()).getBytes(StandardCharsets.UTF_8));
                case FLOATS -> {
                    for (float f : (float[]) a.value()) {
                        out.writeFloat(7, f);
                    }
                }
                case INTS -> {
                    for (long i : (long[]) a.value()) {
                        out.writeInt64(8, i);
                    }
                }
            }
            out.writeInt32(20, a.type().code);
        });
    }

    private static byte[] valueInfoBytes(OnnxGraph.ValueInfo v) {
        byte[] shape = message(out -> {
            for (Object d : v.dims()) {
                out.writeByteArray(1, message(o -> {
                    if (d instanceof Long size) {
                        o.writeInt64(1, size);
                    } else {
                        o.writeString(2, (String) d);
                    }
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(1, v.type().code);
            out.writeByteArray(2, shape);
        });
        byte[] type = message(out -> out.writeByteArray(1, tensorType));
        return message(out -> {
            out.writeString(1, v.name());
            out.writeByteArray(2, type);
        });
    }

    private static void writeString(CodedOutputStream out, int field, String s) throws IOException {
        if (s != null && !s.isEmpty()) {
            out.writeString(field, s);
        }
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    /** Serialises one message body; nested messages are written as length-delimited byte fields. */
    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise ONNX message", e);
        }
    }
}
