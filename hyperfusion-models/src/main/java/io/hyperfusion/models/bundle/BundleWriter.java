package io.hyperfusion.models.bundle;

import io.hyperfusion.models.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a model bundle atomically: all files go into a temporary directory beside the target, their SHA-256
 * hashes into {@code manifest.json} (written last), and only then is the directory moved into place.
 *
 * <p>A failure at any point before the final move leaves an existing bundle at the target untouched and
 * removes the temporary directory. An existing target is first renamed aside, the new bundle renamed into
 * place, and the old one deleted; if the second rename fails the old bundle is renamed back. Both renames are
 * {@link StandardCopyOption#ATOMIC_MOVE} within one directory, so the target path never shows a half-written
 * bundle. Concurrent writers to the same target are not coordinated: the last one wins. The working folders
 * carry the writer's process id, so a write also removes those a killed writer left behind ({@link StaleTemps}).
 */
public final class BundleWriter {

    private BundleWriter() {
    }

    /**
     * Writes {@code contents} and a manifest built from {@code partial} (its {@code files} are replaced by the
     * hashes of what was written) to {@code target}, replacing any bundle already there.
     *
     * @return the written bundle
     * @throws IllegalArgumentException when {@code contents} writes its own {@code manifest.json}
     */
    public static Bundle write(Path target, Manifest partial, BundleContents contents) throws IOException {
        Objects.requireNonNull(partial, "partial");
        Objects.requireNonNull(contents, "contents");
        Path dest = target.toAbsolutePath().normalize();
        Path parent = dest.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("bundle target must not be a file-system root, got " + target);
        }
        Files.createDirectories(parent);
        String name = dest.getFileName().toString();
        StaleTemps.clean(parent, name); // what a killed writer left behind
        Path tmp = Files.createTempDirectory(parent, StaleTemps.prefix(name, "tmp"));
        try {
            contents.writeTo(tmp);
            Path manifestFile = tmp.resolve(Manifest.FILE_NAME);
            if (Files.exists(manifestFile)) {
                throw new IllegalArgumentException("bundle contents must not write " + Manifest.FILE_NAME
                        + "; the writer creates it");
            }
            Map<String, String> hashes = BundleFiles.hashTree(tmp);
            Manifest manifest = partial.sealed(hashes);
            Files.writeString(manifestFile, Json.writer().writeValueAsString(manifest));
            replace(tmp, dest);
            return new Bundle(dest, manifest);
        } catch (IOException | RuntimeException | Error e) {
            try {
                BundleFiles.deleteTree(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void replace(Path tmp, Path dest) throws IOException {
        if (!Files.exists(dest)) {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // Reserve a unique name beside the target, then rename the old bundle onto it.
        Path aside = Files.createTempDirectory(dest.getParent(), StaleTemps.prefix(dest.getFileName().toString(), "old"));
        Files.delete(aside);
        Files.move(dest, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(aside, dest, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        BundleFiles.deleteTree(aside);
    }
}
