package io.hyperfusion.spark.train;

import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.lightgbm.LightGbmModel;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import io.hyperfusion.spark.JvmResources;
import io.hyperfusion.spark.Sessions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Member fits on Spark ({@code local[2]}) against the single-machine trainers on a synthetic regression problem: an
 * executor task fits exactly the driver's model; the distributed learners (xgboost4j-spark, SynapseML) stop early on
 * the validation rows, keep only the trees up to the best round, and score held-out rows as well as the
 * single-machine fits do.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkFitsTest {
    SparkSession spark;
    TrainingData train;
    SyntheticRegression.Data test;

    @BeforeAll
    void setUp() {
        spark = Sessions.create("local[2]", "hyperfusion-fits-test");
        SyntheticRegression.Data all = SyntheticRegression.nonlinear(1400, 0.5, 11);
        SyntheticRegression.Data fit = all.slice(0, 800);
        SyntheticRegression.Data valid = all.slice(800, 1000);
        test = all.slice(1000, 1400);
        double[] w = new double[800];
        Arrays.setAll(w, i -> i % 4 == 0 ? 0.5 : 1.0);
        train = new TrainingData(fit.x(), fit.y(), w, valid.x(), valid.y());
    }

    @AfterAll
    void tearDown() {
        if (spark != null) {
            spark.stop();
        }
        JvmResources.closeAll();
    }

    @Test
    void anExecutorTaskFitsExactlyTheDriversModel() {
        Map<String, Map<String, Object>> families = Map.of(
                "lightgbm", Map.of("num_iterations", 60, "early_stopping_rounds", 10, "bagging_fraction", 0.8, "bagging_freq", 1),
                "xgboost", Map.of("num_round", 40, "early_stopping_rounds", 10, "subsample", 0.8),
                "mlp", Map.of("hidden", java.util.List.of(16), "max_epochs", 5));
        for (Map.Entry<String, Map<String, Object>> f : families.entrySet()) {
            try (RegressionModel local = ModelFamilies.trainer(f.getKey(), f.getValue(), 5, 1).train(train);
                 RegressionModel remote = TaskFit.fit(spark, FitData.of(train), f.getKey(), f.getValue(), 5, 1)) {
                assertEquals(f.getKey(), remote.family());
                assertArrayEquals(local.predict(test.x()), remote.predict(test.x()), 0.0, f.getKey());
            }
        }
    }

    @Test
    void distributedXgboostStopsEarlyAndMatchesTheSingleMachineFit() {
        XgbParams p = XgbParams.OPTIONS.parse(Map.of("num_round", 400, "eta", 0.1, "max_depth", 4,
                "early_stopping_rounds", 10));
        try (XgbModel single = new XgbTrainer(p, 3, 1).train(train);
             XgbModel spread = SparkXgbFit.fit(spark, FitData.of(train), p, 3, 2, 1)) {
            int best = Integer.parseInt(spread.provenance().extra().get("best_iteration"));
            int run = Integer.parseInt(spread.provenance().extra().get("iterations_run"));
            assertTrue(best < run && run < 400, "stopped early: best " + best + " of " + run + " rounds");
            assertEquals(best, spread.trees(), "only the trees up to the best round are kept");
            assertClose(single, spread, "xgboost4j-spark");
        }
    }

    @Test
    void synapseMlLightgbmStopsEarlyAndMatchesTheSingleMachineFit() {
        LightGbmParams p = LightGbmParams.OPTIONS.parse(Map.of("num_iterations", 400, "learning_rate", 0.1,
                "num_leaves", 15, "early_stopping_rounds", 10));
        try (LightGbmModel single = new LightGbmTrainer(p, 3, 1).train(train);
             LightGbmModel spread = SparkLgbmFit.fit(spark, FitData.of(train), p, 3, 2, 1)) {
            int run = Integer.parseInt(spread.provenance().extra().get("iterations_run"));
            assertTrue(spread.bestIteration() < run && run < 400,
                    "stopped early: best " + spread.bestIteration() + " of " + run + " iterations");
            assertClose(single, spread, "SynapseML");
        }
    }

    @Test
    void networksHaveNoSparkLearner() {
        assertThrows(IllegalArgumentException.class,
                () -> new Placement(Placement.Mode.SPARK, Placement.Mode.SPARK, Placement.Mode.SPARK, 2));
        assertThrows(IllegalArgumentException.class, () -> Placement.Mode.parse("LightGBM", "cluster"));
        assertEquals(Placement.Mode.TASK, Placement.defaults().of("lightgbm"));
        assertEquals(Placement.Mode.SPARK, Placement.distributed().of("lightgbm"));
        assertEquals(Placement.Mode.TASK, Placement.distributed().of("mlp"));
    }

    private void assertClose(RegressionModel single, RegressionModel spread, String what) {
        FeatureMatrix x = test.x();
        double a = Metrics.src(test.y(), single.predict(x));
        double b = Metrics.src(test.y(), spread.predict(x));
        System.out.printf("held-out SRC: single machine %.4f, %s (2 workers) %.4f%n", a, what, b);
        assertTrue(a > 0.8, "the single-machine fit learnt the problem: SRC " + a);
        assertEquals(a, b, 0.01, what + " vs single machine");
    }
}
