package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.features.cache.Hashing;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.hyperfusion.features.encode.ImageEncoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default offline image encoder: nsfwjs's MobileNetV2 (Sandler et al., "MobileNetV2: Inverted Residuals
 * and Linear Bottlenecks", CVPR 2018, fine-tuned by nsfwjs into a 5-class NSFW classifier) run with ONNX
 * Runtime. Each image gives 1285 floats: the 1280 globally average-pooled features before the classifier
 * ({@code mnv2_0..mnv2_1279}), then the class probabilities {@code nsfw_drawing, nsfw_hentai,
 * nsfw_neutral, nsfw_porn, nsfw_sexy}.
 *
 * <p>Preprocessing is {@link MobileNetPreprocessing} (RGB/255, align-corners bilinear to 224×224, as
 * nsfwjs does). Thread-safe: {@code OrtSession.run} may be called concurrently.
 */
public final class MobileNetV2Encoder implements ImageEncoder {

    /** The encoder id (cache key part). */
    public static final String ID = MobileNetInstaller.DIR_NAME;
    /** Input side length. */
    public static final int SIZE = 224;
    /** Number of pooled features. */
    public static final int FEATURES = 1280;
    /** Default number of images per ONNX Runtime call. */
    public static final int DEFAULT_MAX_BATCH = 32;
    private static final String PREPROCESSING = "rgb255-bilinear-aligncorners-v1";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String version;
    private final MobileNetPrecision precision;
    private final List<String> outputNames;
    private final int classes;
    private final int maxBatch;

    /** Opens {@code <modelsDir>/mobilenetv2-nsfwjs/model.onnx}; fails with the install hint when absent. */
    public static MobileNetV2Encoder open(Path modelsDir, int intraOpThreads) {
        return open(modelsDir, intraOpThreads, MobileNetPrecision.FP32);
    }

    /**
     * Opens the installed model in the given precision (int8: {@code model-int8.onnx}, derived from model.onnx on
     * first use); fails with the install hint when the float model is absent.
     */
    public static MobileNetV2Encoder open(Path modelsDir, int intraOpThreads, MobileNetPrecision precision) {
        if (!MobileNetInstaller.isInstalled(modelsDir)) {
            throw new IllegalStateException("MobileNetV2 model is not installed under " + modelsDir
                    + " (expected " + MobileNetInstaller.modelFile(modelsDir) + " matching its install.json);"
                    + " run MobileNetInstaller.install(modelsDir) once (needs npm)");
        }
        Path file = precision == MobileNetPrecision.INT8 ? MobileNetInt8.ensure(modelsDir)
                : MobileNetInstaller.modelFile(modelsDir);
        return new MobileNetV2Encoder(file, intraOpThreads, DEFAULT_MAX_BATCH);
    }

    /**
     * Loads a converted model.
     *
     * @param modelFile      the ONNX file written by {@link MobileNetInstaller}
     * @param intraOpThreads ONNX Runtime intra-op threads (≥ 1)
     * @param maxBatch       images per runtime call; larger lists are split (≥ 1)
     */
    public MobileNetV2Encoder(Path modelFile, int intraOpThreads, int maxBatch) {
        if (intraOpThreads < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("intraOpThreads and maxBatch must be >= 1, got " + intraOpThreads
                    + " and " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(intraOpThreads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // No busy-waiting between ops: on 2 cores shared with Spark tasks or other encoders, spinning
            // workers steal the cores that would do the work (same reason as OMP_WAIT_POLICY=PASSIVE).
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(modelFile.toString(), opts);
            String precision = session.getMetadata().getCustomMetadata().get(MobileNetInt8.PRECISION);
            this.precision = precision == null ? MobileNetPrecision.FP32 : MobileNetPrecision.parse(precision);
            // The int8 marker lets a served bundle open the same variant it was trained with.
            this.version = MobileNetInstaller.PACKAGE + "-" + MobileNetInstaller.VERSION + "+onnx:"
                    + Hashing.sha256(modelFile).substring(0, 16)
                    + (this.precision == MobileNetPrecision.FP32 ? "" : "+" + this.precision.label()) + "+" + PREPROCESSING;
        } catch (OrtException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot load MobileNetV2 ONNX model " + modelFile + ": " + e.getMessage(), e);
        }
        this.classes = MobileNetInstaller.CLASSES.size();
        List<String> names = new ArrayList<>(FEATURES + classes);
        for (int i = 0; i < FEATURES; i++) {
            names.add("mnv2_" + i);
        }
        for (String c : MobileNetInstaller.CLASSES) {
            names.add("nsfw_" + c.toLowerCase(Locale.ROOT));
        }
        this.outputNames = List.copyOf(names);
        checkSignature(modelFile);
    }

    private void checkSignature(Path modelFile) {
        if (!session.getInputNames().contains(TfjsLayersToOnnx.INPUT)
                || !session.getOutputNames().containsAll(List.of(TfjsLayersToOnnx.FEATURES, TfjsLayersToOnnx.PROBS))) {
            close();
            throw new IllegalArgumentException(modelFile + ": expected input '" + TfjsLayersToOnnx.INPUT
                    + "' and outputs 'features', 'probs', got " + session.getInputNames() + " -> "
                    + session.getOutputNames());
        }
    }

    /** The precision of the loaded model (its {@code precision} metadata; float when absent). */
    public MobileNetPrecision precision() {
        return precision;
    }

    /** The precision an encoder {@link #version()} string was recorded with. */
    public static MobileNetPrecision precisionOf(String version) {
        return version != null && version.contains("+" + MobileNetPrecision.INT8.label() + "+")
                ? MobileNetPrecision.INT8 : MobileNetPrecision.FP32;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int dimension() {
        return FEATURES + classes;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public float[][] encode(List<BufferedImage> images) {
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += maxBatch) {
            int end = Math.min(images.size(), start + maxBatch);
            runBatch(images, start, end, out);
        }
        return out;
    }

    private void runBatch(List<BufferedImage> images, int start, int end, float[][] out) {
        int n = end - start;
        int per = SIZE * SIZE * 3;
        float[] input = new float[n * per];
        for (int i = 0; i < n; i++) {
            if (images.get(start + i) == null) {
                throw new IllegalArgumentException("image " + (start + i) + " of the batch is null");
            }
        }
        // Each image's pixels go to their own slice of the input, so preparing them in parallel (the common pool)
        // gives the same input as one after another.
        java.util.stream.IntStream.range(0, n).parallel()
                .forEach(i -> MobileNetPreprocessing.toInput(images.get(start + i), SIZE, input, i * per));
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, SIZE, SIZE, 3});
             OrtSession.Result r = session.run(Map.of(TfjsLayersToOnnx.INPUT, x))) {
            float[][] features = (float[][]) r.get(TfjsLayersToOnnx.FEATURES).orElseThrow().getValue();
            float[][] probs = (float[][]) r.get(TfjsLayersToOnnx.PROBS).orElseThrow().getValue();
            for (int i = 0; i < n; i++) {
                float[] row = new float[FEATURES + classes];
                System.arraycopy(features[i], 0, row, 0, FEATURES);
                System.arraycopy(probs[i], 0, row, FEATURES, classes);
                out[start + i] = row;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + n + " images: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
