package io.hyperfusion.models.djl.tabnet;

import static io.hyperfusion.models.Options.atLeast;
import static io.hyperfusion.models.Options.inRange;
import static io.hyperfusion.models.Options.nonNegative;
import static io.hyperfusion.models.Options.positive;
import static io.hyperfusion.models.Options.toDouble;
import static io.hyperfusion.models.Options.toInt;

import io.hyperfusion.models.djl.InputScaling;
import io.hyperfusion.models.djl.NetFitter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * TabNet hyperparameters (Arik &amp; Pfister, "TabNet: Attentive Interpretable Tabular Learning", AAAI 2021),
 * checked once in the compact constructor with the bad value in the message; names follow the paper and
 * pytorch-tabnet ({@code n_d}, {@code n_a}, {@code gamma}, {@code lambda_sparse}...).
 *
 * @param nD                decision width {@code N_d}
 * @param nA                attention width {@code N_a}
 * @param nSteps            decision steps {@code N_steps}
 * @param gamma             prior-scale relaxation {@code γ >= 1} (1 = each feature used in one step only)
 * @param nShared           GLU layers shared by all steps' feature transformers
 * @param nIndependent      step-specific GLU layers per feature transformer
 * @param lambdaSparse      weight of the mask-entropy sparsity loss
 * @param batchSize         rows per optimisation step
 * @param virtualBatchSize  rows per ghost batch-norm chunk
 * @param learningRate      Adam learning rate
 * @param maxEpochs         epoch limit
 * @param patience          early-stopping patience in epochs (0 = no early stopping; needs a validation set)
 * @param weightDecay       L2 weight decay in Adam
 * @param momentum          batch-norm running-statistics momentum, DJL convention (weight of the old value)
 * @param maxCategoryLevels one-hot slots per categorical column (more levels share the unknown slot)
 * @param inputScaling      how numeric inputs are scaled ({@code input_scaling})
 */
public record TabNetParams(int nD, int nA, int nSteps, double gamma, int nShared, int nIndependent,
                           double lambdaSparse, int batchSize, int virtualBatchSize, double learningRate,
                           int maxEpochs, int patience, double weightDecay, double momentum,
                           int maxCategoryLevels, InputScaling inputScaling) {

    public TabNetParams {
        atLeast("n_d", nD, 1);
        java.util.Objects.requireNonNull(inputScaling, "input_scaling");
        atLeast("n_a", nA, 1);
        atLeast("n_steps", nSteps, 1);
        if (!(gamma >= 1) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma: expected a finite value >= 1, got " + gamma);
        }
        atLeast("n_shared", nShared, 0);
        atLeast("n_independent", nIndependent, 0);
        if (nShared + nIndependent < 1) {
            throw new IllegalArgumentException("n_shared + n_independent: expected >= 1 GLU layer, got "
                    + nShared + " + " + nIndependent);
        }
        nonNegative("lambda_sparse", lambdaSparse);
        atLeast("batch_size", batchSize, 2);
        atLeast("virtual_batch_size", virtualBatchSize, 2);
        if (virtualBatchSize > batchSize) {
            throw new IllegalArgumentException("virtual_batch_size: expected <= batch_size " + batchSize + ", got "
                    + virtualBatchSize);
        }
        positive("learning_rate", learningRate);
        atLeast("max_epochs", maxEpochs, 1);
        atLeast("patience", patience, 0);
        nonNegative("weight_decay", weightDecay);
        inRange("momentum", momentum, 0, 1);
        atLeast("max_category_levels", maxCategoryLevels, 1);
    }

    public static TabNetParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return fromOptions(toOptions());
    }

    /** The optimisation settings for {@link NetFitter}; the sparsity loss is the auxiliary term. */
    NetFitter.Settings fitSettings() {
        return new NetFitter.Settings(batchSize, learningRate, weightDecay, maxEpochs, patience, lambdaSparse);
    }

    /** The settings under their option names, in a fixed order. */
    public Map<String, Object> toOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_d", nD);
        m.put("n_a", nA);
        m.put("n_steps", nSteps);
        m.put("gamma", gamma);
        m.put("n_shared", nShared);
        m.put("n_independent", nIndependent);
        m.put("lambda_sparse", lambdaSparse);
        m.put("batch_size", batchSize);
        m.put("virtual_batch_size", virtualBatchSize);
        m.put("learning_rate", learningRate);
        m.put("max_epochs", maxEpochs);
        m.put("patience", patience);
        m.put("weight_decay", weightDecay);
        m.put("momentum", momentum);
        m.put("max_category_levels", maxCategoryLevels);
        m.put("input_scaling", inputScaling.optionValue());
        return m;
    }

    /** A builder from options named as in {@link #toOptions()}; unknown names → IllegalArgumentException. */
    public static Builder fromOptions(Map<String, ?> options) {
        Builder b = builder();
        options.forEach(b::set);
        return b;
    }

    /** Fills a {@link TabNetParams} from pytorch-tabnet-like defaults; {@link #build()} validates. */
    public static final class Builder {
        private int nD = 8;
        private int nA = 8;
        private int nSteps = 3;
        private double gamma = 1.3;
        private int nShared = 2;
        private int nIndependent = 2;
        private double lambdaSparse = 1e-3;
        private int batchSize = 256;
        private int virtualBatchSize = 128;
        private double learningRate = 0.05;
        private int maxEpochs = 100;
        private int patience = 10;
        private double weightDecay = 0;
        private double momentum = 0.9;
        private int maxCategoryLevels = 64;
        private InputScaling inputScaling = InputScaling.QUANTILE;

        private Builder() {
        }

        public Builder nD(int v) { nD = v; return this; }
        public Builder nA(int v) { nA = v; return this; }
        public Builder nSteps(int v) { nSteps = v; return this; }
        public Builder gamma(double v) { gamma = v; return this; }
        public Builder nShared(int v) { nShared = v; return this; }
        public Builder nIndependent(int v) { nIndependent = v; return this; }
        public Builder lambdaSparse(double v) { lambdaSparse = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder virtualBatchSize(int v) { virtualBatchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder maxEpochs(int v) { maxEpochs = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder momentum(double v) { momentum = v; return this; }
        public Builder maxCategoryLevels(int v) { maxCategoryLevels = v; return this; }
        public Builder inputScaling(InputScaling v) { inputScaling = v; return this; }

        /** Sets one option by its name in {@link #toOptions()}. */
        public Builder set(String name, Object value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "n_d" -> nD = toInt(name, value);
                case "n_a" -> nA = toInt(name, value);
                case "n_steps" -> nSteps = toInt(name, value);
                case "gamma" -> gamma = toDouble(name, value);
                case "n_shared" -> nShared = toInt(name, value);
                case "n_independent" -> nIndependent = toInt(name, value);
                case "lambda_sparse" -> lambdaSparse = toDouble(name, value);
                case "batch_size" -> batchSize = toInt(name, value);
                case "virtual_batch_size" -> virtualBatchSize = toInt(name, value);
                case "learning_rate" -> learningRate = toDouble(name, value);
                case "max_epochs" -> maxEpochs = toInt(name, value);
                case "patience" -> patience = toInt(name, value);
                case "weight_decay" -> weightDecay = toDouble(name, value);
                case "momentum" -> momentum = toDouble(name, value);
                case "max_category_levels" -> maxCategoryLevels = toInt(name, value);
                case "input_scaling" -> inputScaling = InputScaling.parse(value);
                default -> throw new IllegalArgumentException("unknown TabNet option '" + name + "'; expected one of "
                        + defaults().toOptions().keySet());
            }
            return this;
        }

        public TabNetParams build() {
            return new TabNetParams(nD, nA, nSteps, gamma, nShared, nIndependent, lambdaSparse, batchSize,
                    virtualBatchSize, learningRate, maxEpochs, patience, weightDecay, momentum, maxCategoryLevels,
                    inputScaling);
        }
    }
}
