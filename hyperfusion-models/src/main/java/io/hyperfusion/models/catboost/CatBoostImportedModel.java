package io.hyperfusion.models.catboost;

import ai.catboost.CatBoostModel;
import ai.catboost.CatBoostPredictions;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.NativeModel;
import io.hyperfusion.models.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A CatBoost regression model trained elsewhere and imported with {@link CatBoostImport#load}: the original
 * {@code .cbm} bytes, a native CatBoost evaluator, the feature schema and the import's provenance.
 *
 * <p><b>Files.</b> {@link #save} writes the {@code .cbm} unchanged as {@code model.cbm} plus {@code model.json}
 * (with the file's SHA-256, checked on load).
 *
 * <p><b>Input.</b> See {@link CatBoostImport} for how categorical columns are passed. Predictions are CatBoost's raw
 * formula value (sum of leaf values, scaled and biased), which is the prediction for the regression losses the import
 * accepts. CatBoost's Java API has no SHAP values, so there are no contributions.
 *
 * <p>Native memory and threads as {@link NativeModel} says: CatBoost's evaluator is read-only once built, but
 * catboost-prediction documents no thread-safety guarantee for one model handle and builds the evaluator lazily.
 */
public final class CatBoostImportedModel extends NativeModel<CatBoostModel> {
    /** The model file's name inside a saved model directory. */
    public static final String MODEL_FILE = "model.cbm";
    /** The string passed to CatBoost for a missing (NaN) categorical code, as written in training. */
    public static final String MISSING_CATEGORY = "-1";

    private final byte[] cbm;
    private final CatBoostLayout layout;
    private final int trees;

    CatBoostImportedModel(FeatureSchema schema, Provenance provenance, byte[] cbm, CatBoostLayout layout,
                          CatBoostModel model) {
        super("CatBoost", schema, provenance, model, CatBoostImport::closeQuietly);
        this.cbm = cbm;
        this.layout = layout;
        this.trees = model.getTreeCount();
    }

    /** The number of trees in the model. */
    public int treeCount() { return trees; }

    /** Schema columns passed to CatBoost as categorical features, in CatBoost's categorical index order. */
    public int[] categoricalColumns() { return layout.catColumns().clone(); }

    @Override
    public double[] predict(FeatureMatrix x) {
        return call(x, new double[0], model -> {
            CatBoostPredictions p = model.predict(floats(x), categories(x));
            double[] out = new double[x.rows()];
            for (int r = 0; r < out.length; r++) {
                out[r] = p.get(r, 0);
            }
            return out;
        });
    }

    private float[][] floats(FeatureMatrix x) {
        int[] fc = layout.floatColumns();
        if (fc.length == 0) {
            return null;
        }
        float[][] out = new float[x.rows()][fc.length];
        for (int r = 0; r < out.length; r++) {
            for (int i = 0; i < fc.length; i++) {
                out[r][i] = (float) x.get(r, fc[i]);
            }
        }
        return out;
    }

    private String[][] categories(FeatureMatrix x) {
        int[] cc = layout.catColumns();
        if (cc.length == 0) {
            return null;
        }
        String[][] out = new String[x.rows()][cc.length];
        for (int r = 0; r < out.length; r++) {
            for (int j = 0; j < cc.length; j++) {
                out[r][j] = categoryString(x.get(r, cc[j]));
            }
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
        ModelMetadata.of(CatBoostImport.FAMILY, schema(), provenance(),
                Map.of("modelFile", MODEL_FILE, "sha256", CatBoostImport.sha256(cbm))).write(dir);
    }

    /** Loads a model saved by {@link #save}; a changed {@code .cbm} (SHA-256 mismatch) → IllegalArgumentException. */
    public static CatBoostImportedModel load(Path dir) throws IOException {
        return load(dir, ModelMetadata.read(dir));
    }

    /** As {@link #load(Path)}, with {@code model.json} already read into {@code meta}. */
    public static CatBoostImportedModel load(Path dir, ModelMetadata meta) throws IOException {
        Path file = modelFile(dir, meta, CatBoostImport.FAMILY, "CatBoost");
        byte[] bytes = Files.readAllBytes(file);
        String expected = meta.stringProperty("sha256");
        String actual = CatBoostImport.sha256(bytes);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(file + ": SHA-256 expected " + expected + " (model.json), got " + actual);
        }
        return CatBoostImport.fromBytes(bytes, meta.schema(), m -> meta.provenance(), file.toString());
    }

    @Override
    public String toString() {
        return "CatBoostImportedModel[" + schema().size() + " features, " + trees + " trees]";
    }
}
