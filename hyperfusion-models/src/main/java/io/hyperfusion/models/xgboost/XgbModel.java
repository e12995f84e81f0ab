package io.hyperfusion.models.xgboost;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.NativeModel;
import io.hyperfusion.models.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A fitted XGBoost regression model: one native booster plus its XGBoost JSON model, feature schema and provenance.
 *
 * <p><b>Files.</b> {@link #save} writes {@code xgboost.json} (XGBoost's own JSON model format, loadable by Python's
 * {@code xgboost.Booster(model_file=...)}) and {@code model.json}.
 *
 * <p>Native memory and threads as {@link NativeModel} says: XGBoost documents only its in-place prediction as
 * thread-safe; xgboost4j's {@code predict(DMatrix)} goes through the older {@code XGBoosterPredict}, which writes the
 * booster's prediction cache, and {@code Booster.setParam} is not synchronised. Predictions are XGBoost's float32
 * values widened to double. The JSON model stays on the heap, so {@link #save} works after {@code close()}.
 */
public final class XgbModel extends NativeModel<Booster> {
    /** The XGBoost JSON model's file name inside a saved model directory. */
    public static final String MODEL_FILE = "xgboost.json";

    private final byte[] modelJson;
    private final boolean nativeCategorical;
    private final int trees;

    private XgbModel(FeatureSchema schema, Provenance provenance, byte[] modelJson, int trees, Booster booster) {
        super("XGBoost", schema, provenance, booster, Booster::dispose);
        this.nativeCategorical = CategoricalMode.ofOptions(provenance.options()) == CategoricalMode.NATIVE;
        this.modelJson = modelJson;
        this.trees = trees;
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
        return adopt(booster, Booster::dispose, b -> {
            long features = b.getNumFeature();
            if (features != schema.size()) {
                throw new IllegalArgumentException("XGBoost model has " + features + " features but the schema has "
                        + schema.size() + " columns");
            }
            String[] names = b.getFeatureNames();
            if (names != null && names.length == schema.size()) {
                for (int i = 0; i < names.length; i++) {
                    if (!names[i].equals(schema.name(i))) {
                        throw new IllegalArgumentException("XGBoost model's feature " + i + " is '" + names[i]
                                + "' but the schema's column " + i + " is '" + schema.name(i) + "'");
                    }
                }
            }
            b.setParam("nthread", threads);
            return new XgbModel(schema, provenance, json.clone(), b.getNumBoostedRound(), b);
        });
    }

    /** Loads a model saved by {@link #save}, predicting with {@code threads} native threads. */
    public static XgbModel load(Path dir, int threads) throws IOException {
        return load(dir, ModelMetadata.read(dir), threads);
    }

    /** As {@link #load(Path, int)}, with {@code model.json} already read into {@code meta}. */
    public static XgbModel load(Path dir, ModelMetadata meta, int threads) throws IOException {
        Path file = modelFile(dir, meta, XgbTrainer.FAMILY, "XGBoost");
        try {
            return fromModelJson(Files.readAllBytes(file), meta.schema(), meta.provenance(), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

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
            if (out[r].length != schema().size() + 1) {
                throw new IllegalStateException("XGBoost returned " + out[r].length + " contributions per row, expected "
                        + (schema().size() + 1));
            }
            c[r] = new double[out[r].length];
            for (int j = 0; j < c[r].length; j++) {
                c[r][j] = out[r][j];
            }
        }
        return c;
    }

    private float[][] nativePredict(FeatureMatrix x, boolean contrib) {
        return call(x, new float[0][], b -> {
            DMatrix m = XgbMatrices.of(x, null, null, nativeCategorical, false);
            try {
                return contrib ? b.predictContrib(m, 0) : b.predict(m);
            } finally {
                XgbMatrices.dispose(m);
            }
        });
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(MODEL_FILE), modelJson);
        ModelMetadata.of(XgbTrainer.FAMILY, schema(), provenance(), Map.of("modelFile", MODEL_FILE, "trees", trees))
                .write(dir);
    }

    /** The xgboost4j version on the class path (it bundles the XGBoost native library of the same version). */
    public static String libraryVersion() {
        return libraryVersion(XGBoost.class, "/xgboost4j-version.properties");
    }

    @Override
    public String toString() {
        return "XgbModel[" + schema().size() + " features, " + trees + " trees]";
    }
}
