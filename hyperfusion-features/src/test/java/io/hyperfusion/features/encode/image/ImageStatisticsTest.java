package io.hyperfusion.features.encode.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageStatisticsTest {
    static final List<String> NAMES = ImageStatistics.names();

    static double get(double[] v, String name) {
        int i = NAMES.indexOf(name);
        assertTrue(i >= 0, name);
        return v[i];
    }

    static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static BufferedImage checkerboard(int side, int square) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, ((x / square + y / square) % 2 == 0) ? 0xFFFFFF : 0x000000);
            }
        }
        return img;
    }

    @Test
    void flatGreyHasNoContrastColourOrEdges() {
        double[] v = ImageStatistics.compute(filled(50, 40, 0x808080), 1000);
        assertEquals(NAMES.size(), v.length);
        assertEquals(50, get(v, "width"));
        assertEquals(40, get(v, "height"));
        assertEquals(1.25, get(v, "aspect"), 1e-12);
        assertEquals(0.5, get(v, "bytes_per_pixel"), 1e-12);
        assertEquals(128 / 255.0, get(v, "brightness"), 1e-9);
        assertEquals(0, get(v, "contrast"), 1e-9);
        assertEquals(0, get(v, "saturation"), 1e-12);
        assertEquals(0, get(v, "colourfulness"), 1e-9);
        assertEquals(0, get(v, "sharpness"), 1e-9);
        for (int k = 0; k < ImageStatistics.HUE_BINS; k++) {
            assertEquals(0, v[NAMES.indexOf("hue_00") + k]);
        }
        assertTrue(Double.isNaN(get(ImageStatistics.compute(filled(4, 4, 0), -1), "bytes_per_pixel")));
    }

    @Test
    void twoColourImageByHand() {
        // Left half pure red, right half pure blue.
        BufferedImage img = filled(20, 10, 0xFF0000);
        for (int y = 0; y < 10; y++) {
            for (int x = 10; x < 20; x++) {
                img.setRGB(x, y, 0x0000FF);
            }
        }
        double[] v = ImageStatistics.compute(img, 200);
        // rg: red 255, blue 0 -> mean 127.5, sd 127.5; yb: red 127.5, blue -255 -> mean -63.75, sd 191.25.
        double expected = Math.sqrt(127.5 * 127.5 + 191.25 * 191.25) + 0.3 * Math.sqrt(127.5 * 127.5 + 63.75 * 63.75);
        assertEquals(expected, get(v, "colourfulness"), 1e-9);
        assertEquals(272.619, expected, 1e-3);
        assertEquals(1, get(v, "saturation"), 1e-12);
        double redY = 0.299 * 255;
        double blueY = 0.114 * 255;
        assertEquals((redY + blueY) / 2 / 255, get(v, "brightness"), 1e-9);
        assertEquals((redY - blueY) / 2 / 255, get(v, "contrast"), 1e-9);
        assertEquals(0.5, get(v, "hue_00"), 1e-12);
        assertEquals(0.5, get(v, "hue_08"), 1e-12, "blue is 240 degrees");
    }

    @Test
    void hueBins() {
        assertEquals(4, ImageStatistics.hueBin(0, 255, 0, 255, 0));
        assertEquals(2, ImageStatistics.hueBin(255, 255, 0, 255, 0));
        assertEquals(10, ImageStatistics.hueBin(255, 0, 255, 255, 0));
        assertEquals(11, ImageStatistics.hueBin(255, 0, 10, 255, 0), "just below 360 degrees");
    }

    @Test
    void blurLowersSharpness() {
        BufferedImage sharp = checkerboard(512, 16);
        float[] box = new float[13 * 13];
        Arrays.fill(box, 1f / box.length);
        BufferedImage blurred = new ConvolveOp(new Kernel(13, 13, box), ConvolveOp.EDGE_NO_OP, null).filter(sharp, null);
        double s = get(ImageStatistics.compute(sharp, -1), "sharpness");
        double b = get(ImageStatistics.compute(blurred, -1), "sharpness");
        assertTrue(s > 0 && b > 0, s + " " + b);
        assertTrue(s > 5 * b, "sharp " + s + " vs blurred " + b);
    }

    @Test
    void sharpnessIsComparableAcrossSizes() {
        // The same picture at two resolutions: both are reduced to 256 px with 8-px squares before measuring.
        double small = get(ImageStatistics.compute(checkerboard(512, 16), -1), "sharpness");
        double large = get(ImageStatistics.compute(checkerboard(1024, 32), -1), "sharpness");
        assertEquals(small, large, 1e-6 * small);
    }

    @Test
    void decodedImageUsesSourceDimensions() {
        BufferedImage img = filled(500, 250, 0x336699);
        DecodedImage d = new DecodedImage(DecodedImage.Outcome.OK, img, 2000, 1000, 4, 400_000, "png", "", List.of());
        double[] v = ImageStatistics.compute(d);
        assertEquals(2000, get(v, "width"));
        assertEquals(0.2, get(v, "bytes_per_pixel"), 1e-12);
        DecodedImage bad = DecodedImage.failed(DecodedImage.Outcome.CORRUPT, 0, 0, 3, "", "x: bad", List.of());
        assertThrows(IllegalArgumentException.class, () -> ImageStatistics.compute(bad));
        assertEquals("hue_11", NAMES.get(NAMES.size() - 1));
        assertEquals(21, NAMES.size());
    }
}
