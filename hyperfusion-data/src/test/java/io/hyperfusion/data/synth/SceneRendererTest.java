package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The drawn properties are really in the pixels, for every scene, after JPEG encoding. */
class SceneRendererTest {

    private static BufferedImage draw(Scene scene, double saturation, double blur, double gain) throws IOException {
        ImageSpec s = new ImageSpec(300, 200, scene, saturation, blur, gain, 0.9f, 1234L + scene.ordinal());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(SceneRenderer.jpeg(SceneRenderer.render(s), 0.9f)));
        assertEquals(300, img.getWidth());
        assertEquals(200, img.getHeight());
        return img;
    }

    @Test
    void blurLowersLaplacianVariance() throws IOException {
        for (Scene scene : Scene.values()) {
            double sharp = ImageStats.laplacianVariance(draw(scene, 1.0, 0.0, 1.0));
            double blurred = ImageStats.laplacianVariance(draw(scene, 1.0, 2.0, 1.0));
            assertTrue(blurred < 0.3 * sharp, scene + ": sharp " + sharp + " blurred " + blurred);
        }
    }

    @Test
    void saturationRaisesColourfulness() throws IOException {
        for (Scene scene : Scene.values()) {
            double dull = ImageStats.chroma(draw(scene, 0.2, 0.0, 1.0));
            double vivid = ImageStats.chroma(draw(scene, 1.3, 0.0, 1.0));
            assertTrue(vivid > 2 * dull, scene + ": dull " + dull + " vivid " + vivid);
        }
    }

    @Test
    void gainChangesBrightness() throws IOException {
        for (Scene scene : Scene.values()) {
            double dark = ImageStats.meanLuma(draw(scene, 1.0, 0.0, 0.5));
            double normal = ImageStats.meanLuma(draw(scene, 1.0, 0.0, 1.0));
            double bright = ImageStats.meanLuma(draw(scene, 1.0, 0.0, 1.8));
            assertTrue(dark < normal && normal < bright, scene + ": " + dark + " " + normal + " " + bright);
        }
    }

    @Test
    void sameSpecSameBytes() {
        ImageSpec s = new ImageSpec(257, 131, Scene.CITY, 0.9, 1.7, 1.1, 0.75f, 99L);
        assertArrayEquals(SceneRenderer.jpeg(SceneRenderer.render(s), 0.75f),
                SceneRenderer.jpeg(SceneRenderer.render(s), 0.75f));
    }
}
