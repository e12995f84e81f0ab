package io.hyperfusion.features.encode.mobilenet;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/** Extracts selected regular files of a .tgz (as npm packs them). */
final class TarGz {

    private TarGz() {
    }

    /** Extracts the regular files whose entry names pass {@code keep}; refuses names that escape {@code dest}. */
    static int extract(Path tgz, Path dest, Predicate<String> keep) throws IOException {
        Path root = dest.toAbsolutePath().normalize();
        int count = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tgz));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (!e.isFile() || !keep.test(e.getName())) {
                    continue;
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(tgz + ": entry '" + e.getName() + "' would be written outside " + root);
                }
                Files.createDirectories(target.getParent());
                Files.copy(tar, target);
                count++;
            }
        }
        if (count == 0) {
            throw new IOException(tgz + ": no entries matched what the installer needs");
        }
        return count;
    }
}
