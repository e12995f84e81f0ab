package io.hyperfusion.models.xgboost;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.FamilyTrainer;
import io.hyperfusion.models.TrainingData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains XGBoost gradient-boosted trees (Chen and Guestrin, KDD 2016) through xgboost4j, deterministically.
 *
 * <p>Holds only {@link XgbParams}, a seed and a thread count; every run passes {@code seed} and
 * {@code nthread} explicitly, so the same inputs, seed and thread count give a byte-identical model. Missing
 * values are NaN. The schema's categorical columns go to XGBoost per {@link CategoricalMode}: as numbers (the default),
 * or as native categoricals (DMatrix feature type {@code "c"}, which is what Python's {@code enable_categorical}
 * sets), which need {@code tree_method} hist or approx.
 *
 * <p>With a validation set and {@code early_stopping_rounds > 0}, training stops once the validation metric
 * ({@link XgbParams.Objective#metric()}) has not improved for that many rounds. xgboost4j's Java API cannot
 * slice a booster, so the trainer then refits for exactly the best number of rounds with the same seed;
 * the refit draws the same random numbers in the same order and so grows the same trees, and the saved model
 * holds only those. All native matrices and boosters except the returned model's are freed before
 * {@link #train} returns.
 */
public final class XgbTrainer extends FamilyTrainer<XgbParams> {
    /** The family name under which XGBoost models are saved and loaded. */
    public static final String FAMILY = "xgboost";

    public XgbTrainer(XgbParams params, long seed, int threads) {
        super(FAMILY, params, seed, threads, XgbTrainer::new, XgbParams.EARLY_STOPPING_ROUNDS);
    }

    @Override
    public XgbModel train(TrainingData data) {
        Objects.requireNonNull(data, "data");
        FeatureMatrix x = data.x();
        boolean nativeCats = params().categoricalMode() == CategoricalMode.NATIVE;
        if (nativeCats && x.schema().categoricalColumns().length > 0
                && params().treeMethod() == XgbParams.TreeMethod.EXACT) {
            throw new IllegalArgumentException("tree_method: exact does not support the categorical columns "
                    + x.schema().categoricalColumns().length + " of the schema; expected hist or approx, or categorical_mode ordinal");
        }
        long start = System.nanoTime();
        Map<String, Object> nativeParams = new LinkedHashMap<>(params().nativeParameters());
        nativeParams.put("seed", seed());
        nativeParams.put("nthread", threads());
        nativeParams.put("verbosity", 0);
        // xgboost4j prints every round's validation metric through its own console unless told not to (the native
        // library does not know the key, and verbosity 0 keeps it from warning about it).
        nativeParams.put("verbose_eval", "false");
        if (params().objective() == XgbParams.Objective.PSEUDO_HUBER_ERROR && data.y().length > 0) {
            // XGBoost starts the pseudo-Huber loss from base_score 0.5; for labels far from it the loss's hessian
            // is nearly zero, so the first Newton steps are huge (XgbTest: MAE 10^6 for labels around 100; a real
            // video window: MAE 14 where the blend reused such a member's weights). Starting from the labels'
            // median, near the optimum of the constant model, keeps the steps sane.
            double[] y = data.y().clone();
            java.util.Arrays.sort(y);
            int n = y.length;
            nativeParams.put("base_score", n % 2 == 1 ? y[n / 2] : (y[n / 2 - 1] + y[n / 2]) / 2);
        }
        boolean early = data.hasValidation() && params().earlyStoppingRounds() > 0;
        byte[] modelJson;
        int iterationsRun;
        int trees;
        DMatrix train = null;
        DMatrix valid = null;
        try {
            train = XgbMatrices.of(x, data.y(), data.weights(), nativeCats);
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            if (data.hasValidation()) {
                valid = XgbMatrices.of(data.validX(), data.validY(), null, nativeCats);
                watches.put("valid", valid); // the last watch decides early stopping in xgboost4j
            }
            float[][] metrics = new float[watches.size()][params().numRounds()];
            Booster booster = XGBoost.train(train, nativeParams, params().numRounds(), watches, metrics, null, null,
                    early ? params().earlyStoppingRounds() : 0);
            try {
                iterationsRun = booster.getNumBoostedRound();
                trees = iterationsRun;
                if (early) {
                    trees = Integer.parseInt(booster.getAttr("best_iteration")) + 1;
                }
                if (trees < iterationsRun) {
                    booster.dispose();
                    booster = XGBoost.train(train, nativeParams, trees, Map.of(), new float[0][0], null, null, 0);
                }
                modelJson = booster.toByteArray("json");
            } finally {
                booster.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed on " + x.rows() + " x " + x.cols()
                    + " rows: " + e.getMessage(), e);
        } finally {
            XgbMatrices.dispose(train);
            XgbMatrices.dispose(valid);
        }
        Map<String, String> extra = new TreeMap<>();
        extra.put("best_iteration", Integer.toString(trees));
        extra.put("iterations_run", Integer.toString(iterationsRun));
        extra.put("early_stopping", Boolean.toString(early));
        if (data.hasValidation()) {
            extra.put("validation_rows", Integer.toString(data.validX().rows()));
        }
        Provenance provenance = provenance("xgboost4j", XgbModel.libraryVersion(), data, start, extra);
        return XgbModel.fromModelJson(modelJson, x.schema(), provenance, threads());
    }
}
