package io.hyperfusion.app.io;

import io.hyperfusion.features.cache.Hashing;
import io.hyperfusion.models.bundle.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static String sha256(Path f) {
        return Hashing.sha256(f);
    }
}
