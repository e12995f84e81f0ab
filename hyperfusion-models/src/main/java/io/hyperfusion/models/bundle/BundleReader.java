package io.hyperfusion.models.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.models.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a model bundle and verifies it: the manifest must exist and be of a supported format, and every file
 * it lists must be present with the recorded SHA-256. Files present but not listed are ignored.
 */
public final class BundleReader {

    private BundleReader() {
    }

    /**
     * Opens and verifies the bundle in {@code dir}.
     *
     * @throws BundleException naming the file: missing or malformed manifest, a format newer than
     *                         {@link Manifest#CURRENT_FORMAT} or otherwise unknown, a listed file that is absent
     *                         or whose SHA-256 differs (expected and actual hash in the message)
     */
    public static Bundle open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path manifestFile = root.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new BundleException(manifestFile, Files.isDirectory(root)
                    ? "no " + Manifest.FILE_NAME + ": not a model bundle" : "bundle directory does not exist");
        }
        Manifest manifest = readManifest(manifestFile);
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            Path file;
            try {
                file = Bundle.resolveInside(root, e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new BundleException(manifestFile, "lists a file outside the bundle: '" + e.getKey() + "'");
            }
            if (!Files.isRegularFile(file)) {
                throw new BundleException(file, "listed in " + Manifest.FILE_NAME + " but missing");
            }
            String actual = BundleFiles.sha256(file);
            if (!actual.equalsIgnoreCase(e.getValue())) {
                throw new BundleException(file, "SHA-256 mismatch for '" + e.getKey() + "': expected "
                        + e.getValue() + ", got " + actual + " (file changed after the bundle was written)");
            }
        }
        return new Bundle(root, manifest);
    }

    private static Manifest readManifest(Path file) throws BundleException {
        JsonNode root;
        try {
            root = Json.reader().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new BundleException(file, "not valid JSON: " + e.getMessage(), e);
        }
        JsonNode v = root == null ? null : root.get("formatVersion");
        if (v == null || !v.canConvertToExactIntegral() || v.asInt() < 1) {
            throw new BundleException(file, "unknown bundle format: expected a positive integer 'formatVersion', got "
                    + v);
        }
        int version = v.asInt();
        if (version > Manifest.CURRENT_FORMAT) {
            throw new BundleException(file, "bundle format " + version + " is newer than this build supports ("
                    + Manifest.CURRENT_FORMAT + ")");
        }
        try {
            return Json.reader().treeToValue(root, Manifest.class);
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file, "invalid manifest: " + e.getMessage(), e);
        }
    }
}
