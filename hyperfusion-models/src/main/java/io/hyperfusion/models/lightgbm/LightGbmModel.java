package io.hyperfusion.models.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelLoader;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fitted LightGBM regression model: one native booster plus its LightGBM text model, feature schema and
 * provenance.
 *
 * <p><b>Native memory.</b> The booster lives outside the Java heap. {@link #close()} frees it; if a model is
 * dropped without closing, a {@link Cleaner} frees it once the model is unreachable. The text model is kept on
 * the heap, so {@link #save} never touches native code and works after {@code close()}.
 *
 * <p><b>Threads.</b> {@link #predict} and {@link #contributions} may be called from many threads. LightGBM
 * 4.3's C API guards the booster with a shared lock, but building a predictor still writes into the booster
 * (LightGBM issue #6142), so concurrent native calls on one booster are not guaranteed safe. Calls are
 * therefore serialised per model with a lock; each call is itself parallel over rows with {@code threads}
 * OpenMP threads. For more throughput, load one model per worker thread.
 */
public final class LightGbmModel implements RegressionModel {
    /** The LightGBM text model's file name inside a saved model directory. */
    public static final String MODEL_FILE = "model.txt";
    private static final Cleaner CLEANER = Cleaner.create();

    private final FeatureSchema schema;
    private final Provenance provenance;
    private final String modelText;
    private final int bestIteration;
    private final String predictParams;
    private final LGBMBooster booster;
    private final Cleaner.Cleanable cleanable;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed; // guarded by lock

    private LightGbmModel(FeatureSchema schema, Provenance provenance, String modelText, int bestIteration,
                          int threads, LGBMBooster booster) {
        this.schema = schema;
        this.provenance = provenance;
        this.modelText = modelText;
        this.bestIteration = bestIteration;
        this.predictParams = "num_threads=" + threads;
        this.booster = booster;
        this.cleanable = CLEANER.register(this, new Release(booster));
    }

    /** Builds a model from LightGBM's text format; the feature count must match {@code schema}. */
    public static LightGbmModel fromModelText(String text, FeatureSchema schema, Provenance provenance, int bestIteration,
                                       int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        LGBMBooster booster;
        try {
            booster = LGBMBooster.loadModelFromString(text);
        } catch (LGBMException e) {
            throw new IllegalArgumentException("not a LightGBM text model: " + e.getMessage(), e);
        }
        try {
            int features = booster.getNumFeature();
            if (features != schema.size()) {
                throw new IllegalArgumentException("LightGBM model has " + features + " features but the schema has "
                        + schema.size() + " columns");
            }
        } catch (LGBMException | RuntimeException e) {
            new Release(booster).run();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        return new LightGbmModel(schema, provenance, text, bestIteration, threads, booster);
    }

    /** Loads a model saved by {@link #save}, predicting with {@code threads} native threads. */
    public static LightGbmModel load(Path dir, int threads) throws IOException {
        return load(dir, ModelMetadata.read(dir), threads);
    }

    static LightGbmModel load(Path dir, ModelMetadata meta, int threads) throws IOException {
        if (!LightGbmTrainer.FAMILY.equals(meta.family())) {
            throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME) + ": expected family '"
                    + LightGbmTrainer.FAMILY + "', got '" + meta.family() + "'");
        }
        Path file = dir.resolve(meta.stringProperty("modelFile"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "LightGBM model file listed in model.json is missing");
        }
        try {
            return fromModelText(Files.readString(file), meta.schema(), meta.provenance(),
                    (int) meta.longProperty("bestIteration"), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override public FeatureSchema schema() { return schema; }
    @Override public Provenance provenance() { return provenance; }

    /** Number of boosting iterations (trees) the model predicts with: the best one under early stopping. */
    public int bestIteration() { return bestIteration; }

    /** The model in LightGBM's own text format. */
    public String modelText() { return modelText; }

    @Override
    public double[] predict(FeatureMatrix x) {
        return nativePredict(x, PredictionType.C_API_PREDICT_NORMAL);
    }

    @Override
    public boolean hasContributions() {
        return true;
    }

    /** SHAP values from LightGBM's {@code predict_contrib}: {@code [rows][features + 1]}, bias last. */
    @Override
    public double[][] contributions(FeatureMatrix x) {
        double[] flat = nativePredict(x, PredictionType.C_API_PREDICT_CONTRIB);
        int width = schema.size() + 1;
        double[][] out = new double[x.rows()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }

    private double[] nativePredict(FeatureMatrix x, PredictionType type) {
        Objects.requireNonNull(x, "x");
        schema.requireSame(x.schema(), "predict");
        if (x.rows() == 0) {
            return new double[0];
        }
        double[] values = x.values();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("LightGBM model was closed; load it again to predict");
            }
            return booster.predictForMat(values, x.rows(), x.cols(), true, type, predictParams);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM prediction failed on " + x.rows() + " rows: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MODEL_FILE), modelText);
        ModelMetadata.of(LightGbmTrainer.FAMILY, schema, provenance,
                Map.of("modelFile", MODEL_FILE, "bestIteration", bestIteration)).write(dir);
    }

    /** Frees the native booster; idempotent; waits for a running prediction to finish. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            cleanable.clean();
        } finally {
            lock.unlock();
        }
    }

    /** The lightgbm4j version on the class path (it bundles the LightGBM native of the same major.minor). */
    public static String libraryVersion() {
        try (InputStream in = LGBMBooster.class.getResourceAsStream(
                "/META-INF/maven/io.github.metarank/lightgbm4j/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Counts the trees in a LightGBM text model ({@code Tree=N} headers). */
    static int countTrees(String text) {
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("Tree=")) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "LightGbmModel[" + schema.size() + " features, " + bestIteration + " trees]";
    }

    /** Frees a booster; holds no reference to the model, so the Cleaner can run. */
    private record Release(LGBMBooster booster) implements Runnable {
        @Override
        public void run() {
            try {
                booster.close();
            } catch (LGBMException e) {
                // Nothing sensible to do when freeing fails; the process keeps running.
            }
        }
    }

    /** {@link ModelLoader} for the {@code lightgbm} family; predicts with the thread count used in training. */
    public static final class Loader implements ModelLoader {
        @Override
        public String family() {
            return LightGbmTrainer.FAMILY;
        }

        @Override
        public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
            return LightGbmModel.load(dir, meta, Math.max(1, meta.provenance().threads()));
        }
    }
}
