package io.hyperfusion.models.lightgbm;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.NativeModel;
import io.hyperfusion.models.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A fitted LightGBM regression model: one native booster plus its LightGBM text model, feature schema and
 * provenance. Native memory and threads as {@link NativeModel} says: LightGBM 4.3's C API guards the booster with a
 * shared lock, but building a predictor still writes into the booster (LightGBM issue #6142), so calls are
 * serialised per model. The text model stays on the heap, so {@link #save} works after {@code close()}.
 */
public final class LightGbmModel extends NativeModel<LGBMBooster> {
    /** The LightGBM text model's file name inside a saved model directory. */
    public static final String MODEL_FILE = "model.txt";

    private final String modelText;
    private final int bestIteration;
    private final String predictParams;

    private LightGbmModel(FeatureSchema schema, Provenance provenance, String modelText, int bestIteration,
                          int threads, LGBMBooster booster) {
        super("LightGBM", schema, provenance, booster, LightGbmModel::release);
        this.modelText = modelText;
        this.bestIteration = bestIteration;
        this.predictParams = "num_threads=" + threads;
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
        return adopt(booster, LightGbmModel::release, b -> {
            int features = b.getNumFeature();
            if (features != schema.size()) {
                throw new IllegalArgumentException("LightGBM model has " + features + " features but the schema has "
                        + schema.size() + " columns");
            }
            return new LightGbmModel(schema, provenance, text, bestIteration, threads, b);
        });
    }

    /** Loads a model saved by {@link #save}, predicting with {@code threads} native threads. */
    public static LightGbmModel load(Path dir, int threads) throws IOException {
        return load(dir, ModelMetadata.read(dir), threads);
    }

    /** As {@link #load(Path, int)}, with {@code model.json} already read into {@code meta}. */
    public static LightGbmModel load(Path dir, ModelMetadata meta, int threads) throws IOException {
        Path file = modelFile(dir, meta, LightGbmTrainer.FAMILY, "LightGBM");
        try {
            return fromModelText(Files.readString(file), meta.schema(), meta.provenance(),
                    (int) meta.longProperty("bestIteration"), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

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
        int width = schema().size() + 1;
        double[][] out = new double[x.rows()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }

    private double[] nativePredict(FeatureMatrix x, PredictionType type) {
        return call(x, new double[0],
                b -> b.predictForMat(x.values(), x.rows(), x.cols(), true, type, predictParams));
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MODEL_FILE), modelText);
        ModelMetadata.of(LightGbmTrainer.FAMILY, schema(), provenance(),
                Map.of("modelFile", MODEL_FILE, "bestIteration", bestIteration)).write(dir);
    }

    /** The lightgbm4j version on the class path (it bundles the LightGBM native of the same major.minor). */
    public static String libraryVersion() {
        return libraryVersion(LGBMBooster.class, "/META-INF/maven/io.github.metarank/lightgbm4j/pom.properties");
    }

    /** Counts the trees in a LightGBM text model ({@code Tree=N} headers). */
    static int countTrees(String text) {
        return (int) text.lines().filter(l -> l.startsWith("Tree=")).count();
    }

    @Override
    public String toString() {
        return "LightGbmModel[" + schema().size() + " features, " + bestIteration + " trees]";
    }

    private static void release(LGBMBooster booster) {
        try {
            booster.close();
        } catch (LGBMException e) {
            // Nothing sensible to do when freeing fails; the process keeps running.
        }
    }
}
