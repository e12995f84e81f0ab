package io.hyperfusion.data.smpd;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Test helpers: fixture folders on the class path, copies to edit, small files and real images. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixture folder {@code fixtures/<name>} from the test class path. */
    public static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a fixture folder under {@code dir}, to modify in a test. */
    public static Path copy(String name, Path dir) throws IOException {
        Path src = fixture(name);
        Path dst = dir.resolve(name);
        try (Stream<Path> files = Files.walk(src)) {
            files.forEach(p -> {
                try {
                    Path t = dst.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return dst;
    }

    /** Writes text to root/relative, creating folders. */
    public static Path write(Path root, String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** Writes a real 4x4 image with ImageIO in the given format ("jpg", "png"). */
    public static Path image(Path root, String relative, String format) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, 0x336699);
        if (!ImageIO.write(img, format, p.toFile())) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return p;
    }
}
