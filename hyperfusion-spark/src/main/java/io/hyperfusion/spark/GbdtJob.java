package io.hyperfusion.spark;

import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.ml.functions.vector_to_array;

/**
 * {@code train-gbdt}: trains one boosted-trees member (XGBoost, Chen and Guestrin, KDD 2016) distributed over
 * the executors with xgboost4j-spark, on a wide feature table, and saves it in the project's model format
 * (loadable by {@code ModelIO}, usable wherever a single-machine {@link XgbModel} is).
 *
 * <p>The feature columns (all, or those of some feature groups, as a tier-1 expert sees them) are joined by a
 * {@link VectorAssembler} ({@code handleInvalid=keep}: NaN stays NaN, which XGBoost reads as missing) and then
 * made dense: the assembler emits sparse vectors for rows with many zeros, and a sparse vector's implicit
 * zeros would otherwise be indistinguishable from missing values. Categorical columns go to XGBoost as
 * numbers or as native categoricals (feature type {@code c}) per the parameters' {@code categorical_mode}, as in
 * {@link XgbTrainer}. Early stopping is not used: the
 * member trains for {@code num_round} rounds.
 */
public final class GbdtJob {
    static final String VECTOR = "features_vector";

    private GbdtJob() {
    }

    /**
     * Settings of a distributed run.
     *
     * @param params  XGBoost hyperparameters (as for the single-machine trainer)
     * @param seed    XGBoost's seed
     * @param workers XGBoost workers (Spark tasks that train together; at most the cluster's free task slots)
     * @param threads native threads per worker
     */
    public record Settings(XgbParams params, long seed, int workers, int threads) {
        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("XGBoost workers must be >= 1, got " + workers);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("XGBoost threads per worker must be >= 1, got " + threads);
            }
        }
    }

    /** The feature table's columns as one dense vector column {@value #VECTOR}. */
    public static Dataset<Row> assemble(Dataset<Row> table, FeatureColumns cols) {
        VectorAssembler va = new VectorAssembler().setInputCols(cols.columns().toArray(String[]::new))
                .setOutputCol(VECTOR + "_raw").setHandleInvalid("keep");
        Dataset<Row> a = va.transform(table);
        return a.withColumn(VECTOR, array_to_vector(vector_to_array(a.col(VECTOR + "_raw"), "float64")))
                .drop(VECTOR + "_raw");
    }

    /**
     * An XGBoost estimator with the hyperparameters of {@code p} (as the single-machine trainer reads them), {@code s}'s
     * seed, workers and threads, NaN as missing, and the feature names and types of {@code schema}; the caller sets
     * the columns (and, for early stopping, the evaluation set).
     */
    public static XGBoostRegressor regressor(XgbParams p, Settings s, org.apache.spark.sql.SparkSession spark,
                                             FeatureSchema schema) {
        if (p.objective() == XgbParams.Objective.RANK_PAIRWISE) {
            // Spread over workers, one list would become one list per partition: a different model.
            throw new IllegalArgumentException("xgboost option objective: rank:pairwise ranks all rows as one list,"
                    + " which the distributed trainer cannot do; train this member on one machine (hyperfusion train)");
        }
        XGBoostRegressor r = new XGBoostRegressor();
        r.setNumWorkers(s.workers());
        // Without it xgboost4j-spark keeps the input partitions when their number equals the workers', and a
        // partition left empty by a filter makes that worker fail ("Failed to create DMatrix").
        r.setForceRepartition(true);
        r.setNthread(s.threads());
        r.setNumRound(p.numRounds());
        r.setObjective(p.objective().optionValue());
        r.setEvalMetric(p.objective().metric());
        r.setEta(p.eta());
        r.setMaxDepth(p.maxDepth());
        r.setMinChildWeight(p.minChildWeight());
        r.setSubsample(p.subsample());
        r.setColsampleBytree(p.colsampleBytree());
        r.setLambda(p.lambda());
        r.setAlpha(p.alpha());
        r.setTreeMethod(p.treeMethod().optionValue());
        r.setMaxBins(p.maxBin());
        if (p.objective() == XgbParams.Objective.PSEUDO_HUBER_ERROR) {
            r.setHuberSlope(p.huberSlope());
        }
        r.setSeed(s.seed());
        r.setMissing(Float.NaN);
        r.setVerbosity(0);
        // The tracker (on the driver) otherwise binds the host's public address, which a sandbox may not route back
        // to: bind the address the driver was told to use, and 127.0.0.1 in local mode.
        scala.Option<String> host = spark.conf().getOption("spark.driver.host");
        if (host.isDefined()) {
            r.setRabitTrackerHostIp(host.get());
        } else if (spark.sparkContext().master().startsWith("local")) {
            r.setRabitTrackerHostIp("127.0.0.1");
        }
        r.setFeatureNames(schema.names().toArray(String[]::new));
        r.setFeatureTypes(p.featureTypes(schema));
        return r;
    }

    /** Trains on the labelled rows of {@code table}; returns the model in the project's format, saved to {@code dir}. */
    public static XgbModel train(Dataset<Row> table, FeatureColumns cols, Settings s, Path dir) {
        long t0 = System.nanoTime();
        Dataset<Row> train = assemble(table.filter(table.col(PostRows.LABEL).isNotNull()), cols);
        long rows = train.count();
        XgbParams p = s.params();
        XGBoostRegressor r = regressor(p, s, table.sparkSession(), cols.schema());
        r.setFeaturesCol(VECTOR);
        r.setLabelCol(PostRows.LABEL);
        XGBoostRegressionModel m = r.fit(train);
        FeatureSchema schema = cols.schema();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        byte[] json;
        try {
            json = m.nativeBooster().toByteArray("json");
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot export the distributed XGBoost model: " + e.getMessage(), e);
        }
        Map<String, Object> options = new LinkedHashMap<>(p.toOptions());
        options.put("num_workers", s.workers());
        Map<String, String> extra = Map.of("trainer", "xgboost4j-spark", "num_workers", String.valueOf(s.workers()),
                "spark", table.sparkSession().version());
        Provenance prov = new Provenance(XgbTrainer.FAMILY, options, "xgboost4j-spark", XgbModel.libraryVersion(),
                System.getProperty("java.version"), rows, schema.size(), s.seed(), s.threads(), millis,
                Instant.now(), extra);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(XgbModel.MODEL_FILE), json);
            ModelMetadata.of(XgbTrainer.FAMILY, schema, prov, Map.of("modelFile", XgbModel.MODEL_FILE,
                    "trees", m.getNumRound())).write(dir);
            return XgbModel.load(dir, s.threads());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the distributed XGBoost model to " + dir + ": " + e.getMessage(), e);
        }
    }
}
