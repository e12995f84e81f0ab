package io.hyperfusion.models.djl.tabnet;

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

/**
 * TabNet hyperparameters (Arik &amp; Pfister, "TabNet: Attentive Interpretable Tabular Learning", AAAI 2021), declared
 * once in {@link #OPTIONS} and checked when built, with the bad value in the message; names follow the paper and
 * pytorch-tabnet ({@code n_d}, {@code n_a}, {@code gamma}, {@code lambda_sparse}...).
 */
public final class TabNetParams extends FamilyOptions {
    public static final OptionSpec<Integer> N_D = OptionSpec.integer("n_d", 8, Range.atLeast(1))
            .doc("decision width N_d");
    public static final OptionSpec<Integer> N_A = OptionSpec.integer("n_a", 8, Range.atLeast(1))
            .doc("attention width N_a");
    public static final OptionSpec<Integer> N_STEPS = OptionSpec.integer("n_steps", 3, Range.atLeast(1))
            .doc("decision steps");
    public static final OptionSpec<Double> GAMMA = OptionSpec.number("gamma", 1.3, Range.atLeast(1))
            .doc("prior-scale relaxation (1: each feature used in one step only)");
    public static final OptionSpec<Integer> N_SHARED = OptionSpec.integer("n_shared", 2, Range.atLeast(0))
            .doc("GLU layers shared by every step's feature transformer");
    public static final OptionSpec<Integer> N_INDEPENDENT = OptionSpec.integer("n_independent", 2, Range.atLeast(0))
            .doc("step-specific GLU layers per feature transformer");
    public static final OptionSpec<Double> LAMBDA_SPARSE = OptionSpec.number("lambda_sparse", 1e-3, Range.atLeast(0))
            .doc("weight of the mask-entropy sparsity loss");
    public static final OptionSpec<Integer> VIRTUAL_BATCH_SIZE = OptionSpec.integer("virtual_batch_size", 128,
            Range.atLeast(2)).doc("rows per ghost batch-norm chunk (at most `batch_size`)");
    public static final OptionSpec<Double> MOMENTUM = OptionSpec.number("momentum", 0.9, Range.closedOpen(0, 1))
            .doc("batch-norm running-statistics momentum (DJL convention: the weight of the old value)");

    /** Every TabNet option, in a fixed order. */
    public static final OptionTable<TabNetParams> OPTIONS = OptionTable.of(TabNetTrainer.FAMILY, "TabNet",
            TabNetParams::new, TabNetParams::checkRules, N_D, N_A, N_STEPS, GAMMA, N_SHARED, N_INDEPENDENT,
            LAMBDA_SPARSE, BATCH_SIZE.withDefault(256), VIRTUAL_BATCH_SIZE, LEARNING_RATE.withDefault(0.05),
            MAX_EPOCHS, PATIENCE, WEIGHT_DECAY.withDefault(0.0), MOMENTUM, MAX_CATEGORY_LEVELS, InputScaling.OPTION);

    private TabNetParams(OptionTable.Values values) {
        super(values);
    }

    private static void checkRules(OptionTable.Values v) {
        if (v.get(N_SHARED) + v.get(N_INDEPENDENT) < 1) {
            throw new IllegalArgumentException("n_shared + n_independent: expected >= 1 GLU layer, got "
                    + v.get(N_SHARED) + " + " + v.get(N_INDEPENDENT));
        }
        if (v.get(VIRTUAL_BATCH_SIZE) > v.get(BATCH_SIZE)) {
            throw new IllegalArgumentException("virtual_batch_size: expected <= batch_size " + v.get(BATCH_SIZE)
                    + ", got " + v.get(VIRTUAL_BATCH_SIZE));
        }
    }

    public int nD() { return get(N_D); }
    public int nA() { return get(N_A); }
    public int nSteps() { return get(N_STEPS); }
    public double gamma() { return get(GAMMA); }
    public int nShared() { return get(N_SHARED); }
    public int nIndependent() { return get(N_INDEPENDENT); }
    public int virtualBatchSize() { return get(VIRTUAL_BATCH_SIZE); }
    public double momentum() { return get(MOMENTUM); }
    public int patience() { return get(PATIENCE); }
    public int maxCategoryLevels() { return get(MAX_CATEGORY_LEVELS); }
    public InputScaling inputScaling() { return get(InputScaling.OPTION); }

    /** The optimisation settings for {@link NetFitter}; the sparsity loss is the auxiliary term. */
    NetFitter.Settings fitSettings() {
        return new NetFitter.Settings(get(BATCH_SIZE), get(LEARNING_RATE), get(WEIGHT_DECAY), get(MAX_EPOCHS),
                get(PATIENCE), get(LAMBDA_SPARSE));
    }
}
