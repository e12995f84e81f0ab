package io.hyperfusion.features.encode.clip;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One CLIP tower (vision or text) as an ONNX Runtime session whose signature has been checked against the
 * folder contract: the input names and shapes it was exported with, and the one embedding output {@code [N, D]}.
 */
final class ClipTower implements AutoCloseable {

    /** Which tower, with its file, required input and preferred output name. */
    enum Kind {
        VISION("vision.onnx", "pixel_values", "image_embeds"),
        TEXT("text.onnx", "input_ids", "text_embeds");

        final String file;
        final String input;
        final String output;

        Kind(String file, String input, String output) {
            this.file = file;
            this.input = input;
            this.output = output;
        }
    }

    static final String MASK = "attention_mask";

    private final Kind kind;
    private final Path file;
    private final OrtSession session;
    private final String outputName;
    private final long declaredDim;
    private final boolean takesMask;
    private final boolean int32Ids;

    private ClipTower(Kind kind, Path file, OrtSession session, String outputName, long declaredDim,
                      boolean takesMask, boolean int32Ids) {
        this.kind = kind;
        this.file = file;
        this.session = session;
        this.outputName = outputName;
        this.declaredDim = declaredDim;
        this.takesMask = takesMask;
        this.int32Ids = int32Ids;
    }

    /** Opens and checks {@code file}; the session is closed again when the check fails. */
    static ClipTower open(OrtEnvironment env, Path file, Kind kind, int threads, ClipConfig config) {
        OrtSession session;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // No busy-waiting between ops: on small machines shared with Spark tasks, spinning steals the cores.
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(file.toString(), opts);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load CLIP " + kind.name().toLowerCase(java.util.Locale.ROOT) + " model " + file
                    + ": " + e.getMessage(), e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            boolean takesMask = false;
            boolean int32 = false;
            if (kind == Kind.VISION) {
                if (!inputs.keySet().equals(Set.of(kind.input))) {
                    throw signature(file, "exactly one input 'pixel_values' float [N,3," + config.imageSize() + ","
                            + config.imageSize() + "]", inputs);
                }
                TensorInfo t = tensor(file, inputs.get(kind.input));
                checkShape(file, kind.input, t, OnnxJavaType.FLOAT, -1, 3, config.imageSize(), config.imageSize());
            } else {
                if (!inputs.containsKey(kind.input) || !Set.of(kind.input, MASK).containsAll(inputs.keySet())) {
                    throw signature(file, "input 'input_ids' int64 [N," + config.contextLength()
                            + "] and optionally 'attention_mask' of the same shape", inputs);
                }
                TensorInfo ids = tensor(file, inputs.get(kind.input));
                int32 = ids.type == OnnxJavaType.INT32;
                checkShape(file, kind.input, ids, int32 ? OnnxJavaType.INT32 : OnnxJavaType.INT64, -1,
                        config.contextLength());
                takesMask = inputs.containsKey(MASK);
                if (takesMask) {
                    checkShape(file, MASK, tensor(file, inputs.get(MASK)), ids.type, -1, config.contextLength());
                }
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String out = outputs.containsKey(kind.output) ? kind.output
                    : outputs.size() == 1 ? outputs.keySet().iterator().next() : null;
            if (out == null) {
                throw new IllegalArgumentException(file + ": expected output '" + kind.output
                        + "' (or a single output) of shape [N,D], got " + describe(outputs));
            }
            TensorInfo o = tensor(file, outputs.get(out));
            checkShape(file, out, o, OnnxJavaType.FLOAT, -1, -1);
            return new ClipTower(kind, file, session, out, o.getShape()[1], takesMask, int32);
        } catch (RuntimeException | OrtException e) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof OrtException oe) {
                throw new IllegalArgumentException(file + ": cannot read the model signature: " + oe.getMessage(), oe);
            }
            throw (RuntimeException) e;
        }
    }

    /** The embedding width the model declares, or -1 when it is symbolic. */
    long declaredDim() {
        return declaredDim;
    }

    boolean takesMask() {
        return takesMask;
    }

    Path file() {
        return file;
    }

    /** Runs the vision tower on {@code n} preprocessed images laid out NCHW. */
    float[][] runImages(OrtEnvironment env, float[] pixels, int n, int size) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 3, size, size})) {
            return run(Map.of(kind.input, x), n);
        } catch (OrtException e) {
            throw failure(n, e);
        }
    }

    /** Runs the text tower on a padded token batch. */
    float[][] runTokens(OrtEnvironment env, ClipTokenizer.Batch batch) {
        long[] shape = {batch.rows(), batch.length()};
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        try {
            in.put(kind.input, ids(env, batch.inputIds(), shape));
            if (takesMask) {
                in.put(MASK, ids(env, batch.attentionMask(), shape));
            }
            return run(in, batch.rows());
        } catch (OrtException e) {
            throw failure(batch.rows(), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor ids(OrtEnvironment env, long[] values, long[] shape) throws OrtException {
        if (!int32Ids) {
            return OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(values), shape);
        }
        int[] narrow = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = Math.toIntExact(values[i]);
        }
        return OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(narrow), shape);
    }

    private float[][] run(Map<String, OnnxTensor> inputs, int n) throws OrtException {
        try (OrtSession.Result r = session.run(inputs, Set.of(outputName))) {
            OnnxValue v = r.get(outputName).orElseThrow();
            long[] shape = ((TensorInfo) v.getInfo()).getShape();
            if (shape.length != 2 || shape[0] != n || shape[1] < 1 || (declaredDim > 0 && shape[1] != declaredDim)) {
                throw new IllegalStateException(file + ": output '" + outputName + "' has shape "
                        + Arrays.toString(shape) + " for a batch of " + n + ", expected [" + n + ","
                        + (declaredDim > 0 ? declaredDim : "D") + "]");
            }
            FloatBuffer buf = ((OnnxTensor) v).getFloatBuffer();
            int d = (int) shape[1];
            float[][] out = new float[n][d];
            for (int i = 0; i < n; i++) {
                buf.get(out[i]);
            }
            return out;
        }
    }

    private IllegalStateException failure(int n, OrtException e) {
        return new IllegalStateException("ONNX Runtime failed on " + file + " for a batch of " + n + ": "
                + e.getMessage(), e);
    }

    private static TensorInfo tensor(Path file, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo t)) {
            throw new IllegalArgumentException(file + ": '" + node.getName() + "' must be a tensor, got "
                    + node.getInfo());
        }
        return t;
    }

    /** Checks element type, rank and the fixed dimensions; -1 in {@code expected} accepts any size. */
    private static void checkShape(Path file, String name, TensorInfo t, OnnxJavaType type, long... expected) {
        long[] shape = t.getShape();
        boolean ok = t.type == type && shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expected[i] < 0 || shape[i] < 0 || shape[i] == expected[i];
        }
        if (!ok) {
            StringJoiner want = new StringJoiner(",", "[", "]");
            for (long d : expected) {
                want.add(d < 0 ? "*" : Long.toString(d));
            }
            throw new IllegalArgumentException(file + ": '" + name + "' must be " + type + " " + want + ", got "
                    + t.type + " " + Arrays.toString(shape) + " (-1 = symbolic)");
        }
    }

    private static IllegalArgumentException signature(Path file, String expected, Map<String, NodeInfo> got) {
        return new IllegalArgumentException(file + ": expected " + expected + ", got inputs " + describe(got)
                + " (see docs/CLIP.md for the export recipe)");
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (NodeInfo n : nodes.values()) {
            j.add(n.getInfo() instanceof TensorInfo t
                    ? n.getName() + ": " + t.type + " " + Arrays.toString(t.getShape()) : n.getName());
        }
        return j.toString();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session of " + file, e);
        }
    }
}
