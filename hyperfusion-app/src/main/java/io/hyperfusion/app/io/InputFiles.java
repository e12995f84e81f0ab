package io.hyperfusion.app.io;

import io.hyperfusion.models.bundle.Manifest;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata files a data set was read from, with their SHA-256 and row counts, for a model's provenance: a
 * bundle records exactly which inputs it was trained on (images are not hashed: they can be 36 GB).
 */
public final class InputFiles {
    private InputFiles() { }

    /**
     * The files a reader read, with their hashes and row counts.
     *
     * @param root the data set root (a folder, or the file itself for a single-file data set)
     * @param rows rows read per file, keyed by path relative to the root (the load summary's rows)
     */
    public static List<Manifest.InputFile> of(Path root, Map<String, Long> rows) {
        List<Manifest.InputFile> out = new ArrayList<>();
        Path base = Files.isRegularFile(root) ? root.toAbsolutePath().getParent() : root;
        for (Map.Entry<String, Long> e : new TreeMap<>(rows).entrySet()) {
            Path f = base.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                f = root; // a single-file data set names its one file
            }
            out.add(new Manifest.InputFile(e.getKey(), sha256(f), e.getValue()));
        }
        return out;
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
