package io.hyperfusion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {

    private static ModelMetadata meta(String family) {
        Provenance p = new Provenance(family, Map.of("a", 1), "lib", "1.0", "17", 10, 5, 3, 1, 1, Instant.EPOCH,
                Map.of());
        return ModelMetadata.of(family, SyntheticRegression.SCHEMA, p, Map.of("modelFile", "m.bin"));
    }

    @Test
    void everyFamilyOfThisModuleIsRegisteredOnce() {
        assertEquals(java.util.Set.of("average", "catboost", "lightgbm", "mlp", "ridge", "tabnet", "xgboost"), ModelIO.families());
    }

    @Test
    void metadataRoundTrip(@TempDir Path dir) throws IOException {
        ModelMetadata m = meta("lightgbm");
        m.write(dir);
        assertEquals(m, ModelMetadata.read(dir));
    }

    @Test
    void unknownFamilyNamesTheFamilyAndTheKnownOnes(@TempDir Path dir) throws IOException {
        meta("no_such_family").write(dir);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(dir));
        assertTrue(e.getMessage().contains("'no_such_family'") && e.getMessage().contains("lightgbm"), e.getMessage());
    }

    @Test
    void missingModelJsonNamesTheFile(@TempDir Path dir) {
        var e = assertThrows(NoSuchFileException.class, () -> ModelIO.load(dir));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    void newerFormatIsRefused(@TempDir Path dir) throws IOException {
        meta("lightgbm").write(dir);
        Path f = dir.resolve("model.json");
        Files.writeString(f, Files.readString(f).replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(dir));
        assertTrue(e.getMessage().contains("format 9 is newer than this build supports (1)"), e.getMessage());
    }

    @Test
    void explicitRegistryDispatchesByFamilyAndRejectsDuplicates(@TempDir Path dir) throws IOException {
        meta("fake").write(dir);
        ModelFamily fake = new ModelFamily() {
            @Override public String name() { return "fake"; }
            @Override public String summary() { return "a test family"; }
            @Override public java.util.Optional<io.hyperfusion.models.options.OptionTable<?>> options() {
                return java.util.Optional.empty();
            }
            @Override public RegressionTrainer trainer(Map<String, ?> o, long seed, int threads) {
                throw new UnsupportedOperationException();
            }
            @Override public RegressionModel load(Path d, ModelMetadata m) {
                throw new UnsupportedOperationException("loaded " + m.stringProperty("modelFile"));
            }
        };
        var e = assertThrows(UnsupportedOperationException.class,
                () -> ModelIO.load(dir, ModelFamilies.registryOf(List.of(fake))));
        assertEquals("loaded m.bin", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelFamilies.registryOf(List.of(fake, fake)));
    }
}
