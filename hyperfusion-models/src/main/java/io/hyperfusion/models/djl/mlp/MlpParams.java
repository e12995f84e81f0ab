package io.hyperfusion.models.djl.mlp;

import static io.hyperfusion.models.Options.atLeast;
import static io.hyperfusion.models.Options.inRange;
import static io.hyperfusion.models.Options.nonNegative;
import static io.hyperfusion.models.Options.positive;
import static io.hyperfusion.models.Options.toBoolean;
import static io.hyperfusion.models.Options.toDouble;
import static io.hyperfusion.models.Options.toInt;

import io.hyperfusion.models.djl.InputScaling;
import io.hyperfusion.models.djl.NetFitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperparameters of the feed-forward regressor with a learned key (author) embedding, checked once in the
 * compact constructor with the bad value in the message.
 *
 * @param hidden            widths of the hidden layers (ReLU), e.g. {@code [64, 32]}
 * @param dropout           dropout rate after each hidden layer (Srivastava et al., JMLR 2014), in [0, 1)
 * @param batchNorm         batch norm (Ioffe &amp; Szegedy, ICML 2015) after each hidden linear layer
 * @param keyColumn         a categorical column whose codes index a learned embedding (e.g.
 *                          {@code user#author_code}), excluded from the dense input; null for none
 * @param embeddingDim      width of the key embedding
 * @param keyDropout        share of training rows whose key is replaced by the unknown key, so the unknown row
 *                          learns the average key (word dropout, Iyyer et al., ACL 2015), in [0, 1)
 * @param maxKeys           largest key vocabulary; codes {@code >= maxKeys}, unseen codes and NaN share one
 *                          unknown-key row
 * @param batchSize         rows per optimisation step
 * @param learningRate      Adam learning rate
 * @param maxEpochs         epoch limit
 * @param patience          early-stopping patience in epochs (0 = none; needs a validation set)
 * @param weightDecay       L2 weight decay in Adam
 * @param maxCategoryLevels one-hot slots per other categorical column
 * @param inputScaling      how numeric inputs are scaled ({@code input_scaling})
 */
public record MlpParams(List<Integer> hidden, double dropout, boolean batchNorm, String keyColumn, int embeddingDim,
                        double keyDropout, int maxKeys, int batchSize, double learningRate, int maxEpochs, int patience,
                        double weightDecay, int maxCategoryLevels, InputScaling inputScaling) {

    public MlpParams {
        java.util.Objects.requireNonNull(inputScaling, "input_scaling");
        if (hidden == null || hidden.isEmpty()) {
            throw new IllegalArgumentException("hidden: expected at least one hidden layer width, got " + hidden);
        }
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            atLeast("hidden layer width", h, 1);
        }
        inRange("dropout", dropout, 0, 1);
        if (keyColumn != null && keyColumn.isBlank()) {
            keyColumn = null;
        }
        atLeast("embedding_dim", embeddingDim, 1);
        inRange("key_dropout", keyDropout, 0, 1);
        atLeast("max_keys", maxKeys, 1);
        atLeast("batch_size", batchSize, 2);
        positive("learning_rate", learningRate);
        atLeast("max_epochs", maxEpochs, 1);
        atLeast("patience", patience, 0);
        nonNegative("weight_decay", weightDecay);
        atLeast("max_category_levels", maxCategoryLevels, 1);
    }

    public static MlpParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return fromOptions(toOptions());
    }

    NetFitter.Settings fitSettings() {
        return new NetFitter.Settings(batchSize, learningRate, weightDecay, maxEpochs, patience, 0);
    }

    /** The settings under their option names, in a fixed order ({@code key_column} null when absent). */
    public Map<String, Object> toOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", hidden);
        m.put("dropout", dropout);
        m.put("batch_norm", batchNorm);
        m.put("key_column", keyColumn);
        m.put("embedding_dim", embeddingDim);
        m.put("key_dropout", keyDropout);
        m.put("max_keys", maxKeys);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("max_epochs", maxEpochs);
        m.put("patience", patience);
        m.put("weight_decay", weightDecay);
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

    /** Fills an {@link MlpParams}; {@link #build()} validates. */
    public static final class Builder {
        private List<Integer> hidden = List.of(64, 32);
        private double dropout = 0.1;
        private boolean batchNorm = true;
        private String keyColumn;
        private int embeddingDim = 8;
        private double keyDropout = 0.05;
        private int maxKeys = 100_000;
        private int batchSize = 128;
        private double learningRate = 0.003;
        private int maxEpochs = 100;
        private int patience = 10;
        private double weightDecay = 1e-5;
        private int maxCategoryLevels = 64;
        private InputScaling inputScaling = InputScaling.QUANTILE;

        private Builder() {
        }

        public Builder hidden(Integer... widths) { hidden = List.of(widths); return this; }
        public Builder hidden(List<Integer> v) { hidden = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder batchNorm(boolean v) { batchNorm = v; return this; }
        public Builder keyColumn(String v) { keyColumn = v; return this; }
        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder keyDropout(double v) { keyDropout = v; return this; }
        public Builder maxKeys(int v) { maxKeys = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder maxEpochs(int v) { maxEpochs = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder maxCategoryLevels(int v) { maxCategoryLevels = v; return this; }
        public Builder inputScaling(InputScaling v) { inputScaling = v; return this; }

        /** Sets one option by its name in {@link #toOptions()}. */
        public Builder set(String name, Object value) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "hidden" -> hidden = parseWidths(value);
                case "dropout" -> dropout = toDouble(name, value);
                case "batch_norm" -> batchNorm = toBoolean(name, value);
                case "key_column" -> keyColumn = value == null ? null : String.valueOf(value);
                case "embedding_dim" -> embeddingDim = toInt(name, value);
                case "key_dropout" -> keyDropout = toDouble(name, value);
                case "max_keys" -> maxKeys = toInt(name, value);
                case "batch_size" -> batchSize = toInt(name, value);
                case "learning_rate" -> learningRate = toDouble(name, value);
                case "max_epochs" -> maxEpochs = toInt(name, value);
                case "patience" -> patience = toInt(name, value);
                case "weight_decay" -> weightDecay = toDouble(name, value);
                case "max_category_levels" -> maxCategoryLevels = toInt(name, value);
                case "input_scaling" -> inputScaling = InputScaling.parse(value);
                default -> throw new IllegalArgumentException("unknown MLP option '" + name + "'; expected one of "
                        + defaults().toOptions().keySet());
            }
            return this;
        }

        /** Widths from a list of numbers or text such as {@code "64,32"}. */
        private static List<Integer> parseWidths(Object v) {
            List<Integer> out = new ArrayList<>();
            if (v instanceof List<?> list) {
                list.forEach(e -> out.add(toInt("hidden", e)));
            } else {
                for (String part : String.valueOf(v).split(",")) {
                    out.add(toInt("hidden", part.trim()));
                }
            }
            return out;
        }

        public MlpParams build() {
            return new MlpParams(hidden, dropout, batchNorm, keyColumn, embeddingDim, keyDropout, maxKeys, batchSize,
                    learningRate, maxEpochs, patience, weightDecay, maxCategoryLevels,
                    inputScaling);
        }
    }
}
