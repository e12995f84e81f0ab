package io.hyperfusion.models.catboost;

import ai.catboost.CatBoostError;
import ai.catboost.CatBoostModel;
import ai.catboost.CatBoostPredictions;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelLoader;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A CatBoost regression model trained elsewhere and imported with {@link CatBoostImport#load}: the original
 * {@code .cbm} bytes, a native CatBoost evaluator, the feature schema and the import's provenance.
 *
 * <p><b>Files.</b> {@link #save} writes the {@code .cbm} unchanged as {@code model.cbm} plus {@code model.json}
 * (with the file's SHA-256, checked on load).
 *
 * <p><b>Input.</b> See {@link CatBoostImport} for how categorical columns are passed. Predictions are
 * CatBoost's raw formula value (sum of leaf values, scaled and biased), which is the prediction for the
 * regression losses the import accepts. CatBoost's Java API has no SHAP values, so there are no
 * contributions.
 *
 * <p><b>Threads.</b> CatBoost's evaluator is read-only once built, but catboost-prediction documents no
 * thread-safety guarantee for one model handle and builds the evaluator lazily, so calls are serialised per
 * model with a lock. Load one model per worker thread for parallel throughput. {@link #close()} frees the
 * native model (a {@link Cleaner} does so for a dropped model); {@link #save} works after closing.
 */
public final class CatBoostImportedModel implements RegressionModel {
    /** The model file's name inside a saved model directory. */
    public static final String MODEL_FILE = "model.cbm";
    /** The string passed to CatBoost for a missing (NaN) categorical code, as written in training. */
    public static final String MISSING_CATEGORY = "-1";
    private static final Cleaner CLEANER = Cleaner.create();

    private final FeatureSchema schema;
    private final Provenance provenance;
    private final byte[] cbm;
    private final CatBoostLayout layout;
    private final CatBoostModel model;
    private final int trees;
    private final Cleaner.Cleanable cleanable;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed; // guarded by lock

    CatBoostImportedModel(FeatureSchema schema, Provenance provenance, byte[] cbm, CatBoostLayout layout,
                          CatBoostModel model) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.cbm = cbm;
        this.layout = layout;
        this.model = model;
        this.trees = model.getTreeCount();
        this.cleanable = CLEANER.register(this, new Release(model));
    }

    @Override public FeatureSchema schema() { return schema; }
    @Override public Provenance provenance() { return provenance; }

    /** The number of trees in the model. */
    public int treeCount() { return trees; }

    /** Schema columns passed to CatBoost as categorical features, in CatBoost's categorical index order. */
    public int[] categoricalColumns() { return layout.catColumns().clone(); }

    @Override
    public double[] predict(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        schema.requireSame(x.schema(), "predict");
        int n = x.rows();
        if (n == 0) {
            return new double[0];
        }
        int[] fc = layout.floatColumns();
        int[] cc = layout.catColumns();
        float[][] floats = fc.length == 0 ? null : new float[n][fc.length];
        String[][] cats = cc.length == 0 ? null : new String[n][cc.length];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < fc.length; i++) {
                floats[r][i] = (float) x.get(r, fc[i]);
            }
            for (int j = 0; j < cc.length; j++) {
                cats[r][j] = categoryString(x.get(r, cc[j]));
            }
        }
        CatBoostPredictions p;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("CatBoost model was closed; load it again to predict");
            }
            p = model.predict(floats, cats);
        } catch (CatBoostError e) {
            throw new IllegalStateException("CatBoost prediction failed on " + n + " rows: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            out[r] = p.get(r, 0);
        }
        return out;
    }

    /** A categorical code as the string CatBoost was trained on: {@code "3"}, or {@link #MISSING_CATEGORY}. */
    static String categoryString(double v) {
        if (Double.isNaN(v)) {
            return MISSING_CATEGORY;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL_FILE), cbm);
        ModelMetadata.of(CatBoostImport.FAMILY, schema, provenance,
                Map.of("modelFile", MODEL_FILE, "sha256", CatBoostImport.sha256(cbm))).write(dir);
    }

    /** Loads a model saved by {@link #save}; a changed {@code .cbm} (SHA-256 mismatch) → IllegalArgumentException. */
    public static CatBoostImportedModel load(Path dir) throws IOException {
        return load(dir, ModelMetadata.read(dir));
    }

    static CatBoostImportedModel load(Path dir, ModelMetadata meta) throws IOException {
        if (!CatBoostImport.FAMILY.equals(meta.family())) {
            throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME) + ": expected family '"
                    + CatBoostImport.FAMILY + "', got '" + meta.family() + "'");
        }
        Path file = dir.resolve(meta.stringProperty("modelFile"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "CatBoost model file listed in model.json is missing");
        }
        byte[] bytes = Files.readAllBytes(file);
        String expected = meta.stringProperty("sha256");
        String actual = CatBoostImport.sha256(bytes);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(file + ": SHA-256 expected " + expected + " (model.json), got " + actual);
        }
        return CatBoostImport.fromBytes(bytes, meta.schema(), m -> meta.provenance(), file.toString());
    }

    /** Frees the native model; idempotent; waits for a running prediction to finish. */
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

    @Override
    public String toString() {
        return "CatBoostImportedModel[" + schema.size() + " features, " + trees + " trees]";
    }

    /** Frees a native model; holds no reference to the Java model, so the Cleaner can run. */
    private record Release(CatBoostModel model) implements Runnable {
        @Override
        public void run() {
            CatBoostImport.closeQuietly(model);
        }
    }

    /** {@link ModelLoader} for the {@code catboost} family. */
    public static final class Loader implements ModelLoader {
        @Override
        public String family() {
            return CatBoostImport.FAMILY;
        }

        @Override
        public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
            return CatBoostImportedModel.load(dir, meta);
        }
    }
}
