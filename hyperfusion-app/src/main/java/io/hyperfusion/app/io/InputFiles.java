package io.hyperfusion.app.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The metadata files of a data set (JSON, JSON lines, text and CSV; not images) with their SHA-256, for a
 * model's provenance: a bundle records exactly which inputs it was trained on.
 */
public final class InputFiles {
    private InputFiles() { }

    /**
     * One input file.
     *
     * @param path   path relative to the data root
     * @param sha256 hex digest of the bytes
     * @param bytes  file size
     */
    public record Input(String path, String sha256, long bytes) { }

    /** The metadata files under {@code root} (a file or a folder, searched two levels deep), sorted by path. */
    public static List<Input> list(Path root) {
        List<Input> out = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            out.add(new Input(root.getFileName().toString(), sha256(root), size(root)));
            return out;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path f : files.filter(Files::isRegularFile).filter(InputFiles::isMetadata).sorted().toList()) {
                out.add(new Input(root.relativize(f).toString(), sha256(f), size(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list input files under " + root, e);
        }
        return out;
    }

    private static boolean isMetadata(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".txt") || n.endsWith(".csv");
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read size of " + f, e);
        }
    }

    /** Hex SHA-256 of a file's bytes, streamed. */
    public static String sha256(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + f, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
