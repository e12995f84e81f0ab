package io.hyperfusion.spark.train;

import com.microsoft.azure.synapse.ml.lightgbm.LightGBMRegressionModel;
import com.microsoft.azure.synapse.ml.lightgbm.LightGBMRegressor;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.lightgbm.LightGbmModel;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One LightGBM member fit distributed over the executors with SynapseML's LightGBM on Spark: {@code workers} Spark
 * tasks (barrier mode, so concurrent fits never hold half a cluster each) form one LightGBM network and grow every
 * tree together (data-parallel: each holds a share of the rows, histograms are all-reduced). The hyperparameters
 * are the single-machine trainer's ({@link LightGbmParams}), with its seed and deterministic mode; a validation set
 * becomes SynapseML's validation rows for early stopping and the model is cut to the best iteration, as the
 * single-machine trainer saves it. The result is an ordinary {@link LightGbmModel}.
 *
 * <p>SynapseML runs on the LightGBM binary of lightgbm4j (4.3; its own 3.3.5 is left out of the job jar, since
 * both ship the same Java classes).
 */
public final class SparkLgbmFit {
    private SparkLgbmFit() {
    }

    /** Fits on {@code data} with {@code workers} Spark tasks of {@code threads} native threads each. */
    public static LightGbmModel fit(SparkSession spark, FitData data, LightGbmParams p, long seed, int workers,
                                    int threads) {
        long t0 = System.nanoTime();
        Broadcast<FitData> bc = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(data);
        try {
            boolean early = data.hasValidation() && p.earlyStoppingRounds() > 0;
            LightGBMRegressionModel m = regressor(p, seed, workers, threads, data, early)
                    .fit(TrainingFrames.frame(spark, bc, workers, early));
            String text = m.getNativeModel();
            int run = m.getBoosterNumTotalIterations();
            int best = m.getBoosterBestIteration();
            int keep = early && best > 0 && best < run ? best : 0;
            text = cut(text, keep);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            int trees = countTrees(text);
            Map<String, String> extra = new TreeMap<>();
            extra.put("best_iteration", Integer.toString(trees));
            extra.put("iterations_run", Integer.toString(run));
            extra.put("early_stopping", Boolean.toString(early));
            extra.put("trainer", "synapseml");
            extra.put("num_workers", Integer.toString(workers));
            extra.put("spark", spark.version());
            if (data.hasValidation()) {
                extra.put("validation_rows", Integer.toString(data.validX().rows()));
            }
            Provenance prov = new Provenance(LightGbmTrainer.FAMILY, p.toOptions(), "synapseml-lightgbm",
                    LightGBMRegressor.class.getPackage().getImplementationVersion() + "+lightgbm4j-"
                            + LightGbmModel.libraryVersion(), System.getProperty("java.version"), data.x().rows(),
                    data.x().cols(), seed, threads, millis, Instant.now(), extra);
            return LightGbmModel.fromModelText(text, data.x().schema(), prov, trees, threads);
        } finally {
            bc.destroy();
        }
    }

    static LightGBMRegressor regressor(LightGbmParams p, long seed, int workers, int threads, FitData data,
                                       boolean early) {
        LightGBMRegressor r = new LightGBMRegressor();
        r.setFeaturesCol(TrainingFrames.FEATURES);
        r.setLabelCol(TrainingFrames.LABEL);
        if (data.w() != null) {
            r.setWeightCol(TrainingFrames.WEIGHT);
        }
        r.setObjective(p.objective().optionValue());
        r.setAlpha(p.value(LightGbmParams.ALPHA));
        r.setNumIterations(p.numIterations());
        r.setLearningRate(p.value(LightGbmParams.LEARNING_RATE));
        r.setNumLeaves(p.value(LightGbmParams.NUM_LEAVES));
        r.setMaxDepth(p.value(LightGbmParams.MAX_DEPTH));
        r.setMinDataInLeaf(p.value(LightGbmParams.MIN_DATA_IN_LEAF));
        r.setFeatureFraction(p.value(LightGbmParams.FEATURE_FRACTION));
        r.setBaggingFraction(p.value(LightGbmParams.BAGGING_FRACTION));
        r.setBaggingFreq(p.value(LightGbmParams.BAGGING_FREQ));
        r.setLambdaL1(p.value(LightGbmParams.LAMBDA_L1));
        r.setLambdaL2(p.value(LightGbmParams.LAMBDA_L2));
        r.setMaxBin(p.maxBin());
        r.setCatSmooth(p.value(LightGbmParams.CAT_SMOOTH));
        r.setCatl2(p.value(LightGbmParams.CAT_L2));
        r.setMinDataPerGroup(p.value(LightGbmParams.MIN_DATA_PER_GROUP));
        int[] cats = data.x().categorical();
        if (cats.length > 0 && p.categoricalMode() == CategoricalMode.NATIVE) {
            r.setCategoricalSlotIndexes(cats);
        }
        // The single-machine trainer's seed folding, so one configuration seeds both the same way.
        int nativeSeed = (int) (seed ^ (seed >>> 32)) & Integer.MAX_VALUE;
        r.setSeed(nativeSeed);
        r.setDeterministic(true);
        r.setNumThreads(threads);
        r.setVerbosity(-1);
        r.setNumTasks(workers);
        r.setUseBarrierExecutionMode(true);
        r.setPassThroughArgs("force_row_wise=true");
        r.setMetric(p.objective().metric());
        if (early) {
            r.setValidationIndicatorCol(TrainingFrames.VALID);
            r.setEarlyStoppingRound(p.earlyStoppingRounds());
        }
        return r;
    }

    /** The model text with its first {@code iterations} trees ({@code 0}: all). */
    static String cut(String text, int iterations) {
        if (iterations <= 0) {
            return text;
        }
        try (LGBMBooster b = LGBMBooster.loadModelFromString(text)) {
            return b.saveModelToString(0, iterations, LGBMBooster.FeatureImportanceType.SPLIT);
        } catch (LGBMException e) {
            throw new IllegalStateException("cannot cut the LightGBM model to " + iterations + " iterations: "
                    + e.getMessage(), e);
        }
    }

    static int countTrees(String text) {
        int n = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("Tree=")) {
                n++;
            }
        }
        return n;
    }
}
