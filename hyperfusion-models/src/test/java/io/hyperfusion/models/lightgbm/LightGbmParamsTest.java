package io.hyperfusion.models.lightgbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.models.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LightGbmParamsTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void badValuesAreNamedWithTheValue() {
        assertTrue(message(() -> LightGbmParams.builder().learningRate(0).build()).contains("learning_rate")
                && message(() -> LightGbmParams.builder().learningRate(1.5).build()).contains("1.5"));
        assertTrue(message(() -> LightGbmParams.builder().learningRate(Double.NaN).build()).contains("NaN"));
        assertTrue(message(() -> LightGbmParams.builder().numLeaves(1).build()).contains("num_leaves: expected 2..131072, got 1"));
        assertTrue(message(() -> LightGbmParams.builder().numIterations(0).build()).contains("num_iterations"));
        assertTrue(message(() -> LightGbmParams.builder().bagging(0, 1).build()).contains("bagging_fraction"));
        assertTrue(message(() -> LightGbmParams.builder().maxBin(1).build()).contains("max_bin"));
        assertTrue(message(() -> LightGbmParams.builder().lambdaL2(-1).build()).contains("lambda_l2"));
        assertTrue(message(() -> LightGbmParams.builder().maxDepth(0).build()).contains("max_depth"));
        assertTrue(message(() -> new LightGbmTrainer(LightGbmParams.defaults(), 1, 0)).contains("threads"));
    }

    @Test
    void optionsRoundTripIncludingThroughJsonNormalisation() {
        LightGbmParams p = LightGbmParams.builder().objective(LightGbmParams.Objective.HUBER).numIterations(77)
                .learningRate(1e-4).numLeaves(63).earlyStoppingRounds(5).huberAlpha(1.5).build();
        assertEquals(p, LightGbmParams.fromOptions(p.toOptions()).build());
        assertEquals(p, LightGbmParams.fromOptions(Json.normaliseOptions(p.toOptions())).build());
        assertEquals(p, p.toBuilder().build());
    }

    @Test
    void optionsFromAConfigFileAcceptStrings() {
        LightGbmParams p = LightGbmParams.fromOptions(Map.of("objective", "regression_l1", "num_leaves", "7",
                "learning_rate", "0.2")).build();
        assertEquals(LightGbmParams.Objective.REGRESSION_L1, p.objective());
        assertEquals(7, p.numLeaves());
        assertTrue(message(() -> LightGbmParams.fromOptions(Map.of("num_leaves", "7.5"))).contains("integer"));
        assertTrue(message(() -> LightGbmParams.fromOptions(Map.of("leaves", 3))).contains("unknown LightGBM option 'leaves'"));
        assertTrue(message(() -> LightGbmParams.fromOptions(Map.of("objective", "poisson"))).contains("'poisson'"));
    }

    @Test
    void nativeParametersUsePlainDecimals() {
        String s = LightGbmParams.builder().learningRate(1e-4).build().nativeTrainingParameters();
        assertTrue(s.contains("learning_rate=0.0001") && s.contains("metric=l2"), s);
    }
}
