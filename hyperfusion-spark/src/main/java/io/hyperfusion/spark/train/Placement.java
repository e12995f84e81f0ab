package io.hyperfusion.spark.train;

import java.util.Locale;

/**
 * Where the member fits of a Spark training run, per kind of member:
 * <ul>
 *   <li>{@link Mode#SPARK}: one fit distributed over {@code workers} executor tasks with the family's Spark learner
 *       (LightGBM: SynapseML; XGBoost: xgboost4j-spark), each task holding a share of the rows;</li>
 *   <li>{@link Mode#TASK}: one fit as one executor task running the single-machine trainer (the same model the driver
 *       would fit; independent fits run on different executors at once);</li>
 *   <li>{@link Mode#DRIVER}: on the driver, as single-machine training does.</li>
 * </ul>
 * Networks (MLP, TabNet) have no Spark learner: {@code task} or {@code driver}.
 *
 * @param lightgbm LightGBM members
 * @param xgboost  XGBoost members
 * @param networks MLP and TabNet members
 * @param workers  Spark tasks per distributed fit ({@link Mode#SPARK})
 */
public record Placement(Mode lightgbm, Mode xgboost, Mode networks, int workers) {
    /** Where one kind of member is fitted. */
    public enum Mode {
        SPARK, TASK, DRIVER;

        /** Parses {@code spark}, {@code synapseml}, {@code xgboost4j-spark}, {@code task} or {@code driver}. */
        public static Mode parse(String what, String s) {
            String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "spark", "synapseml", "xgboost4j-spark" -> SPARK;
                case "task" -> TASK;
                case "driver" -> DRIVER;
                default -> throw new IllegalArgumentException(what + " members: expected spark, task or driver, got '"
                        + s + "'");
            };
        }
    }

    public Placement {
        if (networks == Mode.SPARK) {
            throw new IllegalArgumentException("networks (MLP, TabNet) have no Spark learner: use task or driver");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers per distributed fit must be >= 1, got " + workers);
        }
    }

    /**
     * The default: every member fit as one executor task running the single-machine trainer, so the Spark-trained
     * bundle is the single machine's exactly (measured on the standalone cluster: max |diff| 0, and 2-4x faster
     * than the distributed learners there). The distributed learners ({@link #distributed()}) fit other models,
     * not reproducible from run to run; they are for fits too large for one executor.
     */
    public static Placement defaults() {
        return tasks();
    }

    /** Boosted trees distributed with their Spark learners (SynapseML, xgboost4j-spark) on 2 workers, networks as tasks. */
    public static Placement distributed() {
        return new Placement(Mode.SPARK, Mode.SPARK, Mode.TASK, 2);
    }

    /** Every member as one executor task: the single-machine hierarchy, fitted on the cluster. */
    public static Placement tasks() {
        return new Placement(Mode.TASK, Mode.TASK, Mode.TASK, 1);
    }

    /** Where members of {@code family} are fitted. */
    public Mode of(String family) {
        return switch (family) {
            case "lightgbm" -> lightgbm;
            case "xgboost" -> xgboost;
            default -> networks;
        };
    }
}
