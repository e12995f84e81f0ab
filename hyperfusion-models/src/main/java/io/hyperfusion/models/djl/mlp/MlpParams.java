package io.hyperfusion.models.djl.mlp;

import static io.hyperfusion.models.djl.NetOptions.BATCH_SIZE;
import static io.hyperfusion.models.djl.NetOptions.LEARNING_RATE;
import static io.hyperfusion.models.djl.NetOptions.MAX_CATEGORY_LEVELS;
import static io.hyperfusion.models.djl.NetOptions.MAX_EPOCHS;
import static io.hyperfusion.models.djl.NetOptions.PATIENCE;
import static io.hyperfusion.models.djl.NetOptions.WEIGHT_DECAY;

import io.hyperfusion.models.djl.InputScaling;
import io.hyperfusion.models.djl.NetFitter;
import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.OptionTable;
import io.hyperfusion.models.options.Range;
import java.util.List;

/**
 * Hyperparameters of the feed-forward regressor with a learned key (author) embedding, declared once in
 * {@link #OPTIONS} and checked when built, with the bad value in the message. Dropout after Srivastava et al.
 * (JMLR 2014), batch norm after Ioffe &amp; Szegedy (ICML 2015), key dropout after the word dropout of Iyyer et al.
 * (ACL 2015). The options are the project's own (no library defines an MLP's options).
 */
public final class MlpParams extends FamilyOptions {
    public static final OptionSpec<List<Integer>> HIDDEN = OptionSpec.integers("hidden", List.of(64, 32),
            Range.atLeast(1)).nativeName(null).doc("widths of the hidden layers (ReLU), e.g. `[64, 32]`");
    public static final OptionSpec<Double> DROPOUT = OptionSpec.number("dropout", 0.1, Range.closedOpen(0, 1))
            .nativeName(null).doc("dropout rate after each hidden layer");
    public static final OptionSpec<Boolean> BATCH_NORM = OptionSpec.bool("batch_norm", true).nativeName(null)
            .doc("batch norm after each hidden linear layer");
    public static final OptionSpec<String> KEY_COLUMN = OptionSpec.text("key_column", null).nativeName(null)
            .doc("a categorical column (e.g. `user#author_code`) whose codes index a learned embedding");
    public static final OptionSpec<Integer> EMBEDDING_DIM = OptionSpec.integer("embedding_dim", 8, Range.atLeast(1))
            .nativeName(null).doc("width of the key embedding");
    public static final OptionSpec<Double> KEY_DROPOUT = OptionSpec.number("key_dropout", 0.05,
            Range.closedOpen(0, 1)).nativeName(null)
            .doc("share of training rows whose key is replaced by the unknown key, which so learns the average key");
    public static final OptionSpec<Integer> MAX_KEYS = OptionSpec.integer("max_keys", 100_000, Range.atLeast(1))
            .nativeName(null).doc("largest key vocabulary; larger, unseen or missing codes share the unknown key");

    /** Every MLP option, in a fixed order. */
    public static final OptionTable<MlpParams> OPTIONS = OptionTable.of(MlpTrainer.FAMILY, "MLP", MlpParams::new,
            v -> { }, HIDDEN, DROPOUT, BATCH_NORM, KEY_COLUMN, EMBEDDING_DIM, KEY_DROPOUT, MAX_KEYS,
            BATCH_SIZE.nativeName(null), LEARNING_RATE.nativeName(null), MAX_EPOCHS.nativeName(null),
            PATIENCE.nativeName(null), WEIGHT_DECAY.nativeName(null), MAX_CATEGORY_LEVELS, InputScaling.OPTION);

    private MlpParams(OptionTable.Values values) {
        super(values);
    }

    public List<Integer> hidden() { return get(HIDDEN); }
    public double dropout() { return get(DROPOUT); }
    public boolean batchNorm() { return get(BATCH_NORM); }
    /** The key column, or null for none. */
    public String keyColumn() { return get(KEY_COLUMN); }
    public int embeddingDim() { return get(EMBEDDING_DIM); }
    public double keyDropout() { return get(KEY_DROPOUT); }
    public int maxKeys() { return get(MAX_KEYS); }
    public int patience() { return get(PATIENCE); }
    public int maxCategoryLevels() { return get(MAX_CATEGORY_LEVELS); }
    public InputScaling inputScaling() { return get(InputScaling.OPTION); }

    NetFitter.Settings fitSettings() {
        return new NetFitter.Settings(get(BATCH_SIZE), get(LEARNING_RATE), get(WEIGHT_DECAY), get(MAX_EPOCHS),
                get(PATIENCE), 0);
    }
}
