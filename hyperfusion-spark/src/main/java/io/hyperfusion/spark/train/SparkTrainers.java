package io.hyperfusion.spark.train;

import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.hierarchy.HierarchyTrainer;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import io.hyperfusion.models.xgboost.XgbTrainer;
import org.apache.spark.sql.SparkSession;

import java.util.Map;
import java.util.Objects;

/**
 * The hierarchy's member trainers on a Spark cluster ({@link HierarchyTrainer.TrainerFactory}): each member gets its
 * family's single-machine trainer (for its settings, seed and early-stopping behaviour), and its fits run where
 * the {@link Placement} says. The driver keeps the algorithm (folds, out-of-fold predictions, blend, pseudo-label
 * decisions); only the fits move. Lives on the driver; thread-safe (the hierarchy submits fits from a pool, and
 * Spark accepts jobs from many threads).
 */
public final class SparkTrainers implements HierarchyTrainer.TrainerFactory {
    private final SparkSession spark;
    private final Placement placement;
    private final int parallelFits;

    /** Trainers that submit {@link #defaultParallelFits()} fits at once. */
    public SparkTrainers(SparkSession spark, Placement placement) {
        this(spark, placement, 0);
    }

    /** Trainers that submit {@code parallelFits} fits at once ({@code 0}: {@link #defaultParallelFits()}). */
    public SparkTrainers(SparkSession spark, Placement placement, int parallelFits) {
        if (parallelFits < 0) {
            throw new IllegalArgumentException("parallel fits must be >= 1, got " + parallelFits);
        }
        this.spark = Objects.requireNonNull(spark, "spark");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.parallelFits = parallelFits;
    }

    /** How many member fits the hierarchy submits at once (Spark runs them as its task slots allow). */
    @Override
    public int parallelFits() {
        return parallelFits > 0 ? parallelFits : defaultParallelFits();
    }

    @Override
    public RegressionTrainer create(MemberSpec spec, long seed, int threads) {
        return new Trainer(HierarchyTrainer.REGISTERED.create(spec, seed, threads));
    }

    /** Fits that run concurrently by default: one per {@link Placement#workers()} of the cluster's task slots. */
    public int defaultParallelFits() {
        return Math.max(1, spark.sparkContext().defaultParallelism() / placement.workers());
    }

    /** A family's trainer whose {@link #train} runs where the placement says. */
    private final class Trainer implements RegressionTrainer {
        private final RegressionTrainer local;

        Trainer(RegressionTrainer local) {
            this.local = local;
        }

        @Override
        public RegressionModel train(TrainingData data) {
            Placement.Mode mode = placement.of(local.family());
            return switch (mode) {
                case DRIVER -> local.train(data);
                case TASK -> TaskFit.fit(spark, FitData.of(data), local.family(), local.options(), local.seed(),
                        local.threads());
                case SPARK -> distributed(data);
            };
        }

        private RegressionModel distributed(TrainingData data) {
            if (local instanceof XgbTrainer x) {
                return SparkXgbFit.fit(spark, FitData.of(data), x.params(), x.seed(), placement.workers(), x.threads());
            }
            if (local instanceof LightGbmTrainer l) {
                return SparkLgbmFit.fit(spark, FitData.of(data), l.params(), l.seed(), placement.workers(), l.threads());
            }
            throw new IllegalArgumentException("family '" + local.family() + "' has no Spark learner");
        }

        @Override public String family() { return local.family(); }
        @Override public Map<String, Object> options() { return local.options(); }
        @Override public long seed() { return local.seed(); }
        @Override public int threads() { return local.threads(); }
        @Override public boolean stopsEarly() { return local.stopsEarly(); }

        @Override
        public RegressionTrainer withSeed(long seed) {
            return new Trainer(local.withSeed(seed));
        }
    }
}
