package io.hyperfusion.features.encode.mobilenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The converted model, run by {@link MobileNetV2Encoder}, agrees with the original nsfwjs model run by
 * TensorFlow.js (fixture made by tools/nsfwjs-reference/reference.js).
 */
class MobileNetParityTest {

    private static final double TOLERANCE = 1e-4;
    private static JsonNode fixture;
    private static Path modelsDir;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = MobileNetParityTest.class.getResourceAsStream("/mobilenet/reference.json")) {
            assertNotNull(in, "reference.json missing from test resources");
            fixture = new ObjectMapper().readTree(in);
        }
        modelsDir = InstalledModel.modelsDir();
    }

    static BufferedImage image(String file) throws IOException {
        try (InputStream in = MobileNetParityTest.class.getResourceAsStream("/mobilenet/" + file)) {
            assertNotNull(in, file + " missing from test resources");
            return ImageIO.read(in);
        }
    }

    @Test
    void fixtureComesFromThePinnedPackage() {
        assertEquals(MobileNetInstaller.VERSION, fixture.path("nsfwjs").asText());
        assertEquals(MobileNetInstaller.FEATURES_LAYER, fixture.path("featuresLayer").asText());
        List<String> classes = new ArrayList<>();
        fixture.path("classes").forEach(c -> classes.add(c.asText()));
        assertEquals(MobileNetInstaller.CLASSES, classes);
    }

    @Test
    void featuresAndProbabilitiesMatchTensorFlowJs() throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (JsonNode img : fixture.path("images")) {
            images.add(image(img.path("file").asText()));
        }
        float[][] got;
        try (MobileNetV2Encoder enc = MobileNetV2Encoder.open(modelsDir, 2)) {
            got = enc.encode(images);
        }
        double maxFeatureErr = 0;
        double maxProbErr = 0;
        for (int i = 0; i < images.size(); i++) {
            JsonNode ref = fixture.path("images").get(i);
            String file = ref.path("file").asText();
            JsonNode f = ref.path("features");
            JsonNode p = ref.path("probs");
            assertEquals(MobileNetV2Encoder.FEATURES, f.size(), file);
            assertEquals(got[i].length, f.size() + p.size(), file);
            for (int j = 0; j < f.size(); j++) {
                double expected = f.get(j).asDouble();
                double err = Math.abs(got[i][j] - expected) / Math.max(1, Math.abs(expected));
                maxFeatureErr = Math.max(maxFeatureErr, err);
                assertTrue(err <= TOLERANCE, file + " feature " + j + ": expected " + expected + ", got " + got[i][j]);
            }
            for (int j = 0; j < p.size(); j++) {
                double expected = p.get(j).asDouble();
                double err = Math.abs(got[i][f.size() + j] - expected);
                maxProbErr = Math.max(maxProbErr, err);
                assertTrue(err <= TOLERANCE, file + " prob " + j + ": expected " + expected + ", got "
                        + got[i][f.size() + j]);
            }
        }
        System.out.printf("MobileNetV2 vs TF.js: max feature error %.3g (abs, relative above 1), max prob error %.3g%n",
                maxFeatureErr, maxProbErr);
    }
}
