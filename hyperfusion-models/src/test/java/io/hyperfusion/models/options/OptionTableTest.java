package io.hyperfusion.models.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.models.Json;
import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.models.ModelFamily;
import io.hyperfusion.models.djl.InputScaling;
import io.hyperfusion.models.djl.mlp.MlpParams;
import io.hyperfusion.models.djl.tabnet.TabNetParams;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The declared options of every family: settings survive the trip through provenance (normalised JSON maps) and text
 * from a configuration file; the rules between options and the range words in the messages. Out-of-range values per
 * option are checked for every family by {@code FamilyContractTest}.
 */
class OptionTableTest {

    @Test
    void everyFamilysDefaultsAndChangedSettingsRoundTripThroughProvenanceJson() {
        for (ModelFamily f : ModelFamilies.all().values()) {
            f.options().filter(t -> !t.family().equals("catboost")).ifPresent(t -> {
                FamilyOptions d = t.defaults();
                assertEquals(d, t.parse(Json.normaliseOptions(d.toOptions())), t.family());
                assertEquals(t.specs().size(), d.toOptions().size(), t.family());
            });
        }
        LightGbmParams p = LightGbmParams.OPTIONS.builder().set("objective", "huber").set("num_iterations", 77)
                .set("learning_rate", 1e-4).set("early_stopping_rounds", 5).set("alpha", 1.5).build();
        assertEquals(p, LightGbmParams.OPTIONS.parse(Json.normaliseOptions(p.toOptions())));
        assertEquals(p, LightGbmParams.OPTIONS.builder(p).build());
        MlpParams m = MlpParams.OPTIONS.builder().set("hidden", List.of(8, 4)).set("key_column", "user#author_code").build();
        assertEquals(m, MlpParams.OPTIONS.parse(Json.normaliseOptions(m.toOptions())));
    }

    @Test
    void textFromAConfigurationFileIsParsed() {
        LightGbmParams p = LightGbmParams.OPTIONS.parse(Map.of("objective", "REGRESSION_L1", "num_leaves", "7",
                "learning_rate", " 0.2 "));
        assertEquals(LightGbmParams.Objective.REGRESSION_L1, p.objective());
        assertEquals(7, p.toOptions().get("num_leaves"));
        assertEquals(List.of(64, 32), MlpParams.OPTIONS.builder().set("hidden", "64, 32").build().hidden());
        assertEquals(InputScaling.STANDARD, TabNetParams.OPTIONS.parse(Map.of("input_scaling", "STANDARD"))
                .inputScaling());
        assertEquals(null, MlpParams.OPTIONS.builder().set("key_column", " ").build().keyColumn());
    }

    @Test
    void messagesNameTheOptionTheRangeAndTheValue() {
        assertMessage("num_leaves: expected an integer in [2, 131072], got 1",
                () -> LightGbmParams.OPTIONS.parse(Map.of("num_leaves", 1)));
        assertMessage("max_depth: expected an integer -1 (no limit) or >= 1, got 0",
                () -> LightGbmParams.OPTIONS.parse(Map.of("max_depth", 0)));
        assertMessage("learning_rate: expected a value in (0, 1], got 1.5",
                () -> LightGbmParams.OPTIONS.parse(Map.of("learning_rate", 1.5)));
        assertMessage("learning_rate: expected a value in (0, 1], got NaN",
                () -> LightGbmParams.OPTIONS.parse(Map.of("learning_rate", "NaN")));
        assertMessage("num_leaves: expected an integer, got 7.5",
                () -> LightGbmParams.OPTIONS.parse(Map.of("num_leaves", "7.5")));
        assertMessage("n_steps: expected a number, got 'x'", () -> TabNetParams.OPTIONS.parse(Map.of("n_steps", "x")));
        assertMessage("virtual_batch_size: expected <= batch_size 64, got 128",
                () -> TabNetParams.OPTIONS.parse(Map.of("batch_size", 64)));
        assertMessage("n_shared + n_independent", () -> TabNetParams.OPTIONS.parse(Map.of("n_shared", 0,
                "n_independent", 0)));
        assertMessage("categorical_mode: expected one of ['ordinal', 'native'], got 'onehot'",
                () -> LightGbmParams.OPTIONS.parse(Map.of("categorical_mode", "onehot")));
        assertMessage("hidden: expected at least one integer", () -> MlpParams.OPTIONS.parse(Map.of("hidden", List.of())));
        assertMessage("unknown TabNet option 'nd'; expected one of [n_d, n_a",
                () -> TabNetParams.OPTIONS.parse(Map.of("nd", 8)));
        assertMessage("models: expected the folder", () -> ModelFamilies.trainer("catboost", Map.of(), 1, 1));
        assertMessage("unknown model family 'lgbm'; known: [catboost, lightgbm, mlp, ridge, tabnet, xgboost]",
                () -> ModelFamilies.trainer("lgbm", Map.of(), 1, 1));
        assertMessage("family 'average' cannot be a configuration member",
                () -> ModelFamilies.trainer("average", Map.of(), 1, 1));
    }

    @Test
    void theDocsTableHasARowPerOptionWithItsNativeName() {
        List<String> rows = LightGbmParams.OPTIONS.markdownRows();
        assertEquals(LightGbmParams.OPTIONS.specs().size(), rows.size());
        assertTrue(rows.contains("| `num_leaves` | integer | in [2, 131072] | `31` | `num_leaves` | leaves per tree |"),
                rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("| `categorical_mode` | choice | ordinal, native | "
                + "`ordinal` | (ours) |")), rows.toString());
    }

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
}
