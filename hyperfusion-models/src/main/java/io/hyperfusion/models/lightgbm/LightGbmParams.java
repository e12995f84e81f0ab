package io.hyperfusion.models.lightgbm;

import static io.hyperfusion.models.Options.atLeast;
import static io.hyperfusion.models.Options.nonNegative;
import static io.hyperfusion.models.Options.toDouble;
import static io.hyperfusion.models.Options.toInt;
import static io.hyperfusion.models.Options.unitInterval;

import io.hyperfusion.models.CategoricalMode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * LightGBM hyperparameters for regression (Ke et al., "LightGBM: A Highly Efficient Gradient Boosting
 * Decision Tree", NeurIPS 2017), checked once in the compact constructor with the bad value in the message.
 *
 * <p>Option names follow LightGBM's own ({@code num_leaves}, {@code lambda_l2}...), so a run config maps
 * straight onto {@link #fromOptions} and {@link #toOptions} goes straight into provenance.
 * {@code earlyStoppingRounds = 0} disables early stopping.
 */
public record LightGbmParams(Objective objective, int numIterations, double learningRate, int numLeaves,
                             int maxDepth, int minDataInLeaf, double featureFraction, double baggingFraction,
                             int baggingFreq, double lambdaL1, double lambdaL2, int earlyStoppingRounds,
                             int maxBin, double catSmooth, double catL2, int minDataPerGroup, double huberAlpha,
                             CategoricalMode categoricalMode) {

    /** The regression losses supported; {@link #nativeName()} is LightGBM's {@code objective} value. */
    public enum Objective {
        /** Squared error; early stopping on l2. */
        REGRESSION("regression", "l2"),
        /** Absolute error; early stopping on l1. */
        REGRESSION_L1("regression_l1", "l1"),
        /** Huber loss with threshold {@code huberAlpha}; early stopping on huber. */
        HUBER("huber", "huber");

        private final String nativeName;
        private final String metric;

        Objective(String nativeName, String metric) {
            this.nativeName = nativeName;
            this.metric = metric;
        }

        public String nativeName() { return nativeName; }

        /** The validation metric (lower is better) used for early stopping. */
        public String metric() { return metric; }

        /** Parses a native or enum name, e.g. {@code regression_l1}. */
        public static Objective parse(String s) {
            for (Objective o : values()) {
                if (o.nativeName.equalsIgnoreCase(s) || o.name().equalsIgnoreCase(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("objective: expected one of regression, regression_l1, huber, got '"
                    + s + "'");
        }
    }

    public LightGbmParams {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(categoricalMode, "categorical_mode");
        atLeast("num_iterations", numIterations, 1);
        unitInterval("learning_rate", learningRate);
        if (numLeaves < 2 || numLeaves > 131072) {
            throw new IllegalArgumentException("num_leaves: expected 2..131072, got " + numLeaves);
        }
        if (maxDepth != -1 && maxDepth < 1) {
            throw new IllegalArgumentException("max_depth: expected -1 (no limit) or >= 1, got " + maxDepth);
        }
        atLeast("min_data_in_leaf", minDataInLeaf, 0);
        unitInterval("feature_fraction", featureFraction);
        unitInterval("bagging_fraction", baggingFraction);
        atLeast("bagging_freq", baggingFreq, 0);
        nonNegative("lambda_l1", lambdaL1);
        nonNegative("lambda_l2", lambdaL2);
        atLeast("early_stopping_rounds", earlyStoppingRounds, 0);
        atLeast("max_bin", maxBin, 2);
        nonNegative("cat_smooth", catSmooth);
        nonNegative("cat_l2", catL2);
        atLeast("min_data_per_group", minDataPerGroup, 1);
        if (!(huberAlpha > 0) || Double.isInfinite(huberAlpha)) {
            throw new IllegalArgumentException("alpha (huber): expected a finite value > 0, got " + huberAlpha);
        }
    }

    /** LightGBM's defaults, without early stopping. */
    public static LightGbmParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return fromOptions(toOptions());
    }

    /** The settings under LightGBM's names, in a fixed order. */
    public Map<String, Object> toOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", objective.nativeName());
        m.put("num_iterations", numIterations);
        m.put("learning_rate", learningRate);
        m.put("num_leaves", numLeaves);
        m.put("max_depth", maxDepth);
        m.put("min_data_in_leaf", minDataInLeaf);
        m.put("feature_fraction", featureFraction);
        m.put("bagging_fraction", baggingFraction);
        m.put("bagging_freq", baggingFreq);
        m.put("lambda_l1", lambdaL1);
        m.put("lambda_l2", lambdaL2);
        m.put("early_stopping_rounds", earlyStoppingRounds);
        m.put("max_bin", maxBin);
        m.put("cat_smooth", catSmooth);
        m.put("cat_l2", catL2);
        m.put("min_data_per_group", minDataPerGroup);
        m.put("alpha", huberAlpha);
        m.put("categorical_mode", categoricalMode.optionValue());
        return m;
    }

    /** A builder from options named as in {@link #toOptions()}; unknown names → IllegalArgumentException. */
    public static Builder fromOptions(Map<String, ?> options) {
        Builder b = builder();
        options.forEach((k, v) -> b.set(k, v));
        return b;
    }

    /** The training parameter string (excluding seed, threads and categorical columns). */
    String nativeTrainingParameters() {
        StringBuilder sb = new StringBuilder();
        toOptions().forEach((k, v) -> {
            if (!k.equals("num_iterations") && !k.equals("early_stopping_rounds") && !k.equals("categorical_mode")) {
                sb.append(k).append('=').append(format(v)).append(' ');
            }
        });
        sb.append("metric=").append(objective.metric());
        return sb.toString();
    }

    static String format(Object v) {
        // LightGBM's parser wants plain decimals; avoid Java's "1.0E-4".
        return v instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : String.valueOf(v);
    }




    /** Fills a {@link LightGbmParams} from LightGBM's defaults; {@link #build()} validates. */
    public static final class Builder {
        private Objective objective = Objective.REGRESSION;
        private int numIterations = 100;
        private double learningRate = 0.1;
        private int numLeaves = 31;
        private int maxDepth = -1;
        private int minDataInLeaf = 20;
        private double featureFraction = 1.0;
        private double baggingFraction = 1.0;
        private int baggingFreq = 0;
        private double lambdaL1 = 0;
        private double lambdaL2 = 0;
        private int earlyStoppingRounds = 0;
        private int maxBin = 255;
        private double catSmooth = 10;
        private double catL2 = 10;
        private int minDataPerGroup = 100;
        private double huberAlpha = 0.9;
        private CategoricalMode categoricalMode = CategoricalMode.ORDINAL;

        private Builder() {
        }

        public Builder objective(Objective v) { objective = v; return this; }
        public Builder numIterations(int v) { numIterations = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder numLeaves(int v) { numLeaves = v; return this; }
        public Builder maxDepth(int v) { maxDepth = v; return this; }
        public Builder minDataInLeaf(int v) { minDataInLeaf = v; return this; }
        public Builder featureFraction(double v) { featureFraction = v; return this; }
        public Builder bagging(double fraction, int freq) { baggingFraction = fraction; baggingFreq = freq; return this; }
        public Builder lambdaL1(double v) { lambdaL1 = v; return this; }
        public Builder lambdaL2(double v) { lambdaL2 = v; return this; }
        public Builder earlyStoppingRounds(int v) { earlyStoppingRounds = v; return this; }
        public Builder maxBin(int v) { maxBin = v; return this; }
        public Builder catSmooth(double v) { catSmooth = v; return this; }
        public Builder catL2(double v) { catL2 = v; return this; }
        public Builder minDataPerGroup(int v) { minDataPerGroup = v; return this; }
        public Builder huberAlpha(double v) { huberAlpha = v; return this; }
        public Builder categoricalMode(CategoricalMode v) { categoricalMode = v; return this; }

        /** Sets one option by its LightGBM name. */
        public Builder set(String name, Object value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "objective" -> objective = value instanceof Objective o ? o : Objective.parse(String.valueOf(value));
                case "num_iterations" -> numIterations = toInt(name, value);
                case "learning_rate" -> learningRate = toDouble(name, value);
                case "num_leaves" -> numLeaves = toInt(name, value);
                case "max_depth" -> maxDepth = toInt(name, value);
                case "min_data_in_leaf" -> minDataInLeaf = toInt(name, value);
                case "feature_fraction" -> featureFraction = toDouble(name, value);
                case "bagging_fraction" -> baggingFraction = toDouble(name, value);
                case "bagging_freq" -> baggingFreq = toInt(name, value);
                case "lambda_l1" -> lambdaL1 = toDouble(name, value);
                case "lambda_l2" -> lambdaL2 = toDouble(name, value);
                case "early_stopping_rounds" -> earlyStoppingRounds = toInt(name, value);
                case "max_bin" -> maxBin = toInt(name, value);
                case "cat_smooth" -> catSmooth = toDouble(name, value);
                case "cat_l2" -> catL2 = toDouble(name, value);
                case "min_data_per_group" -> minDataPerGroup = toInt(name, value);
                case "alpha" -> huberAlpha = toDouble(name, value);
                case "categorical_mode" -> categoricalMode = CategoricalMode.parse(value);
                default -> throw new IllegalArgumentException("unknown LightGBM option '" + name
                        + "'; expected one of " + defaults().toOptions().keySet());
            }
            return this;
        }

        public LightGbmParams build() {
            return new LightGbmParams(objective, numIterations, learningRate, numLeaves, maxDepth, minDataInLeaf,
                    featureFraction, baggingFraction, baggingFreq, lambdaL1, lambdaL2, earlyStoppingRounds, maxBin,
                    catSmooth, catL2, minDataPerGroup, huberAlpha, categoricalMode);
        }


    }
}
