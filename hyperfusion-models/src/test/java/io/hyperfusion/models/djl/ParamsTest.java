package io.hyperfusion.models.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.models.Json;
import io.hyperfusion.models.djl.mlp.MlpParams;
import io.hyperfusion.models.djl.tabnet.TabNetParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation and option round trips of {@link TabNetParams} and {@link MlpParams}. */
class ParamsTest {

    @Test
    void optionsRoundTripThroughNormalisedJsonMaps() {
        TabNetParams t = TabNetParams.builder().nD(16).gamma(1.5).lambdaSparse(1e-4).build();
        assertEquals(t, TabNetParams.fromOptions(Json.normaliseOptions(t.toOptions())).build());
        MlpParams m = MlpParams.builder().hidden(8, 4).keyColumn("user#author_code").batchNorm(false).build();
        assertEquals(m, MlpParams.fromOptions(Json.normaliseOptions(m.toOptions())).build());
        assertEquals(MlpParams.defaults(), MlpParams.fromOptions(Json.normaliseOptions(
                MlpParams.defaults().toOptions())).build());
        assertEquals(java.util.List.of(64, 32), MlpParams.builder().set("hidden", "64, 32").build().hidden());
    }

    @Test
    void badValuesAreNamedInTheMessage() {
        assertMessage("gamma", () -> TabNetParams.builder().gamma(0.5).build());
        assertMessage("virtual_batch_size", () -> TabNetParams.builder().batchSize(64).virtualBatchSize(128).build());
        assertMessage("n_shared + n_independent", () -> TabNetParams.builder().nShared(0).nIndependent(0).build());
        assertMessage("learning_rate", () -> TabNetParams.builder().learningRate(0).build());
        assertMessage("dropout", () -> MlpParams.builder().dropout(1).build());
        assertMessage("hidden", () -> MlpParams.builder().hidden(java.util.List.of()).build());
        assertMessage("unknown TabNet option 'nd'", () -> TabNetParams.fromOptions(Map.of("nd", 8)));
        assertMessage("n_steps: expected an integer", () -> TabNetParams.fromOptions(Map.of("n_steps", 2.5)));
        assertMessage("input_scaling: expected one of ['quantile', 'standard'], got 'minmax'",
                () -> MlpParams.fromOptions(Map.of("input_scaling", "minmax")));
        assertMessage("categorical_mode: expected one of ['ordinal', 'native'], got 'onehot'",
                () -> io.hyperfusion.models.lightgbm.LightGbmParams.fromOptions(Map.of("categorical_mode", "onehot")));
        assertMessage("categorical_mode", () -> io.hyperfusion.models.xgboost.XgbParams.fromOptions(
                Map.of("categorical_mode", 3)));
        assertEquals(InputScaling.STANDARD, TabNetParams.fromOptions(Map.of("input_scaling", "STANDARD")).build()
                .inputScaling());
    }

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }
}
