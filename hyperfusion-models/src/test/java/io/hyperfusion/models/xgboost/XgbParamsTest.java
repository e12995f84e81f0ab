package io.hyperfusion.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation and option round trips of {@link XgbParams}. */
class XgbParamsTest {

    @Test
    void optionsRoundTrip() {
        XgbParams p = XgbParams.builder().objective(XgbParams.Objective.PSEUDO_HUBER_ERROR).numRounds(7).eta(0.2)
                .maxDepth(3).subsample(0.5).earlyStoppingRounds(4).treeMethod(XgbParams.TreeMethod.APPROX)
                .huberSlope(2).build();
        assertEquals(p, XgbParams.fromOptions(p.toOptions()).build());
        assertEquals("reg:pseudohubererror", p.toOptions().get("objective"));
        assertEquals(2.0, p.nativeParameters().get("huber_slope"));
        assertEquals("mphe", p.nativeParameters().get("eval_metric"));
    }

    @Test
    void badValuesNameTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XgbParams.builder().subsample(0).build());
        assertTrue(e.getMessage().contains("subsample") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XgbParams.fromOptions(Map.of("num_round", "x")));
        assertTrue(e.getMessage().contains("num_round"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XgbParams.fromOptions(Map.of("gamma", 1)));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> XgbParams.fromOptions(Map.of("objective", "reg:tweedie")));
        assertTrue(e.getMessage().contains("reg:tweedie"), e.getMessage());
    }
}
