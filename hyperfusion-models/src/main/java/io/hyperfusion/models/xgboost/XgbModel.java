package io.hyperfusion.models.xgboost;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.CategoricalMode;
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
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A fitted XGBoost regression model: one native booster plus its XGBoost JSON model, feature schema and
 * provenance.
 *
 * <p><b>Files.</b> {@link #save} writes {@code xgboost.json} (XGBoost's own JSON model format, loadable by
 * Python's {@code xgboost.Booster(model_file=...)}) and {@code model.json}.
 *
 * <p><b>Native memory.</b> The booster lives outside the Java heap; {@link #close()} frees it, and a
 * {@link Cleaner} frees it if the model is dropped unclosed. The JSON model stays on the heap, so {@link #save}
 * works after {@code close()}.
 *
 * <p><b>Threads.</b> XGBoost documents only its in-place prediction as thread-safe; xgboost4j's
 * {@code predict(DMatrix)} goes through the older {@code XGBoosterPredict}, which writes the booster's
 * prediction cache, and {@code Booster.setParam} is not synchronised. So native calls are serialised per
 * model with a lock; each call is itself parallel over rows with {@code nthread} threads. For more throughput,
 * load one model per worker thread. Predictions are XGBoost's float32 values widened to double.
 */
public final class XgbModel implements RegressionModel {
    /** The XGBoost JSON model's file name inside a saved model directory. */
    public static final String MODEL_FILE = "xgboost.json";
    private static final Cleaner CLEANER = Cleaner.create();

    private final FeatureSchema schema;
    private final Provenance provenance;
    private final byte[] modelJson;
    private final boolean nativeCategorical;
    private final int trees;
    private final Booster booster;
    private final Cleaner.Cleanable cleanable;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed; // guarded by lock

    private XgbModel(FeatureSchema schema, Provenance provenance, byte[] modelJson, int trees, Booster booster) {
        this.schema = schema;
        this.provenance = provenance;
        this.nativeCategorical = CategoricalMode.ofOptions(provenance.options()) == CategoricalMode.NATIVE;
        this.modelJson = modelJson;
        this.trees = trees;
        this.booster = booster;
        this.cleanable = CLEANER.register(this, new Release(booster));
    }

    /** Builds a model from XGBoost's JSON model bytes; the feature count must match {@code schema}. */
    public static XgbModel fromModelJson(byte[] json, FeatureSchema schema, Provenance provenance, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        Booster booster;
        try {
            booster = XGBoost.loadModel(json);
        } catch (XGBoostError | IOException e) {
            throw new IllegalArgumentException("not an XGBoost model: " + e.getMessage(), e);
        }
        try {
            long features = booster.getNumFeature();
            if (features != schema.size()) {
                throw new IllegalArgumentException("XGBoost model has " + features + " features but the schema has "
                        + schema.size() + " columns");
            }
            String[] names = booster.getFeatureNames();
            if (names != null && names.length == schema.size()) {
                for (int i = 0; i < names.length; i++) {
                    if (!names[i].equals(schema.name(i))) {
                        throw new IllegalArgumentException("XGBoost model's feature " + i + " is '" + names[i]
                                + "' but the schema's column " + i + " is '" + schema.name(i) + "'");
                    }
                }
            }
            booster.setParam("nthread", threads);
            return new XgbModel(schema, provenance, json.clone(), booster.getNumBoostedRound(), booster);
        } catch (XGBoostError | RuntimeException e) {
            new Release(booster).run();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Loads a model saved by {@link #save}, predicting with {@code threads} native threads. */
    public static XgbModel load(Path dir, int threads) throws IOException {
        return load(dir, ModelMetadata.read(dir), threads);
    }

    static XgbModel load(Path dir, ModelMetadata meta, int threads) throws IOException {
        if (!XgbTrainer.FAMILY.equals(meta.family())) {
            throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME) + ": expected family '"
                    + XgbTrainer.FAMILY + "', got '" + meta.family() + "'");
        }
        Path file = dir.resolve(meta.stringProperty("modelFile"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "XGBoost model file listed in model.json is missing");
        }
        try {
            return fromModelJson(Files.readAllBytes(file), meta.schema(), meta.provenance(), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override public FeatureSchema schema() { return schema; }
    @Override public Provenance provenance() { return provenance; }

    /** Number of boosting rounds (trees) in the model: the best one under early stopping. */
    public int trees() { return trees; }

    /** The model in XGBoost's JSON format (a copy). */
    public byte[] modelJson() { return modelJson.clone(); }

    @Override
    public double[] predict(FeatureMatrix x) {
        float[][] out = nativePredict(x, false);
        double[] pred = new double[out.length];
        for (int r = 0; r < pred.length; r++) {
            pred[r] = out[r][0];
        }
        return pred;
    }

    @Override
    public boolean hasContributions() {
        return true;
    }

    /** TreeSHAP values (Lundberg et al., 2020) from XGBoost's {@code pred_contribs}: bias last. */
    @Override
    public double[][] contributions(FeatureMatrix x) {
        float[][] out = nativePredict(x, true);
        double[][] c = new double[out.length][];
        for (int r = 0; r < c.length; r++) {
            if (out[r].length != schema.size() + 1) {
                throw new IllegalStateException("XGBoost returned " + out[r].length + " contributions per row, expected "
                        + (schema.size() + 1));
            }
            c[r] = new double[out[r].length];
            for (int j = 0; j < c[r].length; j++) {
                c[r][j] = out[r][j];
            }
        }
        return c;
    }

    private float[][] nativePredict(FeatureMatrix x, boolean contrib) {
        Objects.requireNonNull(x, "x");
        schema.requireSame(x.schema(), "predict");
        if (x.rows() == 0) {
            return new float[0][];
        }
        lock.lock();
        DMatrix m = null;
        try {
            if (closed) {
                throw new IllegalStateException("XGBoost model was closed; load it again to predict");
            }
            m = XgbMatrices.of(x, null, null, nativeCategorical);
            return contrib ? booster.predictContrib(m, 0) : booster.predict(m);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed on " + x.rows() + " rows: " + e.getMessage(), e);
        } finally {
            XgbMatrices.dispose(m);
            lock.unlock();
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL_FILE), modelJson);
        ModelMetadata.of(XgbTrainer.FAMILY, schema, provenance, Map.of("modelFile", MODEL_FILE, "trees", trees))
                .write(dir);
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

    /** The xgboost4j version on the class path (it bundles the XGBoost native library of the same version). */
    public static String libraryVersion() {
        try (InputStream in = XGBoost.class.getResourceAsStream("/xgboost4j-version.properties")) {
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

    @Override
    public String toString() {
        return "XgbModel[" + schema.size() + " features, " + trees + " trees]";
    }

    /** Frees a booster; holds no reference to the model, so the Cleaner can run. */
    private record Release(Booster booster) implements Runnable {
        @Override
        public void run() {
            booster.dispose();
        }
    }

    /** {@link ModelLoader} for the {@code xgboost} family; predicts with the thread count used in training. */
    public static final class Loader implements ModelLoader {
        @Override
        public String family() {
            return XgbTrainer.FAMILY;
        }

        @Override
        public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
            return XgbModel.load(dir, meta, Math.max(1, meta.provenance().threads()));
        }
    }
}
