package io.hyperfusion.features.encode.image;

import io.hyperfusion.features.encode.image.DecodedImage.Outcome;
import io.hyperfusion.features.encode.image.ImageDecoder.OversizePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    final ImageDecoder decoder = new ImageDecoder(ImageDecoder.Options.defaults());

    static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, new Color(x * 255 / w, y * 255 / h, 128).getRGB());
            }
        }
        return img;
    }

    static void assertColor(int rgb, int r, int g, int b, int tol) {
        Color c = new Color(rgb);
        assertTrue(Math.abs(c.getRed() - r) <= tol && Math.abs(c.getGreen() - g) <= tol
                && Math.abs(c.getBlue() - b) <= tol, "expected ~(" + r + "," + g + "," + b + "), got " + c);
    }

    @Test
    void baselineAndProgressiveJpeg() {
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] bytes = ImageFixtures.jpeg(gradient(120, 80), progressive);
            DecodedImage d = decoder.decode(bytes, "g.jpg");
            assertEquals(Outcome.OK, d.outcome(), d.message());
            assertEquals(120, d.image().getWidth());
            assertEquals(80, d.image().getHeight());
            assertEquals(BufferedImage.TYPE_INT_RGB, d.image().getType());
            assertEquals(1, d.subsampling());
            assertEquals("jpeg", d.format());
            assertEquals(bytes.length, d.fileBytes());
            assertColor(d.image().getRGB(60, 40), 127, 127, 128, 8);
        }
    }

    @Test
    void cmykAndYcckJpegsDecodeToTheRightColour() {
        assertTrue(ImageDecoder.hasCmykCapableJpegReader(), "TwelveMonkeys JPEG reader registered");
        // Adobe CMYK is stored inverted: (0, 255, 255, 255) = full cyan ink, no magenta, yellow or black.
        DecodedImage cmyk = decoder.decode(ImageFixtures.adobeFourChannel(32, 16, new int[] {0, 255, 255, 255}, 0),
                "cmyk.jpg");
        assertEquals(Outcome.OK, cmyk.outcome(), cmyk.message());
        assertColor(cmyk.image().getRGB(5, 5), 0, 255, 255, 60);
        // YCCK: the YCbCr triple of "RGB" (255, 0, 0) is Y 76, Cb 85, Cr 255; it decodes to inverted C'M'Y' of
        // cyan ink; K' = 255 is no black.
        DecodedImage ycck = decoder.decode(ImageFixtures.adobeFourChannel(32, 16, new int[] {76, 85, 255, 255}, 2),
                "ycck.jpg");
        assertEquals(Outcome.OK, ycck.outcome(), ycck.message());
        assertColor(ycck.image().getRGB(5, 5), 0, 255, 255, 60);
        assertEquals(BufferedImage.TYPE_INT_RGB, ycck.image().getType());
    }

    @Test
    void pngWithAlphaAndGrayscale() {
        BufferedImage argb = new BufferedImage(4, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000);
        argb.setRGB(1, 0, 0xFFFF0000);
        DecodedImage d = decoder.decode(ImageFixtures.png(argb), "alpha.png");
        assertEquals(Outcome.OK, d.outcome(), d.message());
        assertColor(d.image().getRGB(0, 0), 255, 255, 255, 0);
        assertColor(d.image().getRGB(1, 0), 255, 0, 0, 0);

        BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 3, 0, 100);
        DecodedImage g = decoder.decode(ImageFixtures.png(gray), "gray.png");
        assertEquals(Outcome.OK, g.outcome(), g.message());
        assertColor(g.image().getRGB(3, 3), 100, 100, 100, 0);
        assertColor(g.image().getRGB(0, 0), 0, 0, 0, 0);
    }

    @Test
    void truncatedRandomAndEmptyBytesNeverThrow() {
        byte[] png = ImageFixtures.png(gradient(64, 64));
        DecodedImage truncPng = decoder.decode(Arrays.copyOf(png, png.length / 2), "t.png");
        assertEquals(Outcome.CORRUPT, truncPng.outcome());
        assertTrue(truncPng.message().startsWith("t.png: "), truncPng.message());
        assertEquals(64, truncPng.sourceWidth(), "the header was readable");

        byte[] jpg = ImageFixtures.jpeg(gradient(64, 64), false);
        DecodedImage truncJpg = decoder.decode(Arrays.copyOf(jpg, jpg.length / 2), "t.jpg");
        // libjpeg pads a truncated scan with grey and warns instead of failing.
        assertEquals(Outcome.OK, truncJpg.outcome(), truncJpg.message());
        assertFalse(truncJpg.warnings().isEmpty());
        assertFalse(truncJpg.isClean());
        byte[] progressive = ImageFixtures.jpeg(gradient(64, 64), true);
        DecodedImage truncProgressive = decoder.decode(Arrays.copyOf(progressive, progressive.length / 2), "p.jpg");
        assertEquals(Outcome.CORRUPT, truncProgressive.outcome(), truncProgressive.message());

        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        DecodedImage rnd = decoder.decode(noise, "noise.bin");
        assertEquals(Outcome.CORRUPT, rnd.outcome());
        assertTrue(rnd.message().contains("noise.bin"), rnd.message());
        assertEquals(Outcome.CORRUPT, decoder.decode(new byte[0], "empty").outcome());
        // A valid JPEG start followed by garbage.
        byte[] garbage = Arrays.copyOf(jpg, jpg.length);
        for (int i = 200; i < garbage.length; i++) {
            garbage[i] = noise[i % noise.length];
        }
        DecodedImage g = decoder.decode(garbage, "garbage.jpg");
        assertTrue(g.outcome() == Outcome.CORRUPT || g.outcome() == Outcome.OK, g.outcome().toString());
    }

    @Test
    void forgedHugeHeadersAreRefusedWithoutAllocating() {
        for (OversizePolicy policy : OversizePolicy.values()) {
            ImageDecoder d = new ImageDecoder(new ImageDecoder.Options(40_000_000L, 1024, policy));
            DecodedImage png = d.decode(ImageFixtures.pngHeaderOnly(50_000, 50_000), "huge.png");
            assertEquals(Outcome.REFUSED_TOO_LARGE, png.outcome(), policy + ": " + png.message());
            assertEquals(50_000, png.sourceWidth());
            assertTrue(png.message().contains("50000x50000"), png.message());
            DecodedImage jpg = d.decode(ImageFixtures.jpegClaiming(50_000, 50_000), "huge.jpg");
            assertEquals(Outcome.REFUSED_TOO_LARGE, jpg.outcome(), policy + ": " + jpg.message());
            assertEquals(50_000, jpg.sourceHeight());
        }
        // 400 MP is over maxPixels but under the hard limit: subsampling is attempted (at 1/20 scale, so only
        // a 1000x1000 buffer), and the missing pixel data makes it CORRUPT rather than an OutOfMemoryError.
        ImageDecoder sub = new ImageDecoder(ImageDecoder.Options.defaults());
        DecodedImage big = sub.decode(ImageFixtures.pngHeaderOnly(20_000, 20_000), "big.png");
        assertEquals(Outcome.CORRUPT, big.outcome(), big.message());
        assertEquals(Outcome.REFUSED_TOO_LARGE, new ImageDecoder(new ImageDecoder.Options(40_000_000L, 1024,
                OversizePolicy.REFUSE)).decode(ImageFixtures.pngHeaderOnly(20_000, 20_000), "big.png").outcome());
    }

    @Test
    void largeImagesAreSubsampledOrRefused() {
        byte[] png = ImageFixtures.png(gradient(2000, 1000));
        DecodedImage d = new ImageDecoder(new ImageDecoder.Options(1_000_000L, 512, OversizePolicy.SUBSAMPLE))
                .decode(png, "wide.png");
        assertEquals(Outcome.OK, d.outcome(), d.message());
        assertEquals(4, d.subsampling());
        assertEquals(500, d.image().getWidth());
        assertEquals(250, d.image().getHeight());
        assertEquals(2000, d.sourceWidth());
        assertEquals(1000, d.sourceHeight());
        ImageDecoder refusing = new ImageDecoder(new ImageDecoder.Options(1_000_000L, 512, OversizePolicy.REFUSE));
        assertEquals(Outcome.REFUSED_TOO_LARGE, refusing.decode(png, "wide.png").outcome());
        assertEquals(1L, refusing.counts().get(Outcome.REFUSED_TOO_LARGE));
        assertEquals(0L, refusing.counts().get(Outcome.OK));
    }

    @Test
    void filesMissingAndPresent(@TempDir Path dir) throws IOException {
        DecodedImage missing = decoder.decode(dir.resolve("nope.jpg"));
        assertEquals(Outcome.MISSING, missing.outcome());
        assertTrue(missing.message().contains("nope.jpg"), missing.message());
        Path f = dir.resolve("ok.jpg");
        Files.write(f, ImageFixtures.jpeg(gradient(30, 20), true));
        DecodedImage ok = decoder.decode(f);
        assertTrue(ok.isOk(), ok.message());
        assertEquals(Files.size(f), ok.fileBytes());
        assertEquals(1L, decoder.counts().get(Outcome.MISSING));
        assertEquals(1L, decoder.counts().get(Outcome.OK));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder.Options(0, 1024, OversizePolicy.REFUSE));
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder.Options(10, 8, OversizePolicy.REFUSE));
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder.Options(10, 1024, null));
        assertFalse(decoder.decode(new byte[] {1, 2, 3}, "x").isOk());
    }

    // ---- libjpeg-turbo against ImageIO ----

    /** The README's test command installs libturbojpeg0 and sets this, so that CI cannot skip the fast path. */
    static boolean turboRequired() {
        return "1".equals(System.getenv("HYPERFUSION_REQUIRE_TURBOJPEG"));
    }

    static TurboJpeg turbo() {
        TurboJpeg t = TurboJpeg.get();
        if (turboRequired()) {
            assertTrue(t != null, "libturbojpeg is required here (HYPERFUSION_REQUIRE_TURBOJPEG=1) but was not loaded");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(t != null, "libturbojpeg0 is not installed");
        return t;
    }

    static byte[] resource(String name) throws IOException {
        try (var in = ImageDecoderTest.class.getResourceAsStream("/jpeg/" + name)) {
            assertTrue(in != null, name);
            return in.readAllBytes();
        }
    }

    static void assertSameDecode(DecodedImage expected, DecodedImage actual, String what) {
        assertEquals(expected.outcome(), actual.outcome(), what + ": " + actual.message());
        assertEquals(expected.format(), actual.format(), what);
        assertEquals(expected.sourceWidth(), actual.sourceWidth(), what);
        assertEquals(expected.sourceHeight(), actual.sourceHeight(), what);
        assertEquals(expected.subsampling(), actual.subsampling(), what);
        assertEquals(expected.fileBytes(), actual.fileBytes(), what);
        assertEquals(expected.warnings(), actual.warnings(), what);
        if (expected.isOk()) {
            assertEquals(BufferedImage.TYPE_INT_RGB, actual.image().getType(), what);
            assertTrue(Arrays.equals(Pixels.argb(expected.image()), Pixels.argb(actual.image())), what + ": pixels differ");
        }
    }

    @Test
    void turboJpegDecodesTheSamePixelsAsImageIo(@TempDir Path dir) throws IOException {
        TurboJpeg turbo = turbo();
        ImageDecoder fast = new ImageDecoder(ImageDecoder.Options.defaults(), turbo);
        ImageDecoder plain = new ImageDecoder(ImageDecoder.Options.defaults(), null);
        assertTrue(fast.usesTurboJpeg());
        assertFalse(plain.usesTurboJpeg());
        java.util.Map<String, byte[]> taken = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"hopper-444.jpg", "hopper-422.jpg", "hopper-420-odd.jpg",
                "hopper-progressive.jpg", "hopper-grey.jpg"}) {
            taken.put(name, resource(name));
        }
        taken.put("jdk-baseline", ImageFixtures.jpeg(gradient(121, 77), false));
        taken.put("jdk-progressive", ImageFixtures.jpeg(gradient(64, 200), true));
        BufferedImage grey = new BufferedImage(90, 60, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(gradient(90, 60), 0, 0, null);
        taken.put("jdk-grey", ImageFixtures.jpeg(grey, false));
        long before = fast.turboDecodes();
        for (var e : taken.entrySet()) {
            assertSameDecode(plain.decode(e.getValue(), e.getKey()), fast.decode(e.getValue(), e.getKey()), e.getKey());
        }
        assertEquals(before + taken.size(), fast.turboDecodes(), "every plain JPEG took the fast path");
        // From a file too.
        Path f = dir.resolve("h.jpg");
        Files.write(f, taken.get("hopper-422.jpg"));
        assertSameDecode(plain.decode(f), fast.decode(f), "file");
        assertEquals(before + taken.size() + 1, fast.turboDecodes());
    }

    @Test
    void turboJpegDeclinesWhatImageIoDecodesDifferently() throws IOException {
        TurboJpeg turbo = turbo();
        ImageDecoder fast = new ImageDecoder(new ImageDecoder.Options(40_000_000L, 256, OversizePolicy.SUBSAMPLE), turbo);
        ImageDecoder plain = new ImageDecoder(new ImageDecoder.Options(40_000_000L, 256, OversizePolicy.SUBSAMPLE), null);
        byte[] good = ImageFixtures.jpeg(gradient(200, 100), false);
        java.util.Map<String, byte[]> declined = new java.util.LinkedHashMap<>();
        declined.put("icc profile", resource("hopper-icc.jpg"));
        declined.put("adobe cmyk", ImageFixtures.adobeFourChannel(32, 16, new int[] {0, 255, 255, 255}, 0));
        declined.put("subsampled", ImageFixtures.jpeg(gradient(600, 300), false));
        declined.put("truncated", Arrays.copyOf(good, good.length * 2 / 3));
        declined.put("forged size", ImageFixtures.jpegClaiming(60_000, 60_000));
        declined.put("png", ImageFixtures.png(gradient(20, 10)));
        declined.put("empty", new byte[0]);
        for (var e : declined.entrySet()) {
            assertSameDecode(plain.decode(e.getValue(), e.getKey()), fast.decode(e.getValue(), e.getKey()), e.getKey());
        }
        assertEquals(0, fast.turboDecodes(), "nothing above goes through libjpeg-turbo");
        assertFalse(TurboJpeg.plainJpeg(declined.get("icc profile")));
        assertFalse(TurboJpeg.plainJpeg(declined.get("adobe cmyk")));
        assertTrue(TurboJpeg.plainJpeg(good));
        assertEquals(Outcome.OK, fast.decode(good, "good").outcome());
        assertEquals(1, fast.turboDecodes());
    }
}
