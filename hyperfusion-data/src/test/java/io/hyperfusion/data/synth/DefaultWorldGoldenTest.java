package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default world's bytes are frozen: the hash below was computed from the generator before the world
 * character knobs (drift, late authors / cold start, hidden signal) existed, so a default spec must keep
 * writing exactly the same files. Other tests and recorded figures depend on it.
 */
class DefaultWorldGoldenTest {

    /** SHA-256 over "path=sha256\n" of every non-image file of {@code WorldSpec.of(120, 30, 99)}, paths sorted. */
    static final String GOLDEN_FILES = "77dd5536ac0006472908eb2df90d288121db653444dc3b274c1ec46bf4998a99";
    /** The same over the 120 JPEG files (kept apart: a JDK whose JPEG encoder changed fails only this one). */
    static final String GOLDEN_IMAGES = "b911fab89c66c82735aecfca45cb0cd05c6aef6a4b5e51f01899fc233aa1de49";

    @TempDir
    Path tmp;

    @Test
    void defaultSpecWritesTheFrozenBytes() throws IOException {
        Path world = SyntheticWorld.generate(WorldSpec.of(120, 30, 99L), tmp.resolve("w")).out();
        Map<String, String> all = WorldFiles.hashes(world);
        Map<String, String> files = new TreeMap<>();
        Map<String, String> images = new TreeMap<>();
        all.forEach((path, sha) -> (path.endsWith(".jpg") ? images : files).put(path, sha));
        assertEquals(120, images.size());
        assertEquals(GOLDEN_FILES, digest(files), "metadata, labels or ground truth of the default world changed");
        assertEquals(GOLDEN_IMAGES, digest(images), "images of the default world changed");
    }

    static String digest(Map<String, String> hashes) {
        StringBuilder sb = new StringBuilder();
        hashes.forEach((path, sha) -> sb.append(path.replace('\\', '/')).append('=').append(sha).append('\n'));
        return WorldFiles.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
