package io.hyperfusion.models.bundle;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a bundle's files (everything but {@code manifest.json}) into a given, empty directory. */
@FunctionalInterface
public interface BundleContents {

    /** Writes the files into {@code dir}, typically into subfolders such as {@code tier1/lightgbm}. */
    void writeTo(Path dir) throws IOException;
}
