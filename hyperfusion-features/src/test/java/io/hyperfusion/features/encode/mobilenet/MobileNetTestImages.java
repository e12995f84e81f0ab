package io.hyperfusion.features.encode.mobilenet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic test images for the MobileNetV2 reference fixture; {@link #main} writes them as PNGs to
 * {@code src/test/resources/mobilenet/} (run once; the PNGs are committed and read by the Node reference
 * script and the tests).
 */
public final class MobileNetTestImages {

    private MobileNetTestImages() {
    }

    /** File name to image, in fixture order; all are 224×224 except the last, which exercises resizing. */
    public static Map<String, BufferedImage> all() {
        Map<String, BufferedImage> m = new LinkedHashMap<>();
        m.put("gradient.png", draw(224, 224, (x, y) -> rgb(x * 255 / 223, y * 255 / 223, (x + y) * 255 / 446)));
        m.put("rings.png", draw(224, 224, (x, y) -> {
            double r = Math.hypot(x - 112, y - 100);
            int v = (int) Math.round(127.5 + 127.5 * Math.sin(r / 6.0));
            return rgb(v, 255 - v, (int) Math.min(255, r));
        }));
        SplittableRandom rnd = new SplittableRandom(20240607L);
        int[] blocks = new int[28 * 28];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = rnd.nextInt(1 << 24);
        }
        m.put("blocks.png", draw(224, 224, (x, y) -> blocks[(y / 8) * 28 + x / 8]));
        m.put("disk.png", draw(224, 224, (x, y) -> {
            double r = Math.hypot(x - 112, y - 120) / 80.0;
            if (r > 1) {
                return rgb(20 + y / 8, 24, 40);
            }
            double shade = 1 - 0.35 * r * r;
            return rgb((int) (224 * shade), (int) (172 * shade), (int) (140 * shade));
        }));
        m.put("wide-checker.png", draw(320, 200, (x, y) -> ((x / 20 + y / 20) % 2 == 0)
                ? rgb(x * 255 / 319, 40, 200) : rgb(250, y * 255 / 199, 30)));
        return m;
    }

    /** Writes every image as PNG into {@code args[0]} (default: the test resources folder). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "hyperfusion-features/src/test/resources/mobilenet");
        Files.createDirectories(dir);
        for (Map.Entry<String, BufferedImage> e : all().entrySet()) {
            ImageIO.write(e.getValue(), "png", dir.resolve(e.getKey()).toFile());
        }
    }

    private interface Pixel {
        int at(int x, int y);
    }

    private static BufferedImage draw(int w, int h, Pixel p) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, p.at(x, y));
            }
        }
        return img;
    }

    private static int rgb(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
