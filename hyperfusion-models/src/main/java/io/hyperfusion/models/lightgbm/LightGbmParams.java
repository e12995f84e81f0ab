package io.hyperfusion.models.lightgbm;

import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionChoice;
import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.OptionTable;
import io.hyperfusion.models.options.Range;
import java.math.BigDecimal;
import java.util.Set;

/**
 * LightGBM hyperparameters for regression (Ke et al., "LightGBM: A Highly Efficient Gradient Boosting Decision
 * Tree", NeurIPS 2017), declared once in {@link #OPTIONS} and checked when built, with the bad value in the message.
 *
 * <p>Option names follow LightGBM's own ({@code num_leaves}, {@code lambda_l2}...), so a run config maps straight
 * onto {@code OPTIONS.parse} and {@link #toOptions} goes straight into provenance. {@code early_stopping_rounds = 0}
 * disables early stopping.
 */
public final class LightGbmParams extends FamilyOptions {

    /** The regression losses supported; {@link #optionValue()} is LightGBM's {@code objective} value. */
    public enum Objective implements OptionChoice {
        /** Squared error; early stopping on l2. */
        REGRESSION("regression", "l2"),
        /** Absolute error; early stopping on l1. */
        REGRESSION_L1("regression_l1", "l1"),
        /** Huber loss with threshold {@code alpha}; early stopping on huber. */
        HUBER("huber", "huber");

        private final String nativeName;
        private final String metric;

        Objective(String nativeName, String metric) {
            this.nativeName = nativeName;
            this.metric = metric;
        }

        @Override public String optionValue() { return nativeName; }

        /** The validation metric (lower is better) used for early stopping. */
        public String metric() { return metric; }
    }

    public static final OptionSpec<Objective> OBJECTIVE = OptionSpec.choice("objective", Objective.class,
            Objective.REGRESSION).doc("the loss; early stopping watches its own metric (l2, l1, huber)");
    public static final OptionSpec<Integer> NUM_ITERATIONS = OptionSpec.integer("num_iterations", 100,
            Range.atLeast(1)).doc("boosting rounds (the most, with early stopping)");
    public static final OptionSpec<Double> LEARNING_RATE = OptionSpec.number("learning_rate", 0.1, Range.unit())
            .doc("shrinkage of each tree");
    public static final OptionSpec<Integer> NUM_LEAVES = OptionSpec.integer("num_leaves", 31, Range.closed(2, 131072))
            .doc("leaves per tree");
    public static final OptionSpec<Integer> MAX_DEPTH = OptionSpec.integer("max_depth", -1,
            Range.atLeast(1).or(-1, "no limit")).doc("depth limit of a tree");
    public static final OptionSpec<Integer> MIN_DATA_IN_LEAF = OptionSpec.integer("min_data_in_leaf", 20,
            Range.atLeast(0)).doc("fewest rows in a leaf");
    public static final OptionSpec<Double> FEATURE_FRACTION = OptionSpec.number("feature_fraction", 1.0, Range.unit())
            .doc("share of columns drawn for each tree");
    public static final OptionSpec<Double> BAGGING_FRACTION = OptionSpec.number("bagging_fraction", 1.0, Range.unit())
            .doc("share of rows drawn (with `bagging_freq` > 0)");
    public static final OptionSpec<Integer> BAGGING_FREQ = OptionSpec.integer("bagging_freq", 0, Range.atLeast(0))
            .doc("redraw the rows every this many rounds (0: no bagging)");
    public static final OptionSpec<Double> LAMBDA_L1 = OptionSpec.number("lambda_l1", 0, Range.atLeast(0))
            .doc("L1 penalty on leaf values");
    public static final OptionSpec<Double> LAMBDA_L2 = OptionSpec.number("lambda_l2", 0, Range.atLeast(0))
            .doc("L2 penalty on leaf values");
    public static final OptionSpec<Integer> EARLY_STOPPING_ROUNDS = OptionSpec.integer("early_stopping_rounds", 0,
            Range.atLeast(0)).doc("stop after this many rounds without a better validation score (0: off)");
    public static final OptionSpec<Integer> MAX_BIN = OptionSpec.integer("max_bin", 255, Range.atLeast(2))
            .doc("histogram bins per column");
    public static final OptionSpec<Double> CAT_SMOOTH = OptionSpec.number("cat_smooth", 10, Range.atLeast(0))
            .doc("smoothing of native categorical splits");
    public static final OptionSpec<Double> CAT_L2 = OptionSpec.number("cat_l2", 10, Range.atLeast(0))
            .doc("L2 penalty of native categorical splits");
    public static final OptionSpec<Integer> MIN_DATA_PER_GROUP = OptionSpec.integer("min_data_per_group", 100,
            Range.atLeast(1)).doc("fewest rows per category of a native categorical split");
    public static final OptionSpec<Double> ALPHA = OptionSpec.number("alpha", 0.9, Range.positive())
            .doc("Huber loss threshold (objective huber)");
    public static final OptionSpec<Boolean> EXTRA_TREES = OptionSpec.bool("extra_trees", false)
            .doc("extremely randomised trees: each split tests one random threshold per feature");

    /** Every LightGBM option, in a fixed order. */
    public static final OptionTable<LightGbmParams> OPTIONS = OptionTable.of(LightGbmTrainer.FAMILY, "LightGBM",
            LightGbmParams::new, v -> { }, OBJECTIVE, NUM_ITERATIONS, LEARNING_RATE, NUM_LEAVES, MAX_DEPTH,
            MIN_DATA_IN_LEAF, FEATURE_FRACTION, BAGGING_FRACTION, BAGGING_FREQ, LAMBDA_L1, LAMBDA_L2,
            EARLY_STOPPING_ROUNDS, MAX_BIN, CAT_SMOOTH, CAT_L2, MIN_DATA_PER_GROUP, ALPHA, EXTRA_TREES,
            CategoricalMode.OPTION);

    /** Options the trainer handles itself rather than passing them to LightGBM's parameter string. */
    private static final Set<String> NOT_PASSED = Set.of("num_iterations", "early_stopping_rounds", "extra_trees");

    private LightGbmParams(OptionTable.Values values) {
        super(values);
    }

    public Objective objective() { return get(OBJECTIVE); }
    public int numIterations() { return get(NUM_ITERATIONS); }
    public int earlyStoppingRounds() { return get(EARLY_STOPPING_ROUNDS); }
    public int maxBin() { return get(MAX_BIN); }
    public CategoricalMode categoricalMode() { return get(CategoricalMode.OPTION); }

    /** The training parameter string: every option LightGBM knows (not seed, threads or categorical columns). */
    String nativeTrainingParameters() {
        StringBuilder sb = new StringBuilder();
        for (OptionSpec<?> s : OPTIONS.specs()) {
            if (s.nativeName() != null && !NOT_PASSED.contains(s.name())) {
                sb.append(s.nativeName()).append('=').append(format(toOptions().get(s.name()))).append(' ');
            }
        }
        if (get(EXTRA_TREES)) {
            sb.append("extra_trees=true ");
        }
        sb.append("metric=").append(objective().metric());
        return sb.toString();
    }

    static String format(Object v) {
        // LightGBM's parser wants plain decimals; avoid Java's "1.0E-4".
        return v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(v);
    }
}
