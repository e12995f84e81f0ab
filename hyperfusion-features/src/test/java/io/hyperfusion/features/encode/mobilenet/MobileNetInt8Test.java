package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.features.encode.onnx.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MobileNetInt8Test {

    /** A models folder holding a copy of the installed float model, so deriving never touches the shared one. */
    private static Path copyOfInstalled(Path dir) throws Exception {
        Path from = MobileNetInstaller.modelDir(InstalledModel.modelsDir());
        Path to = Files.createDirectories(MobileNetInstaller.modelDir(dir));
        for (String f : List.of("model.onnx", "install.json", "LICENSE")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        return dir;
    }

    @Test
    void derivedOnceDeterministicallyAndAgainWhenDamaged(@TempDir Path a, @TempDir Path b) throws Exception {
        Path file = MobileNetInt8.ensure(copyOfInstalled(a));
        assertEquals(MobileNetInstaller.modelDir(a).resolve(MobileNetInt8.FILE), file);
        OnnxModel m = OnnxModel.read(file);
        assertEquals("int8", m.metadata().get(MobileNetInt8.PRECISION));
        assertEquals(Hashing.sha256(MobileNetInstaller.modelFile(a)), m.metadata().get(MobileNetInt8.SOURCE_SHA));
        assertTrue(Files.size(file) < Files.size(MobileNetInstaller.modelFile(a)) / 2, "int8 weights");

        FileTime before = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, before);
        MobileNetInt8.ensure(a);
        assertEquals(before, Files.getLastModifiedTime(file), "an up-to-date file is not written again");

        Path other = MobileNetInt8.ensure(copyOfInstalled(b));
        assertEquals(Hashing.sha256(file), Hashing.sha256(other), "the derivation is deterministic");

        Files.writeString(file, "damaged");
        MobileNetInt8.ensure(a);
        assertEquals(Hashing.sha256(other), Hashing.sha256(file), "a damaged file is derived again");

        // A file derived with other settings (an older release's) is derived again.
        assertEquals(MobileNetInt8.SETTINGS, OnnxModel.read(file).metadata().get(MobileNetInt8.SETTINGS_KEY));
        java.util.Map<String, String> older = new java.util.LinkedHashMap<>(OnnxModel.read(file).metadata());
        older.put(MobileNetInt8.SETTINGS_KEY, "QdqQuantizer-v0");
        OnnxModel stale = OnnxModel.read(file);
        new OnnxModel(stale.graph(), stale.irVersion(), stale.opsetVersion(), stale.producerName(),
                stale.producerVersion(), stale.docString(), older).write(file);
        MobileNetInt8.ensure(a);
        assertEquals(Hashing.sha256(other), Hashing.sha256(file), "a file with other settings is derived again");
    }

    @Test
    void int8FeaturesAgreeWithTheFloatModel() {
        List<BufferedImage> images = new ArrayList<>(MobileNetTestImages.all().values());
        Path models = InstalledModel.modelsDir();
        try (MobileNetV2Encoder fp32 = MobileNetV2Encoder.open(models, 1, MobileNetPrecision.FP32);
             MobileNetV2Encoder int8 = MobileNetV2Encoder.open(models, 1, MobileNetPrecision.INT8)) {
            assertEquals(MobileNetPrecision.FP32, fp32.precision());
            assertEquals(MobileNetPrecision.INT8, int8.precision());
            assertTrue(int8.version().contains("+int8+"), int8.version());
            assertNotEquals(fp32.version(), int8.version(), "cached and trained as different encoders");
            assertEquals(MobileNetPrecision.INT8, MobileNetV2Encoder.precisionOf(int8.version()));
            assertEquals(MobileNetPrecision.FP32, MobileNetV2Encoder.precisionOf(fp32.version()));
            assertEquals(MobileNetPrecision.FP32, MobileNetV2Encoder.precisionOf(null));
            float[][] x = fp32.encode(images);
            float[][] y = int8.encode(images);
            double sum = 0;
            double min = 1;
            for (int i = 0; i < x.length; i++) {
                double c = MobileNetInt8Benchmark.cosine(x[i], y[i], 0, MobileNetV2Encoder.FEATURES);
                sum += c;
                min = Math.min(min, c);
            }
            System.out.printf("int8 vs fp32 on %d test images: mean feature cosine %.4f, min %.4f%n", x.length,
                    sum / x.length, min);
            assertTrue(sum / x.length >= 0.99, "mean cosine " + sum / x.length);
            assertTrue(min >= 0.95, "min cosine " + min);
        }
    }

    @Test
    void precisionParsesWithAClearError() {
        assertEquals(MobileNetPrecision.INT8, MobileNetPrecision.parse(" INT8 "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MobileNetPrecision.parse("int4"));
        assertTrue(e.getMessage().contains("fp32 or int8"), e.getMessage());
    }
}
