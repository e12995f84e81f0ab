package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.features.encode.onnx.OnnxModel;
import io.hyperfusion.features.encode.onnx.QdqQuantizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The int8 MobileNetV2: {@code model-int8.onnx}, derived from the installed {@code model.onnx} by
 * {@link QdqQuantizer} without calibration images, next to it.
 *
 * <p>Settings, measured on 240 crops of the natural photographs Debian ships with matplotlib and scikit-learn
 * (docs/BENCHMARKS.md §1): activation ranges of ±6 batch-norm standard deviations; the first depthwise
 * convolution ({@code expanded_conv_depthwise}) stays in float, because quantising it alone cost most of the
 * agreement (mean feature cosine 0.991 → 0.997 with it in float; no other layer mattered by more than 0.001).
 *
 * <p>The derivation is deterministic, so concurrent processes (Spark executors) that derive it at once write
 * identical bytes; each writes through a temporary file and an atomic rename. A file derived from another
 * {@code model.onnx} or with other settings (its metadata records both) is derived again.
 */
public final class MobileNetInt8 {

    /** The derived file's name in the model folder. */
    public static final String FILE = "model-int8.onnx";
    /** Metadata key holding the SHA-256 of the float model it was derived from. */
    public static final String SOURCE_SHA = "int8_source_sha256";
    /** Metadata key marking the precision (read by {@link MobileNetV2Encoder}). */
    public static final String PRECISION = "precision";
    /** Metadata key holding {@link #SETTINGS}: a file derived with other settings is derived again. */
    public static final String SETTINGS_KEY = "int8_settings";
    static final float SIGMAS = 6f;
    static final Set<String> FLOAT_CONVS = Set.of("expanded_conv_depthwise_relu");
    /** The quantiser and its settings; changing any of them must change this string. */
    static final String SETTINGS = "QdqQuantizer-v1 data-free, input [0,1], sigmas " + SIGMAS + ", float "
            + new java.util.TreeSet<>(FLOAT_CONVS);

    private MobileNetInt8() {
    }

    /** The int8 file under {@code modelsDir}, derived first when missing or stale; needs the float model installed. */
    public static Path ensure(Path modelsDir) {
        Path source = MobileNetInstaller.modelFile(modelsDir);
        Path target = MobileNetInstaller.modelDir(modelsDir).resolve(FILE);
        try {
            String sourceSha = Hashing.sha256(source);
            if (Files.isRegularFile(target) && isDerivedFrom(target, sourceSha)) {
                return target;
            }
            derive(source, sourceSha).write(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot derive the int8 MobileNetV2 " + target + " from " + source, e);
        }
    }

    /** True when {@code derived} is a readable model derived from that source with today's settings. */
    private static boolean isDerivedFrom(Path derived, String sourceSha) throws IOException {
        try {
            Map<String, String> meta = OnnxModel.read(derived).metadata();
            return sourceSha.equals(meta.get(SOURCE_SHA)) && SETTINGS.equals(meta.get(SETTINGS_KEY));
        } catch (IllegalArgumentException e) {
            return false; // a damaged or foreign file: derived again
        }
    }

    /** The int8 model of the float model {@code source}. */
    static OnnxModel derive(Path source, String sourceSha) throws IOException {
        OnnxModel m = OnnxModel.read(source);
        QdqQuantizer.Result r = new QdqQuantizer(0f, 1f, SIGMAS, FLOAT_CONVS).quantize(m.graph());
        Map<String, String> meta = new LinkedHashMap<>(m.metadata());
        meta.put(PRECISION, MobileNetPrecision.INT8.label());
        meta.put(SOURCE_SHA, sourceSha);
        meta.put(SETTINGS_KEY, SETTINGS);
        meta.put("int8_report", r.report().toString());
        return new OnnxModel(r.graph(), m.irVersion(), m.opsetVersion(), m.producerName(), m.producerVersion(),
                m.docString(), meta);
    }
}
