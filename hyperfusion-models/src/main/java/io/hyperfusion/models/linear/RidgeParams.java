package io.hyperfusion.models.linear;

import io.hyperfusion.models.djl.InputScaling;
import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.OptionTable;
import io.hyperfusion.models.options.Range;

/**
 * Settings of the ridge regressor, declared once in {@link #OPTIONS}. The penalty is not set but chosen per fit
 * from a log-spaced grid by generalised cross-validation (Golub, Heath &amp; Wahba, Technometrics 1979), as
 * scikit-learn's {@code RidgeCV} chooses it without refitting. The options are the project's own.
 */
public final class RidgeParams extends FamilyOptions {
    public static final OptionSpec<Double> ALPHA_MIN = OptionSpec.number("alpha_min", 1e-2, Range.positive())
            .nativeName(null).doc("smallest L2 penalty of the grid, relative to the row count (penalty = alpha × rows)");
    public static final OptionSpec<Double> ALPHA_MAX = OptionSpec.number("alpha_max", 1e3, Range.positive())
            .nativeName(null).doc("largest L2 penalty of the grid, relative to the row count");
    public static final OptionSpec<Integer> ALPHA_STEPS = OptionSpec.integer("alpha_steps", 16, Range.atLeast(1))
            .nativeName(null).doc("penalties in the log-spaced grid; the one with the lowest GCV error is kept");
    public static final OptionSpec<String> IGNORE_COLUMN = OptionSpec.text("ignore_column", "user#author_code")
            .nativeName(null).doc("a categorical column left out (an identity code such as the author's has no linear "
                    + "meaning); `none` keeps every column");
    public static final OptionSpec<Integer> MAX_CATEGORY_LEVELS = OptionSpec.integer("max_category_levels", 64,
            Range.atLeast(1)).nativeName(null).doc("one-hot slots per categorical column (larger codes share one)");

    /** Every ridge option, in a fixed order. */
    public static final OptionTable<RidgeParams> OPTIONS = OptionTable.of(RidgeTrainer.FAMILY, "ridge",
            RidgeParams::new, v -> {
                if (v.get(ALPHA_MIN) > v.get(ALPHA_MAX)) {
                    throw new IllegalArgumentException("ridge: alpha_min " + v.get(ALPHA_MIN) + " is above alpha_max "
                            + v.get(ALPHA_MAX));
                }
            }, ALPHA_MIN, ALPHA_MAX, ALPHA_STEPS, IGNORE_COLUMN, MAX_CATEGORY_LEVELS, InputScaling.OPTION);

    private RidgeParams(OptionTable.Values values) {
        super(values);
    }

    /** The penalties tried, ascending, each relative to the row count. */
    public double[] alphas() {
        int k = get(ALPHA_STEPS);
        double lo = Math.log(get(ALPHA_MIN));
        double hi = Math.log(get(ALPHA_MAX));
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            a[i] = Math.exp(k == 1 ? lo : lo + (hi - lo) * i / (k - 1));
        }
        return a;
    }

    /** The column left out, or null. */
    public String ignoreColumn() {
        String c = get(IGNORE_COLUMN);
        return c == null || c.equals("none") || c.isBlank() ? null : c;
    }

    public int maxCategoryLevels() { return get(MAX_CATEGORY_LEVELS); }

    public InputScaling inputScaling() { return get(InputScaling.OPTION); }
}
