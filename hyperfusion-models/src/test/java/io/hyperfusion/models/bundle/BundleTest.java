package io.hyperfusion.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.lightgbm.LightGbmModel;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    @TempDir
    Path tmp;

    private static Manifest partial() {
        return Manifest.forRun(Map.of("tier1.lightgbm.num_leaves", 15, "folds", 5), 2024L)
                .withLibraryVersions(Map.of("lightgbm4j", "4.3.0-1"))
                .withInputs(List.of(new Manifest.InputFile("train_img_filepath.txt", "ab".repeat(32), 305613)))
                .withTrainingMetrics(Map.of("valid_spearman", 0.71, "valid_mae", 1.23))
                .withExtra(Map.of("note", "test"));
    }

    private static BundleContents twoFiles(String text) {
        return dir -> {
            Files.createDirectories(dir.resolve("tier1/a"));
            Files.writeString(dir.resolve("tier1/a/weights.txt"), text);
            Files.writeString(dir.resolve("readme.txt"), "hello");
        };
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void roundTripWithARealModel() throws IOException {
        SyntheticRegression.Data d = SyntheticRegression.nonlinear(300, 0.5, 3);
        LightGbmTrainer trainer = new LightGbmTrainer(LightGbmParams.OPTIONS.builder().set("num_iterations", 20).build(), 5, 1);
        try (LightGbmModel model = trainer.train(d.training())) {
            Path target = tmp.resolve("bundle");
            Bundle written = BundleWriter.write(target, partial(), dir -> model.save(dir.resolve("tier1/lightgbm")));
            assertEquals(List.of("bundle"), siblings(), "no temp dirs left beside the target");
            assertEquals(List.of("tier1/lightgbm/model.json", "tier1/lightgbm/model.txt"),
                    List.copyOf(written.manifest().files().keySet()));

            Bundle read = BundleReader.open(target);
            assertEquals(written.manifest(), read.manifest());
            assertEquals(2024L, read.manifest().seed());
            assertEquals(15L, read.manifest().options().get("tier1.lightgbm.num_leaves"));
            assertEquals(Manifest.CURRENT_FORMAT, read.manifest().formatVersion());
            assertFalse(read.manifest().projectVersion().isBlank());
            try (RegressionModel loaded = ModelIO.load(read.resolve("tier1/lightgbm"))) {
                assertArrayEquals(model.predict(d.x()), loaded.predict(d.x()));
            }
        }
    }

    @Test
    void tamperedFileIsNamedWithBothHashes() throws IOException {
        Path target = tmp.resolve("b");
        Bundle b = BundleWriter.write(target, partial(), twoFiles("1 2 3"));
        String expected = b.manifest().files().get("tier1/a/weights.txt");
        Files.writeString(target.resolve("tier1/a/weights.txt"), "1 2 4");
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(target));
        assertTrue(e.getMessage().contains("tier1/a/weights.txt") && e.getMessage().contains(expected)
                && e.getMessage().contains(BundleFiles.sha256(target.resolve("tier1/a/weights.txt"))), e.getMessage());
    }

    @Test
    void listedButMissingFileIsAnError() throws IOException {
        Path target = tmp.resolve("b");
        BundleWriter.write(target, partial(), twoFiles("x"));
        Files.delete(target.resolve("readme.txt"));
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(target));
        assertTrue(e.getMessage().contains("readme.txt") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void missingManifestNamesThePath() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("not-a-bundle"));
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.open(dir));
        assertTrue(e.getMessage().contains(dir.resolve("manifest.json").toString()), e.getMessage());
        assertTrue(assertThrows(BundleException.class, () -> BundleReader.open(tmp.resolve("nowhere")))
                .getMessage().contains("does not exist"));
    }

    @Test
    void futureAndUnknownFormatVersionsAreRefused() throws IOException {
        Path target = tmp.resolve("b");
        BundleWriter.write(target, partial(), twoFiles("x"));
        Path mf = target.resolve("manifest.json");
        String json = Files.readString(mf);
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
        Files.writeString(mf, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        assertTrue(assertThrows(BundleException.class, () -> BundleReader.open(target)).getMessage()
                .contains("bundle format 2 is newer than this build supports (1)"));
        Files.writeString(mf, json.replace("\"formatVersion\" : 1", "\"formatVersion\" : \"one\""));
        assertTrue(assertThrows(BundleException.class, () -> BundleReader.open(target)).getMessage()
                .contains("unknown bundle format"));
        Files.writeString(mf, "{ not json");
        assertTrue(assertThrows(BundleException.class, () -> BundleReader.open(target)).getMessage()
                .contains("not valid JSON"));
    }

    @Test
    void failureInsideContentsLeavesTheExistingBundleUntouched() throws IOException {
        Path target = tmp.resolve("b");
        Bundle old = BundleWriter.write(target, partial(), twoFiles("old"));
        IOException boom = assertThrows(IOException.class, () -> BundleWriter.write(target, partial(), dir -> {
            Files.writeString(dir.resolve("half.txt"), "partial");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", boom.getMessage());
        assertEquals(List.of("b"), siblings(), "temp dir must be removed");
        assertEquals(old.manifest(), BundleReader.open(target).manifest());
        assertEquals("old", Files.readString(target.resolve("tier1/a/weights.txt")));
        assertFalse(Files.exists(target.resolve("half.txt")));
    }

    @Test
    void successfulReplaceSwapsTheWholeDirectory() throws IOException {
        Path target = tmp.resolve("b");
        BundleWriter.write(target, partial(), twoFiles("old"));
        BundleWriter.write(target, partial(), dir -> Files.writeString(dir.resolve("only.txt"), "new"));
        assertEquals(List.of("b"), siblings(), "no aside or temp dirs left");
        Bundle b = BundleReader.open(target);
        assertEquals(List.of("only.txt"), List.copyOf(b.manifest().files().keySet()));
        assertFalse(Files.exists(target.resolve("readme.txt")));
    }

    @Test
    void contentsMayNotWriteTheManifest() throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> BundleWriter.write(tmp.resolve("b"), partial(),
                dir -> Files.writeString(dir.resolve("manifest.json"), "{}")));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
        assertEquals(List.of(), siblings());
    }

    @Test
    void pathsMustStayInsideTheBundle() throws IOException {
        Path target = tmp.resolve("b");
        Bundle b = BundleWriter.write(target, partial(), twoFiles("x"));
        assertThrows(IllegalArgumentException.class, () -> b.resolve("../elsewhere"));
        assertThrows(IllegalArgumentException.class, () -> b.resolve("/etc/passwd"));
        Path mf = target.resolve("manifest.json");
        Files.writeString(mf, Files.readString(mf).replace("\"readme.txt\"", "\"../readme.txt\""));
        assertTrue(assertThrows(BundleException.class, () -> BundleReader.open(target)).getMessage()
                .contains("outside the bundle"));
    }
}
