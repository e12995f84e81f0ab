package io.hyperfusion.models.xgboost;

import static io.hyperfusion.models.Options.atLeast;
import static io.hyperfusion.models.Options.nonNegative;
import static io.hyperfusion.models.Options.toDouble;
import static io.hyperfusion.models.Options.toInt;
import static io.hyperfusion.models.Options.unitInterval;

import io.hyperfusion.models.CategoricalMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * XGBoost hyperparameters for regression (Chen and Guestrin, "XGBoost: A Scalable Tree Boosting System",
 * KDD 2016), checked once in the compact constructor with the bad value in the message.
 *
 * <p>Option names follow XGBoost's own ({@code eta}, {@code max_depth}, {@code colsample_bytree}...), with
 * {@code num_round} for the number of boosting rounds, so a run config maps straight onto {@link #fromOptions}
 * and {@link #toOptions} goes straight into provenance. {@code earlyStoppingRounds = 0} disables early stopping.
 * The seed and thread count are not hyperparameters: {@link XgbTrainer} holds them.
 */
public record XgbParams(Objective objective, int numRounds, double eta, int maxDepth, double minChildWeight,
                        double subsample, double colsampleBytree, double lambda, double alpha,
                        int earlyStoppingRounds, TreeMethod treeMethod, int maxBin, double huberSlope,
                        CategoricalMode categoricalMode) {

    /** The regression losses supported; {@link #nativeName()} is XGBoost's {@code objective} value. */
    public enum Objective {
        /** Squared error; early stopping on rmse. */
        SQUARED_ERROR("reg:squarederror", "rmse"),
        /** Absolute error; early stopping on mae. */
        ABSOLUTE_ERROR("reg:absoluteerror", "mae"),
        /** Pseudo-Huber loss with slope {@code huberSlope}; early stopping on mphe. */
        PSEUDO_HUBER_ERROR("reg:pseudohubererror", "mphe");

        private final String nativeName;
        private final String metric;

        Objective(String nativeName, String metric) {
            this.nativeName = nativeName;
            this.metric = metric;
        }

        public String nativeName() { return nativeName; }

        /** The validation metric (lower is better) used for early stopping. */
        public String metric() { return metric; }

        /** Parses a native or enum name, e.g. {@code reg:absoluteerror}. */
        public static Objective parse(String s) {
            for (Objective o : values()) {
                if (o.nativeName.equalsIgnoreCase(s) || o.name().equalsIgnoreCase(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("objective: expected one of reg:squarederror, reg:absoluteerror, "
                    + "reg:pseudohubererror, got '" + s + "'");
        }
    }

    /** XGBoost's tree construction algorithms; only hist and approx support categorical columns. */
    public enum TreeMethod {
        HIST, APPROX, EXACT;

        public String nativeName() { return name().toLowerCase(Locale.ROOT); }

        public static TreeMethod parse(String s) {
            for (TreeMethod t : values()) {
                if (t.name().equalsIgnoreCase(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("tree_method: expected one of hist, approx, exact, got '" + s + "'");
        }
    }

    public XgbParams {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(treeMethod, "treeMethod");
        Objects.requireNonNull(categoricalMode, "categorical_mode");
        atLeast("num_round", numRounds, 1);
        unitInterval("eta", eta);
        atLeast("max_depth", maxDepth, 1);
        nonNegative("min_child_weight", minChildWeight);
        unitInterval("subsample", subsample);
        unitInterval("colsample_bytree", colsampleBytree);
        nonNegative("lambda", lambda);
        nonNegative("alpha", alpha);
        atLeast("early_stopping_rounds", earlyStoppingRounds, 0);
        atLeast("max_bin", maxBin, 2);
        if (!(huberSlope > 0) || Double.isInfinite(huberSlope)) {
            throw new IllegalArgumentException("huber_slope: expected a finite value > 0, got " + huberSlope);
        }
    }

    /** XGBoost's defaults (with {@code tree_method=hist}), without early stopping. */
    public static XgbParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return fromOptions(toOptions());
    }

    /** The settings under XGBoost's names, in a fixed order. */
    public Map<String, Object> toOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", objective.nativeName());
        m.put("num_round", numRounds);
        m.put("eta", eta);
        m.put("max_depth", maxDepth);
        m.put("min_child_weight", minChildWeight);
        m.put("subsample", subsample);
        m.put("colsample_bytree", colsampleBytree);
        m.put("lambda", lambda);
        m.put("alpha", alpha);
        m.put("early_stopping_rounds", earlyStoppingRounds);
        m.put("tree_method", treeMethod.nativeName());
        m.put("max_bin", maxBin);
        m.put("huber_slope", huberSlope);
        m.put("categorical_mode", categoricalMode.optionValue());
        return m;
    }

    /** The booster parameters handed to XGBoost (without seed, threads and the rounds, which are not params). */
    Map<String, Object> nativeParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", objective.nativeName());
        m.put("eval_metric", objective.metric());
        m.put("eta", eta);
        m.put("max_depth", maxDepth);
        m.put("min_child_weight", minChildWeight);
        m.put("subsample", subsample);
        m.put("colsample_bytree", colsampleBytree);
        m.put("lambda", lambda);
        m.put("alpha", alpha);
        m.put("tree_method", treeMethod.nativeName());
        m.put("max_bin", maxBin);
        if (objective == Objective.PSEUDO_HUBER_ERROR) {
            m.put("huber_slope", huberSlope);
        }
        return m;
    }

    /** XGBoost's feature types for {@code schema} under {@link #categoricalMode()} ({@code c} or {@code q}). */
    public String[] featureTypes(io.hyperfusion.features.FeatureSchema schema) {
        return XgbMatrices.featureTypes(schema, categoricalMode == CategoricalMode.NATIVE);
    }

    /** A builder from options named as in {@link #toOptions()}; unknown names → IllegalArgumentException. */
    public static Builder fromOptions(Map<String, ?> options) {
        Builder b = builder();
        options.forEach(b::set);
        return b;
    }




    /** Fills an {@link XgbParams} from XGBoost's defaults; {@link #build()} validates. */
    public static final class Builder {
        private Objective objective = Objective.SQUARED_ERROR;
        private int numRounds = 100;
        private double eta = 0.3;
        private int maxDepth = 6;
        private double minChildWeight = 1;
        private double subsample = 1;
        private double colsampleBytree = 1;
        private double lambda = 1;
        private double alpha = 0;
        private int earlyStoppingRounds = 0;
        private TreeMethod treeMethod = TreeMethod.HIST;
        private int maxBin = 256;
        private double huberSlope = 1;
        private CategoricalMode categoricalMode = CategoricalMode.ORDINAL;

        private Builder() {
        }

        public Builder objective(Objective v) { objective = v; return this; }
        public Builder numRounds(int v) { numRounds = v; return this; }
        public Builder eta(double v) { eta = v; return this; }
        public Builder maxDepth(int v) { maxDepth = v; return this; }
        public Builder minChildWeight(double v) { minChildWeight = v; return this; }
        public Builder subsample(double v) { subsample = v; return this; }
        public Builder colsampleBytree(double v) { colsampleBytree = v; return this; }
        public Builder lambda(double v) { lambda = v; return this; }
        public Builder alpha(double v) { alpha = v; return this; }
        public Builder earlyStoppingRounds(int v) { earlyStoppingRounds = v; return this; }
        public Builder treeMethod(TreeMethod v) { treeMethod = v; return this; }
        public Builder maxBin(int v) { maxBin = v; return this; }
        public Builder huberSlope(double v) { huberSlope = v; return this; }
        public Builder categoricalMode(CategoricalMode v) { categoricalMode = v; return this; }

        /** Sets one option by its XGBoost name. */
        public Builder set(String name, Object value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "objective" -> objective = value instanceof Objective o ? o : Objective.parse(String.valueOf(value));
                case "num_round" -> numRounds = toInt(name, value);
                case "eta" -> eta = toDouble(name, value);
                case "max_depth" -> maxDepth = toInt(name, value);
                case "min_child_weight" -> minChildWeight = toDouble(name, value);
                case "subsample" -> subsample = toDouble(name, value);
                case "colsample_bytree" -> colsampleBytree = toDouble(name, value);
                case "lambda" -> lambda = toDouble(name, value);
                case "alpha" -> alpha = toDouble(name, value);
                case "early_stopping_rounds" -> earlyStoppingRounds = toInt(name, value);
                case "tree_method" -> treeMethod = value instanceof TreeMethod t ? t
                        : TreeMethod.parse(String.valueOf(value));
                case "max_bin" -> maxBin = toInt(name, value);
                case "huber_slope" -> huberSlope = toDouble(name, value);
                case "categorical_mode" -> categoricalMode = CategoricalMode.parse(value);
                default -> throw new IllegalArgumentException("unknown XGBoost option '" + name
                        + "'; expected one of " + defaults().toOptions().keySet());
            }
            return this;
        }

        public XgbParams build() {
            return new XgbParams(objective, numRounds, eta, maxDepth, minChildWeight, subsample, colsampleBytree,
                    lambda, alpha, earlyStoppingRounds, treeMethod, maxBin, huberSlope, categoricalMode);
        }


    }
}
