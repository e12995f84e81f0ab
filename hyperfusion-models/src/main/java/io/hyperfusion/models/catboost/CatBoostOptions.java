package io.hyperfusion.models.catboost;

import io.hyperfusion.models.options.FamilyOptions;
import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.OptionTable;

/** The options of a {@code catboost} configuration member: where its exported tables and trained models are. */
public final class CatBoostOptions extends FamilyOptions {
    public static final OptionSpec<String> MODELS = OptionSpec.text("models", null).nativeName(null)
            .doc("required: the folder of the member's exported tables, `tables.json` and the `.cbm` models "
                    + "Python trained on them");

    /** Every option of a catboost member. */
    public static final OptionTable<CatBoostOptions> OPTIONS = OptionTable.of(CatBoostImport.FAMILY, "CatBoost",
            CatBoostOptions::new, v -> {
                if (v.get(MODELS) == null) {
                    throw new IllegalArgumentException("models: expected the folder of the member's CatBoost models "
                            + "(export-features --catboost-tables; docs/CATBOOST.md), got none");
                }
            }, MODELS);

    private CatBoostOptions(OptionTable.Values values) {
        super(values);
    }

    /** The folder of tables and models. */
    public String models() { return get(MODELS); }
}
