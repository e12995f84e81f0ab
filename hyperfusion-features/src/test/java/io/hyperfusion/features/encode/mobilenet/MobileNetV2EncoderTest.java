package io.hyperfusion.features.encode.mobilenet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MobileNetV2EncoderTest {

    private static MobileNetV2Encoder encoder;
    private static List<BufferedImage> images;

    @BeforeAll
    static void open() {
        encoder = MobileNetV2Encoder.open(InstalledModel.modelsDir(), 1);
        images = new ArrayList<>(MobileNetTestImages.all().values());
        BufferedImage gray = new BufferedImage(90, 130, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 130; y++) {
            for (int x = 0; x < 90; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 3 + y) & 0xFF);
            }
        }
        images.add(gray);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void shapesAndNames() {
        assertEquals("mobilenetv2-nsfwjs", encoder.id());
        assertTrue(encoder.version().startsWith("nsfwjs-4.3.0+onnx:"), encoder.version());
        assertEquals(1285, encoder.dimension());
        assertEquals(1285, encoder.outputNames().size());
        assertEquals("mnv2_0", encoder.outputNames().get(0));
        assertEquals("mnv2_1279", encoder.outputNames().get(1279));
        assertEquals(List.of("nsfw_drawing", "nsfw_hentai", "nsfw_neutral", "nsfw_porn", "nsfw_sexy"),
                encoder.outputNames().subList(1280, 1285));
        float[][] out = encoder.encode(images);
        assertEquals(images.size(), out.length);
        for (float[] row : out) {
            assertEquals(1285, row.length);
            double sum = 0;
            for (int j = 1280; j < 1285; j++) {
                assertTrue(row[j] >= 0 && row[j] <= 1);
                sum += row[j];
            }
            assertEquals(1.0, sum, 1e-5);
            for (int j = 0; j < 1280; j++) {
                // ReLU6 then average pooling: features lie in [0, 6].
                assertTrue(row[j] >= 0 && row[j] <= 6, "feature " + j + " = " + row[j]);
            }
        }
        assertEquals(0, encoder.encode(List.of()).length);
    }

    @Test
    void deterministicAndIndependentOfBatchingAndThreads() throws Exception {
        float[][] once = encoder.encode(images);
        assertArrayEquals(once, encoder.encode(images));
        try (MobileNetV2Encoder small = new MobileNetV2Encoder(
                MobileNetInstaller.modelFile(InstalledModel.modelsDir()), 2, 2)) {
            assertEquals(encoder.version(), small.version());
            float[][] split = small.encode(images);
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(once[i], split[i], 1e-5f, "image " + i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> encoder.encode(images)));
            }
            for (Future<float[][]> f : runs) {
                assertArrayEquals(once, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void differentImagesGiveDifferentFeatures() {
        float[][] out = encoder.encode(images);
        for (int i = 1; i < out.length; i++) {
            double diff = 0;
            for (int j = 0; j < 1280; j++) {
                diff += Math.abs(out[i][j] - out[0][j]);
            }
            assertTrue(diff > 1, "image " + i + " is too close to image 0: " + diff);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        List<BufferedImage> withNull = new ArrayList<>(images.subList(0, 1));
        withNull.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.encode(withNull));
        assertTrue(e.getMessage().contains("image 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MobileNetV2Encoder(
                MobileNetInstaller.modelFile(InstalledModel.modelsDir()), 0, 8));
        assertThrows(IllegalStateException.class,
                () -> MobileNetV2Encoder.open(java.nio.file.Path.of("/nonexistent-models"), 1));
    }
}
