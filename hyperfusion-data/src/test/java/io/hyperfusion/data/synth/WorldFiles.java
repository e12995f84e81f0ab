package io.hyperfusion.data.synth;

import java.io.IOException;
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
import java.util.stream.Stream;

/** Test helpers: file hashes and the hidden components table of a generated world. */
final class WorldFiles {

    private WorldFiles() {
    }

    /** SHA-256 of every file under {@code root}, by relative path. */
    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code hidden/components.csv} as header-keyed rows (no field contains a comma). */
    static List<Map<String, String>> components(Path root) {
        try {
            List<String> lines = Files.readAllLines(root.resolve("hidden/components.csv"));
            String[] header = lines.get(0).split(",");
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length != header.length) {
                    throw new IllegalStateException("components.csv: " + f.length + " fields, expected "
                            + header.length + ": " + line);
                }
                Map<String, String> row = new TreeMap<>();
                for (int i = 0; i < f.length; i++) {
                    row.put(header[i], f[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
