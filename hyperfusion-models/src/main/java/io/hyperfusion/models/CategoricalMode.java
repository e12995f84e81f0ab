package io.hyperfusion.models;

import io.hyperfusion.models.options.OptionChoice;
import io.hyperfusion.models.options.OptionSpec;
import java.util.Locale;

/**
 * How a gradient-boosted-trees family treats the schema's categorical columns (option {@code categorical_mode}).
 *
 * <p>The feature pipeline codes categoricals by frequency ({@link io.hyperfusion.features.Vocabulary}: code 0 is
 * the most frequent value, and values unseen in training share the last code, "other"), so the codes are ordered
 * by how common a value is and an unseen value sorts with the rarest ones.
 *
 * <ul>
 *   <li>{@link #ORDINAL} (the default): the codes go in as numbers, so splits are "more or less frequent than".
 *       On the 10k-post benchmark world this beat native categoricals for both LightGBM (test SRC 0.747 vs
 *       0.712) and XGBoost (0.746 vs 0.267: with native categoricals the one code of all new authors went down
 *       one branch of every author split); see docs/BENCHMARKS.md.</li>
 *   <li>{@link #NATIVE}: the library's own categorical splits (LightGBM {@code categorical_feature}, XGBoost
 *       feature type {@code c}), which partition the levels into arbitrary subsets.</li>
 * </ul>
 * Target statistics of the high-cardinality fields (CatBoost's idea) come from the feature pipeline either way.
 */
public enum CategoricalMode implements OptionChoice {
    /** Frequency-ranked codes as numbers. */
    ORDINAL,
    /** The library's native categorical splits. */
    NATIVE;

    /** The {@code categorical_mode} option of the boosted-tree families (the project's own, not the library's). */
    public static final OptionSpec<CategoricalMode> OPTION = OptionSpec.choice("categorical_mode",
            CategoricalMode.class, ORDINAL).nativeName(null)
            .doc("categorical columns as frequency-ranked codes (`ordinal`) or the library's own categorical splits");

    /** The option value: {@code ordinal} or {@code native}. */
    @Override
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an option value; the message names the option and the choices. */
    public static CategoricalMode parse(Object value) {
        return OPTION.parse(value);
    }

    /** The mode a model saved with these provenance options was trained with (saved before the option: native). */
    public static CategoricalMode ofOptions(java.util.Map<String, ?> options) {
        Object v = options.get("categorical_mode");
        return v == null ? NATIVE : parse(v);
    }
}
