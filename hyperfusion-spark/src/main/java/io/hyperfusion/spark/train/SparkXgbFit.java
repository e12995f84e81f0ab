package io.hyperfusion.spark.train;

import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import io.hyperfusion.spark.GbdtJob;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One XGBoost member fit distributed over the executors with xgboost4j-spark: {@code workers} Spark tasks each hold
 * a share of the rows and build every tree together (Rabit all-reduce of the gradient histograms). With a
 * validation set and {@code early_stopping_rounds}, the validation rows are xgboost4j-spark's evaluation set and
 * the model is cut to the best round (as the single-machine trainer's refit gives). The result is an ordinary
 * {@link XgbModel}: saved, loaded and scored like a single-machine one.
 */
public final class SparkXgbFit {
    private SparkXgbFit() {
    }

    /** Fits on {@code data} with {@code workers} Spark tasks of {@code threads} native threads each. */
    public static XgbModel fit(SparkSession spark, FitData data, XgbParams p, long seed, int workers, int threads) {
        long t0 = System.nanoTime();
        Broadcast<FitData> bc = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(data);
        try {
            boolean early = data.hasValidation() && p.earlyStoppingRounds() > 0;
            XGBoostRegressor r = GbdtJob.regressor(p, new GbdtJob.Settings(p, seed, workers, threads), spark,
                    data.x().schema());
            r.setFeaturesCol(TrainingFrames.FEATURES);
            r.setLabelCol(TrainingFrames.LABEL);
            if (data.w() != null) {
                r.setWeightCol(TrainingFrames.WEIGHT);
            }
            if (early) {
                r.setEvalDataset(TrainingFrames.validation(spark, bc, 1));
                r.setNumEarlyStoppingRounds(p.earlyStoppingRounds());
            }
            XGBoostRegressionModel m = r.fit(TrainingFrames.frame(spark, bc, workers, false));
            byte[] json = m.nativeBooster().toByteArray("json");
            int run = XgbJson.rounds(json);
            int keep = run;
            if (early) {
                String best = m.nativeBooster().getAttr("best_iteration");
                keep = best == null ? run : Math.min(run, Integer.parseInt(best) + 1);
                if (keep < run) {
                    json = XgbJson.slice(json, keep);
                }
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Map<String, String> extra = new TreeMap<>();
            extra.put("best_iteration", Integer.toString(keep));
            extra.put("iterations_run", Integer.toString(run));
            extra.put("early_stopping", Boolean.toString(early));
            extra.put("trainer", "xgboost4j-spark");
            extra.put("num_workers", Integer.toString(workers));
            extra.put("spark", spark.version());
            if (data.hasValidation()) {
                extra.put("validation_rows", Integer.toString(data.validX().rows()));
            }
            Provenance prov = new Provenance(XgbTrainer.FAMILY, p.toOptions(), "xgboost4j-spark",
                    XgbModel.libraryVersion(), System.getProperty("java.version"), data.x().rows(), data.x().cols(),
                    seed, threads, millis, Instant.now(), extra);
            return XgbModel.fromModelJson(json, data.x().schema(), prov, threads);
        } catch (XGBoostError e) {
            throw new IllegalStateException("distributed XGBoost fit on " + data.x().rows() + " x " + data.x().cols()
                    + " rows failed: " + e.getMessage(), e);
        } finally {
            bc.destroy();
        }
    }
}
