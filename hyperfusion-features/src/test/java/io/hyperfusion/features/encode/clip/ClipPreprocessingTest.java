package io.hyperfusion.features.encode.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClipPreprocessingTest {

    private static final float[] MEAN = ClipConfig.defaults().mean();
    private static final float[] STD = ClipConfig.defaults().std();

    /** Same formula as pil_golden.py. */
    private static int pixel(int x, int y, int c) {
        return (x * 37 + y * 91 + c * 53 + x * y * 7) % 256;
    }

    @Test
    void resizeMatchesPillowExactly() throws Exception {
        // Golden output of Pillow 9.4.0's Image.resize, written by src/test/resources/clip/pil_golden.py.
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/clip/pil-resize-golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        assertEquals(6, golden.get("cases").size());
        for (JsonNode c : golden.get("cases")) {
            int w = c.get("w").asInt();
            int h = c.get("h").asInt();
            int[] rgb = new int[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        rgb[(y * w + x) * 3 + ch] = pixel(x, y, ch);
                    }
                }
            }
            int[] expected = new int[c.get("rgb").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("rgb").get(i).asInt();
            }
            PilResize.Filter f = PilResize.Filter.valueOf(c.get("filter").asText().toUpperCase(java.util.Locale.ROOT));
            int[] got = PilResize.resize(rgb, w, h, c.get("new_w").asInt(), c.get("new_h").asInt(), f);
            assertArrayEquals(expected, got, w + "x" + h + " -> " + c.get("new_w") + "x" + c.get("new_h") + " " + f);
        }
    }

    @Test
    void shorterSideResizeTruncatesTheLongerSideLikeHf() {
        assertArrayEquals(new int[] {9, 5}, ClipPreprocessing.resizedSize(13, 7, 5));
        assertArrayEquals(new int[] {6, 8}, ClipPreprocessing.resizedSize(3, 4, 6));
        assertArrayEquals(new int[] {298, 224}, ClipPreprocessing.resizedSize(640, 480, 224)); // 298.67
        assertArrayEquals(new int[] {224, 224}, ClipPreprocessing.resizedSize(50, 50, 224));
        assertThrows(IllegalArgumentException.class, () -> ClipPreprocessing.resizedSize(0, 5, 224));
    }

    @Test
    void nonSquareImageIsResizedThenCentreCroppedByHand() {
        // 4 wide x 8 tall, columns 0,0,255,255 (gray). image_size 2: shorter side 4 -> 2, so 2 x 4.
        // Bicubic (a=-0.5) downscale by 2 widens the kernel to radius 4; output column 0 has centre 1.0 and
        // reads source columns 0..3 at distances -0.25, 0.25, 0.75, 1.25 (in output units): weights
        // 0.8671875, 0.8671875, 0.2265625, -0.0703125, sum 1.890625. So column 0 is
        // 255 * (0.2265625 - 0.0703125) / 1.890625 = 21.07 -> 21, and by symmetry column 1 is
        // 255 * 1.734375 / 1.890625 = 233.93 -> 234 (Pillow 9.4 gives [21, 234] too). Rows are constant, so
        // the vertical pass keeps them; the crop takes rows 1..2 of 4.
        BufferedImage img = new BufferedImage(4, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                int v = x < 2 ? 0 : 255;
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        assertArrayEquals(new int[] {21, 21, 21, 234, 234, 234, 21, 21, 21, 234, 234, 234},
                ClipPreprocessing.resizeAndCrop(img, 2, ClipConfig.Resample.BICUBIC));
        float[] out = new float[12];
        ClipPreprocessing.toPixelValues(img, config(2), out, 0);
        for (int ch = 0; ch < 3; ch++) {
            float left = ((float) (21 / 255.0) - MEAN[ch]) / STD[ch];
            float right = ((float) (234 / 255.0) - MEAN[ch]) / STD[ch];
            // NCHW: plane ch holds rows [left, right], [left, right].
            assertArrayEquals(new float[] {left, right, left, right}, java.util.Arrays.copyOfRange(out, ch * 4, ch * 4 + 4));
        }
    }

    @Test
    void centreCropTakesTheFloorOfHalfTheExcess() {
        // 5 x 2, image_size 2: no resize (shorter side already 2); excess 3 -> left = 3 // 2 = 1 (HF), where
        // torchvision's round(1.5) would give 2. Columns 1 and 2 survive.
        BufferedImage img = new BufferedImage(5, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 5; x++) {
                img.setRGB(x, y, (10 * x << 16) | ((100 + y) << 8) | 7);
            }
        }
        assertArrayEquals(new int[] {10, 100, 7, 20, 100, 7, 10, 101, 7, 20, 101, 7},
                ClipPreprocessing.resizeAndCrop(img, 2, ClipConfig.Resample.BICUBIC));
    }

    @Test
    void grayAndAlphaImagesBecomeRgbLikePillow() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 60);
        gray.getRaster().setSample(1, 0, 0, 200);
        assertArrayEquals(new int[] {60, 60, 60, 200, 200, 200}, ClipPreprocessing.rgb(gray));
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, (0x10 << 24) | (200 << 16) | (100 << 8) | 50);
        assertArrayEquals(new int[] {200, 100, 50}, ClipPreprocessing.rgb(argb)); // alpha dropped, not composited
    }

    @Test
    void outputBufferTooSmallIsRejected() {
        BufferedImage img = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> ClipPreprocessing.toPixelValues(img, config(2), new float[11], 0));
    }

    private static ClipConfig config(int size) {
        ClipConfig d = ClipConfig.defaults();
        return new ClipConfig(size, d.mean(), d.std(), d.contextLength(), d.resize(), d.padToken(), true);
    }
}
