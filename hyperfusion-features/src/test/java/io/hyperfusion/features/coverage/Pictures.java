package io.hyperfusion.features.coverage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Small deterministic pictures for the coverage fixtures, written as JPEG with javax.imageio: picture {@code n} is a
 * two-colour gradient whose hues depend on {@code n}, with a disc, a bar pattern or a checkerboard on top, so that
 * different numbers give visibly different images (and different MobileNetV2 embeddings and image statistics).
 * Each picture is encoded once per instance: a coverage run writes the same pictures for every mutation.
 */
final class Pictures {
    static final int SIDE = 96;

    private final Map<Integer, byte[]> jpegs = new HashMap<>();

    /** Writes picture {@code n} as a JPEG at {@code file}, creating its folder. */
    void write(Path file, int n) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, jpegs.computeIfAbsent(n, Pictures::jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write picture " + n + " to " + file, e);
        }
    }

    private static byte[] jpeg(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(draw(n), "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode picture " + n, e);
        }
        return out.toByteArray();
    }

    static BufferedImage draw(int n) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        float hueA = (n * 0.137f) % 1f;
        float hueB = (hueA + 0.3f + (n % 5) * 0.1f) % 1f;
        int shape = n % 3;
        double cx = SIDE * (0.3 + 0.4 * ((n * 7) % 11) / 10.0);
        double cy = SIDE * (0.3 + 0.4 * ((n * 3) % 7) / 6.0);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float t = (x + y) / (2f * SIDE);
                int rgb = java.awt.Color.HSBtoRGB(hueA + t * 0.2f, 0.4f + 0.5f * t, 0.35f + 0.6f * (1 - t));
                boolean on = switch (shape) {
                    case 0 -> Math.hypot(x - cx, y - cy) < SIDE * (0.15 + 0.02 * (n % 6));
                    case 1 -> ((x + n) / (4 + n % 5)) % 2 == 0;
                    default -> ((x / (6 + n % 4)) + (y / (6 + n % 4))) % 2 == 0;
                };
                img.setRGB(x, y, on ? java.awt.Color.HSBtoRGB(hueB, 0.9f, 0.95f) : rgb);
            }
        }
        return img;
    }
}
