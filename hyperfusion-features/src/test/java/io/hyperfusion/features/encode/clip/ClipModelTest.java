package io.hyperfusion.features.encode.clip;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoders on the hand-built model of {@link ClipTestFolder}, with expected outputs worked out by hand. */
class ClipModelTest {

    @TempDir
    static Path root;
    private static ClipModel model;
    private static ClipImageEncoder images;
    private static ClipTextEncoder texts;

    @BeforeAll
    static void open() {
        model = ClipModel.open(ClipTestFolder.write(root.resolve("standard")), 1);
        images = model.imageEncoder(16);
        texts = model.textEncoder(32);
    }

    @AfterAll
    static void close() {
        images.close();
        texts.close();
        model.close();
    }

    static BufferedImage solid(int w, int h, int r, int g, int b) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** A 7x5 image with a gradient, so different images give different embeddings. */
    static BufferedImage pattern(int seed) {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                img.setRGB(x, y, ((x * 30 + seed * 11) % 256 << 16) | ((y * 50 + seed) % 256 << 8) | (seed * 40 % 256));
            }
        }
        return img;
    }

    private static float[] unit(double... v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    @Test
    void idsShapesAndNames() {
        assertEquals("clip-image", images.id());
        assertEquals("clip-text", texts.id());
        assertEquals(4, images.dimension());
        assertEquals(4, texts.dimension());
        assertEquals(List.of("clip_0", "clip_1", "clip_2", "clip_3"), images.outputNames());
        assertTrue(images.version().startsWith("sha256:"), images.version());
        float[][] out = images.encode(List.of(pattern(1), solid(3, 9, 1, 2, 3)));
        assertEquals(2, out.length);
        assertEquals(4, out[0].length);
        assertEquals(0, images.encode(List.of()).length);
        assertEquals(0, texts.encode(List.of()).length);
    }

    @Test
    void solidColourImageGivesTheHandComputedEmbedding() {
        // A solid image stays solid through resize and crop, so each channel mean is the normalised colour
        // (c/255 - mean) / std; W_v gives [R, G, B, R+G+B], then L2 normalisation.
        double r = (1.0f - 0.48145466f) / 0.26862954f;
        double g = (0.0f - 0.4578275f) / 0.26130258f;
        double b = ((float) (128 / 255.0) - 0.40821073f) / 0.27577711f;
        float[] got = images.encode(List.of(solid(10, 6, 255, 0, 128)))[0];
        assertArrayEquals(unit(r, g, b, r + g + b), got, 2e-6f);
    }

    @Test
    void textGivesTheHandComputedEmbedding() {
        // "A cat!" -> ids 11, 4, 8, 6, 12 then 3 pads (12) masked out. E[i] = [i, 1, i mod 3, 0]; the masked
        // mean over 5 tokens is [41/5, 1, (2+1+2+0+0)/5, 0] = [8.2, 1, 1, 0]; W_t is the identity.
        assertArrayEquals(unit(8.2, 1, 1, 0), texts.encode(List.of("A cat!"))[0], 1e-6f);
    }

    @Test
    void unitNormDeterminismAndBatchEqualsSingle() throws Exception {
        List<BufferedImage> imgs = new ArrayList<>();
        List<String> txts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            imgs.add(pattern(i));
            txts.add("cat".repeat(i + 1) + " tat a");
        }
        float[][] batch = images.encode(imgs);
        float[][] tb = texts.encode(txts);
        for (int i = 0; i < 5; i++) {
            assertEquals(1.0, norm(batch[i]), 1e-6);
            assertEquals(1.0, norm(tb[i]), 1e-6);
            assertArrayEquals(batch[i], images.encode(List.of(imgs.get(i)))[0], "image " + i);
            assertArrayEquals(tb[i], texts.encode(List.of(txts.get(i)))[0], "text " + i);
        }
        assertTrue(Math.abs(batch[0][0] - batch[1][0]) > 1e-3, "different images must differ");
        try (ClipImageEncoder small = model.imageEncoder(2); ClipTextEncoder smallText = model.textEncoder(2)) {
            assertArrayEquals(batch, small.encode(imgs));
            assertArrayEquals(tb, smallText.encode(txts));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> images.encode(imgs)));
            }
            for (Future<float[][]> f : runs) {
                assertArrayEquals(batch, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void emptyTextGetsZerosAndNullsAreRejected() {
        float[][] out = texts.encode(List.of("", "  &nbsp; ", "a"));
        assertArrayEquals(new float[4], out[0]);
        assertArrayEquals(new float[4], out[1]);
        assertEquals(1.0, norm(out[2]), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> texts.encode(java.util.Arrays.asList("a", null)));
        assertTrue(e.getMessage().contains("text 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> images.encode(java.util.Arrays.asList(pattern(0), null)));
    }

    @Test
    void modelWithoutMaskAndRawOutputs(@TempDir Path dir) throws Exception {
        ClipTestFolder.write(dir, ClipTestFolder.vision("pixel_values", 4, 4), ClipTestFolder.text(false, "input_ids", 4));
        Files.writeString(dir.resolve("clip.json"), "{\"image_size\": 4, \"context_length\": 8, \"normalize_output\": false}");
        try (ClipTextEncoder t = ClipTextEncoder.open(dir, 1)) {
            // Plain mean over all 8 positions, pads (12) included: [(41 + 36)/8, 1, 5/8, 0].
            assertArrayEquals(new float[] {9.625f, 1f, 0.625f, 0f}, t.encode(List.of("A cat!"))[0], 1e-6f);
        }
    }

    @Test
    void symbolicEmbeddingWidthIsProbed(@TempDir Path dir) {
        ClipTestFolder.write(dir, ClipTestFolder.vision("pixel_values", "S", "D"), ClipTestFolder.text(true, "input_ids", "D"));
        try (ClipModel m = ClipModel.open(dir, 1)) {
            assertEquals(4, m.dimension());
        }
    }

    @Test
    void missingFilesAreNamed(@TempDir Path dir) throws Exception {
        for (String f : List.of("vision.onnx", "text.onnx", "vocab.json", "merges.txt")) {
            Path d = ClipTestFolder.write(dir.resolve("without-" + f));
            Files.delete(d.resolve(f));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(d, 1));
            assertTrue(e.getMessage().contains("has no " + f), e.getMessage());
        }
        // An image-only job needs neither the text tower nor the tokenizer files.
        Path imageOnly = ClipTestFolder.write(dir.resolve("image-only"));
        Files.delete(imageOnly.resolve("text.onnx"));
        Files.delete(imageOnly.resolve("vocab.json"));
        try (ClipImageEncoder e = ClipImageEncoder.open(imageOnly, 1)) {
            assertEquals(4, e.encode(List.of(pattern(3)))[0].length);
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ClipModel.open(dir.resolve("nope"), 1));
        assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    }

    @Test
    void wrongInputNamesAndShapesAreExplained(@TempDir Path dir) {
        Path badName = ClipTestFolder.write(dir.resolve("name"), ClipTestFolder.vision("images", 4, 4),
                ClipTestFolder.text(true, "input_ids", 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(badName, 1));
        assertTrue(e.getMessage().contains("vision.onnx") && e.getMessage().contains("'pixel_values'")
                && e.getMessage().contains("images: FLOAT [-1, 3, 4, 4]"), e.getMessage());
        Path badSize = ClipTestFolder.write(dir.resolve("size"), ClipTestFolder.vision("pixel_values", 8, 4),
                ClipTestFolder.text(true, "input_ids", 4));
        e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(badSize, 1));
        assertTrue(e.getMessage().contains("'pixel_values' must be FLOAT [*,3,4,4], got FLOAT [-1, 3, 8, 8]"), e.getMessage());
        Path badText = ClipTestFolder.write(dir.resolve("text"), ClipTestFolder.vision("pixel_values", 4, 4),
                ClipTestFolder.text(true, "tokens", 4));
        e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(badText, 1));
        assertTrue(e.getMessage().contains("text.onnx") && e.getMessage().contains("'input_ids'")
                && e.getMessage().contains("tokens: INT64"), e.getMessage());
        // A vision tower 5 wide (W_v is 3x5) next to the 4-wide text tower.
        Path wide = ClipTestFolder.write(dir.resolve("wide"), ClipTestFolder.vision("pixel_values", 4, 5, new float[15]),
                ClipTestFolder.text(true, "input_ids", 4));
        e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(wide, 1));
        assertTrue(e.getMessage().contains("width 5 but text.onnx gives 4"), e.getMessage());
    }

    @Test
    void badConfigIsNamed(@TempDir Path dir) throws Exception {
        Path d = ClipTestFolder.write(dir);
        Files.writeString(d.resolve("clip.json"), "{\"image_size\": 4, \"contextlength\": 8}", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(d, 1));
        assertTrue(e.getMessage().contains("clip.json") && e.getMessage().contains("'contextlength'"), e.getMessage());
        Files.writeString(d.resolve("clip.json"), "{\"mean\": [0.5, 0.5]}", StandardCharsets.UTF_8);
        e = assertThrows(IllegalArgumentException.class, () -> ClipModel.open(d, 1));
        assertTrue(e.getMessage().contains("clip.json") && e.getMessage().contains("'mean'"), e.getMessage());
    }

    @Test
    void versionFollowsTheFilesEachTowerReads(@TempDir Path dir) throws Exception {
        Path a = ClipTestFolder.write(dir.resolve("a"));
        Path b = ClipTestFolder.write(dir.resolve("b"));
        String[] base = versions(a);
        assertArrayEquals(base, versions(b), "same files in another folder, same versions");
        ClipTestFolder.vision("pixel_values", 4, 4, new float[] {2, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1})
                .write(b.resolve("vision.onnx"));
        String[] newVision = versions(b);
        assertTrue(!newVision[0].equals(base[0]) && newVision[1].equals(base[1]), "vision.onnx changes only clip-image");
        Files.writeString(b.resolve("merges.txt"), ClipTestFolder.MERGES + "c a\n", StandardCharsets.UTF_8);
        String[] newMerges = versions(b);
        assertTrue(newMerges[0].equals(newVision[0]) && !newMerges[1].equals(newVision[1]), "merges.txt changes clip-text");
        Files.writeString(b.resolve("clip.json"), "{\"image_size\": 4, \"context_length\": 8, \"normalize_output\": false}");
        String[] raw = versions(b);
        assertTrue(!raw[0].equals(newMerges[0]) && !raw[1].equals(newMerges[1]), "clip.json changes both");
    }

    @Test
    void sharedSessionsCloseWhenTheLastHolderCloses(@TempDir Path dir) {
        ClipModel m = ClipModel.open(ClipTestFolder.write(dir), 1);
        ClipImageEncoder e = m.imageEncoder(4);
        m.close();
        assertEquals(4, e.encode(List.of(pattern(2)))[0].length, "encoder outlives the model handle");
        e.close();
        e.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> e.encode(List.of(pattern(2))));
        assertThrows(IllegalStateException.class, () -> m.textEncoder(4));
    }

    private static String[] versions(Path dir) {
        try (ClipModel m = ClipModel.open(dir, 1)) {
            return new String[] {m.imageVersion(), m.textVersion()};
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
