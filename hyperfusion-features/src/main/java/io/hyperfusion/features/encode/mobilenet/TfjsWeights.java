package io.hyperfusion.features.encode.mobilenet;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The weights of a TensorFlow.js model, decoded to float32 from its {@code weightsManifest} and binary shards.
 *
 * <p>As in TF.js ({@code tf.io.decodeWeights}), the shards of all groups are concatenated in manifest order
 * and the weights laid out back to back. Supported encodings: {@code float32} and {@code int32} raw
 * little-endian, and quantised {@code uint8}/{@code uint16} (value = q·scale + min) and {@code float16}.
 */
final class TfjsWeights {

    /** One decoded weight with its TF.js shape. */
    record Weight(String name, int[] shape, float[] values) {
    }

    private final Map<String, Weight> weights;
    private final Set<String> unused;
    private final Path source;

    private TfjsWeights(Map<String, Weight> weights, Path source) {
        this.weights = weights;
        this.unused = new TreeSet<>(weights.keySet());
        this.source = source;
    }

    /** Reads the shards named by {@code manifest} (resolved against {@code dir}) and decodes every weight. */
    static TfjsWeights read(JsonNode manifest, Path dir, Path modelJson) throws IOException {
        if (manifest == null || !manifest.isArray()) {
            throw new IllegalArgumentException(modelJson + ": 'weightsManifest' must be an array");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode group : manifest) {
            for (JsonNode p : group.path("paths")) {
                Path shard = dir.resolve(p.asText()).normalize();
                if (!shard.startsWith(dir.normalize())) {
                    throw new IllegalArgumentException(modelJson + ": shard path escapes the model directory: " + p);
                }
                all.write(Files.readAllBytes(shard));
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Weight> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            for (JsonNode spec : group.path("weights")) {
                Weight w = decode(spec, buf, modelJson);
                if (out.put(w.name(), w) != null) {
                    throw new IllegalArgumentException(modelJson + ": weight '" + w.name() + "' appears twice");
                }
            }
        }
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException(modelJson + ": shards hold " + buf.capacity() + " bytes but the manifest"
                    + " describes only " + buf.position());
        }
        return new TfjsWeights(out, modelJson);
    }

    private static Weight decode(JsonNode spec, ByteBuffer buf, Path modelJson) {
        String name = stripSuffix(spec.path("name").asText());
        JsonNode shapeNode = spec.path("shape");
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            count *= shape[i];
        }
        String dtype = spec.path("dtype").asText();
        JsonNode q = spec.get("quantization");
        String stored = q == null ? dtype : q.path("dtype").asText();
        int width = switch (stored) {
            case "float32", "int32" -> 4;
            case "uint16", "float16" -> 2;
            case "uint8" -> 1;
            default -> throw new IllegalArgumentException(modelJson + ": weight '" + name + "' has unsupported "
                    + (q == null ? "dtype" : "quantization dtype") + " '" + stored
                    + "' (expected float32, int32, uint8, uint16 or float16)");
        };
        if (buf.remaining() < count * width) {
            throw new IllegalArgumentException(modelJson + ": weight '" + name + "' " + Arrays.toString(shape)
                    + " needs " + count * width + " bytes at offset " + buf.position() + ", only "
                    + buf.remaining() + " left in the shards");
        }
        float[] v = new float[(int) count];
        double scale = q == null ? 1 : q.path("scale").asDouble(1);
        double min = q == null ? 0 : q.path("min").asDouble(0);
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (stored) {
                case "float32" -> buf.getFloat();
                case "int32" -> buf.getInt();
                case "float16" -> halfToFloat(buf.getShort());
                // Same arithmetic as TF.js: q * scale + min in double, then stored as float32.
                case "uint16" -> (float) ((buf.getShort() & 0xFFFF) * scale + min);
                default -> (float) ((buf.get() & 0xFF) * scale + min);
            };
        }
        return new Weight(name, shape, v);
    }

    /** The weight {@code layer/variable} (e.g. {@code Conv1/kernel}), marked as used; fails if absent or misshapen. */
    Weight take(String layer, String variable, int... expectedShape) {
        String key = layer + "/" + variable;
        Weight w = weights.get(key);
        if (w == null) {
            throw new IllegalArgumentException(source + ": layer '" + layer + "' needs weight '" + key
                    + "', which the weightsManifest does not have");
        }
        if (expectedShape.length > 0 && !Arrays.equals(w.shape(), expectedShape)) {
            throw new IllegalArgumentException(source + ": weight '" + key + "' has shape " + Arrays.toString(w.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        unused.remove(key);
        return w;
    }

    /** True when the manifest has {@code layer/variable}. */
    boolean has(String layer, String variable) {
        return weights.containsKey(layer + "/" + variable);
    }

    /** Names of weights no layer has taken. */
    Set<String> unused() {
        return Set.copyOf(unused);
    }

    private static String stripSuffix(String name) {
        return name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float sub = mant * 0x1p-24f;
            return sign == 0 ? sub : -sub;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
