package io.hyperfusion.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import org.junit.jupiter.api.Test;

class TrainCommandConfigTest {

    @Test
    void foldFlagsChangeTheFoldsOnly() {
        HierarchyConfig d = HierarchyConfig.defaults(7);
        HierarchyConfig c = EnsembleOptions.config(null, 7, "all", null, 3, "time", null, false);
        assertEquals(3, c.folds());
        assertEquals("time", c.foldScheme());
        // Everything else stays the default's (the flags once rebuilt the configuration and lost these).
        assertEquals(d.withFolds(3, "time"), c);
        assertEquals(d.refitBlend(), c.refitBlend());
        assertEquals(d.blend(), c.blend());
    }

    @Test
    void otherFlagsApply() {
        HierarchyConfig c = EnsembleOptions.config(null, 9, "all,-cluster", 2, null, null, 1, true);
        assertEquals(9, c.seed());
        assertEquals("all,-cluster", c.features());
        assertEquals(2, c.threads());
        assertEquals(1, c.pseudo().rounds());
        assertFalse(c.refit());
    }
}
