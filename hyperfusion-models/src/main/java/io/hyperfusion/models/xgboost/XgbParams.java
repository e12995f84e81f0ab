package io.hyperfusion.models.xgboost;

import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionChoice;
import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.OptionTable;
import io.hyperfusion.models.options.Range;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * XGBoost hyperparameters for regression (Chen and Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016),
 * declared once in {@link #OPTIONS} and checked when built, with the bad value in the message.
 *
 * <p>Option names follow XGBoost's own ({@code eta}, {@code max_depth}, {@code colsample_bytree}...), with
 * {@code num_round} for the number of boosting rounds, so a run config maps straight onto {@code OPTIONS.parse} and
 * {@link #toOptions} goes straight into provenance. {@code early_stopping_rounds = 0} disables early stopping. The
 * seed and thread count are not hyperparameters: {@link XgbTrainer} holds them.
 */
public final class XgbParams extends FamilyOptions {

    /** The regression losses supported; {@link #optionValue()} is XGBoost's {@code objective} value. */
    public enum Objective implements OptionChoice {
        /** Squared error; early stopping on rmse. */
        SQUARED_ERROR("reg:squarederror", "rmse"),
        /** Absolute error; early stopping on mae. */
        ABSOLUTE_ERROR("reg:absoluteerror", "mae"),
        /** Pseudo-Huber loss with slope {@code huber_slope}; early stopping on mphe. */
        PSEUDO_HUBER_ERROR("reg:pseudohubererror", "mphe"),
        /**
         * Pairwise ranking (RankNet's loss, LambdaMART's trees) over all rows as one list: each row is paired with
         * {@code rank_pairs} rows drawn at random and the model learns which of the two has the larger label. Its
         * output is a score on no particular scale (a blend rescales it), optimised for order, which is what the
         * Spearman correlation measures. No validation metric exists for continuous labels, so it does not stop
         * early: {@code early_stopping_rounds} must be 0 and {@code num_round} is the number of trees.
         */
        RANK_PAIRWISE("rank:pairwise", "rmse");

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

    /** XGBoost's tree construction algorithms; only hist and approx support categorical columns. */
    public enum TreeMethod implements OptionChoice {
        HIST, APPROX, EXACT;

        @Override public String optionValue() { return name().toLowerCase(Locale.ROOT); }
    }

    public static final OptionSpec<Objective> OBJECTIVE = OptionSpec.choice("objective", Objective.class,
            Objective.SQUARED_ERROR).doc("the loss; early stopping watches its own metric (rmse, mae, mphe);"
                    + " rank:pairwise learns the order of all rows (pairwise ranking) and cannot stop early");
    public static final OptionSpec<Integer> NUM_ROUND = OptionSpec.integer("num_round", 100, Range.atLeast(1))
            .nativeName("num_boost_round").doc("boosting rounds (the most, with early stopping)");
    public static final OptionSpec<Double> ETA = OptionSpec.number("eta", 0.3, Range.unit())
            .doc("shrinkage of each tree (learning rate)");
    public static final OptionSpec<Integer> MAX_DEPTH = OptionSpec.integer("max_depth", 6, Range.atLeast(1))
            .doc("depth of a tree");
    public static final OptionSpec<Double> MIN_CHILD_WEIGHT = OptionSpec.number("min_child_weight", 1,
            Range.atLeast(0)).doc("least hessian weight in a child");
    public static final OptionSpec<Double> SUBSAMPLE = OptionSpec.number("subsample", 1, Range.unit())
            .doc("share of rows drawn for each tree");
    public static final OptionSpec<Double> COLSAMPLE_BYTREE = OptionSpec.number("colsample_bytree", 1, Range.unit())
            .doc("share of columns drawn for each tree");
    public static final OptionSpec<Double> LAMBDA = OptionSpec.number("lambda", 1, Range.atLeast(0))
            .doc("L2 penalty on leaf weights");
    public static final OptionSpec<Double> ALPHA = OptionSpec.number("alpha", 0, Range.atLeast(0))
            .doc("L1 penalty on leaf weights");
    public static final OptionSpec<Integer> EARLY_STOPPING_ROUNDS = OptionSpec.integer("early_stopping_rounds", 0,
            Range.atLeast(0)).doc("stop after this many rounds without a better validation score (0: off)");
    public static final OptionSpec<TreeMethod> TREE_METHOD = OptionSpec.choice("tree_method", TreeMethod.class,
            TreeMethod.HIST).doc("tree construction; `exact` cannot split native categorical columns");
    public static final OptionSpec<Integer> MAX_BIN = OptionSpec.integer("max_bin", 256, Range.atLeast(2))
            .doc("histogram bins per column (hist, approx)");
    public static final OptionSpec<Double> HUBER_SLOPE = OptionSpec.number("huber_slope", 1, Range.positive())
            .doc("slope of the pseudo-Huber loss (objective reg:pseudohubererror)");
    public static final OptionSpec<Integer> RANK_PAIRS = OptionSpec.integer("rank_pairs", 1, Range.atLeast(1))
            .nativeName("lambdarank_num_pair_per_sample").doc("pairs drawn per row in each round (objective rank:pairwise)");

    /** Every XGBoost option, in a fixed order. */
    public static final OptionTable<XgbParams> OPTIONS = OptionTable.of(XgbTrainer.FAMILY, "XGBoost", XgbParams::new,
            XgbParams::check, OBJECTIVE, NUM_ROUND, ETA, MAX_DEPTH, MIN_CHILD_WEIGHT, SUBSAMPLE, COLSAMPLE_BYTREE,
            LAMBDA, ALPHA, EARLY_STOPPING_ROUNDS, TREE_METHOD, MAX_BIN, HUBER_SLOPE, RANK_PAIRS, CategoricalMode.OPTION);

    /** Options that are arguments of the training call, not booster parameters. */
    private static final Set<String> NOT_BOOSTER = Set.of("num_round", "early_stopping_rounds", "huber_slope",
            "rank_pairs");

    private static void check(OptionTable.Values v) {
        if (v.get(OBJECTIVE) == Objective.RANK_PAIRWISE && v.get(EARLY_STOPPING_ROUNDS) > 0) {
            throw new IllegalArgumentException("xgboost option early_stopping_rounds: objective rank:pairwise has no"
                    + " validation metric for continuous labels, so it cannot stop early; set early_stopping_rounds"
                    + " to 0 and num_round to the number of trees, got early_stopping_rounds "
                    + v.get(EARLY_STOPPING_ROUNDS));
        }
    }

    private XgbParams(OptionTable.Values values) {
        super(values);
    }

    public Objective objective() { return get(OBJECTIVE); }
    public int numRounds() { return get(NUM_ROUND); }
    public double eta() { return get(ETA); }
    public int maxDepth() { return get(MAX_DEPTH); }
    public double minChildWeight() { return get(MIN_CHILD_WEIGHT); }
    public double subsample() { return get(SUBSAMPLE); }
    public double colsampleBytree() { return get(COLSAMPLE_BYTREE); }
    public double lambda() { return get(LAMBDA); }
    public double alpha() { return get(ALPHA); }
    public int maxBin() { return get(MAX_BIN); }
    public int earlyStoppingRounds() { return get(EARLY_STOPPING_ROUNDS); }
    public TreeMethod treeMethod() { return get(TREE_METHOD); }
    public double huberSlope() { return get(HUBER_SLOPE); }
    public CategoricalMode categoricalMode() { return get(CategoricalMode.OPTION); }

    /**
     * The booster parameters handed to XGBoost: every option it knows but the rounds (arguments of the training call),
     * the early-stopping metric after the objective, and {@code huber_slope} only for the pseudo-Huber loss. Not the
     * seed and thread count.
     */
    Map<String, Object> nativeParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> options = toOptions();
        for (OptionSpec<?> s : OPTIONS.specs()) {
            if (s.nativeName() != null && !NOT_BOOSTER.contains(s.name())) {
                m.put(s.nativeName(), options.get(s.name()));
            }
            if (s == OBJECTIVE) {
                m.put("eval_metric", objective().metric());
            }
        }
        if (objective() == Objective.PSEUDO_HUBER_ERROR) {
            m.put("huber_slope", huberSlope());
        }
        if (objective() == Objective.RANK_PAIRWISE) {
            // XGBoost's default pairs only the top of each list (top-k, for search results); here every row matters.
            m.put("lambdarank_pair_method", "mean");
            m.put("lambdarank_num_pair_per_sample", get(RANK_PAIRS));
        }
        return m;
    }

    /** XGBoost's feature types for {@code schema} under {@link #categoricalMode()} ({@code c} or {@code q}). */
    public String[] featureTypes(FeatureSchema schema) {
        return XgbMatrices.featureTypes(schema, categoricalMode() == CategoricalMode.NATIVE);
    }
}
