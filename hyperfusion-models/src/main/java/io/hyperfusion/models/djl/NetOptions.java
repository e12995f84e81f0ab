package io.hyperfusion.models.djl;

import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.Range;

/**
 * The optimisation options both neural families share ({@link NetFitter}'s settings and the input encoder's); each
 * family lists them in its own table, with its own defaults ({@link OptionSpec#withDefault}).
 */
public final class NetOptions {
    public static final OptionSpec<Integer> BATCH_SIZE = OptionSpec.integer("batch_size", 128, Range.atLeast(2))
            .doc("rows per optimisation step");
    public static final OptionSpec<Double> LEARNING_RATE = OptionSpec.number("learning_rate", 0.003, Range.positive())
            .nativeName("lr").doc("Adam's learning rate");
    public static final OptionSpec<Integer> MAX_EPOCHS = OptionSpec.integer("max_epochs", 100, Range.atLeast(1))
            .doc("epoch limit");
    public static final OptionSpec<Integer> PATIENCE = OptionSpec.integer("patience", 10, Range.atLeast(0))
            .doc("stop after this many epochs without a better validation score (0: off)");
    public static final OptionSpec<Double> WEIGHT_DECAY = OptionSpec.number("weight_decay", 1e-5, Range.atLeast(0))
            .doc("L2 weight decay in Adam");
    public static final OptionSpec<Integer> MAX_CATEGORY_LEVELS = OptionSpec.integer("max_category_levels", 64,
            Range.atLeast(1)).nativeName(null).doc("one-hot slots per categorical column (rarer levels share one)");

    private NetOptions() {
    }
}
