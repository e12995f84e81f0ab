package io.hyperfusion.features.encode.mobilenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hyperfusion.features.encode.image.Pixels;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast pixel paths give exactly what the general ones give (the embedding cache relies on it). */
class FastPixelsTest {

    private static BufferedImage random(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        return img;
    }

    @Test
    void packedResizeEqualsConvertingEveryPixelFirst() {
        int[][] sizes = {{420, 236}, {224, 224}, {1, 1}, {1, 300}, {300, 1}, {100, 80}, {225, 223}, {1000, 700}};
        for (int[] s : sizes) {
            BufferedImage img = random(s[0], s[1], BufferedImage.TYPE_INT_RGB, s[0] * 31L + s[1]);
            float[] fast = new float[224 * 224 * 3 + 5];
            MobileNetPreprocessing.toInput(img, 224, fast, 5);
            float[] slow = new float[224 * 224 * 3 + 5];
            if (s[0] == 224 && s[1] == 224) {
                float[] rgb = MobileNetPreprocessing.rgb(img);
                System.arraycopy(rgb, 0, slow, 5, rgb.length);
            } else {
                MobileNetPreprocessing.resizeBilinearAlignCorners(MobileNetPreprocessing.rgb(img), s[1], s[0], 224, 224,
                        slow, 5);
            }
            assertArrayEquals(slow, fast, 0f, s[0] + "x" + s[1]);
        }
    }

    @Test
    void argbEqualsGetRgb() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage img = random(37, 19, type, type);
            assertArrayEquals(img.getRGB(0, 0, 37, 19, null, 0, 37), Pixels.argb(img), "type " + type);
        }
        // A sub-image shares a larger raster: not plain, so it goes through getRGB.
        BufferedImage big = random(50, 40, BufferedImage.TYPE_INT_RGB, 3);
        BufferedImage sub = big.getSubimage(5, 7, 20, 10);
        assertNull(Pixels.packedRgb(sub));
        assertArrayEquals(sub.getRGB(0, 0, 20, 10, null, 0, 20), Pixels.argb(sub));
    }
}
