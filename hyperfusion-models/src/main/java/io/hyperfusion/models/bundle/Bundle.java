package io.hyperfusion.models.bundle;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A verified model bundle on disk: its {@link Manifest} and directory; obtained from {@link BundleReader#open}
 * or {@link BundleWriter#write}.
 *
 * @param dir      the bundle directory (absolute, normalised)
 * @param manifest its manifest, whose file hashes have been checked
 */
public record Bundle(Path dir, Manifest manifest) {

    public Bundle {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(manifest, "manifest");
    }

    /**
     * A path inside the bundle, e.g. {@code resolve("tier1/lightgbm")}.
     *
     * @throws IllegalArgumentException when the path is absolute or leaves the bundle directory
     */
    public Path resolve(String relativePath) {
        return resolveInside(dir, relativePath);
    }

    static Path resolveInside(Path dir, String relativePath) {
        Path rel = dir.getFileSystem().getPath(relativePath);
        Path p = dir.resolve(rel).normalize();
        if (rel.isAbsolute() || !p.startsWith(dir)) {
            throw new IllegalArgumentException("expected a path inside the bundle " + dir + ", got '"
                    + relativePath + "'");
        }
        return p;
    }
}
