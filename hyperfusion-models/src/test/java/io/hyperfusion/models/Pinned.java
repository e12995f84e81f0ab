package io.hyperfusion.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Scores pinned where training is deterministic (same data, seed and thread count give the same model): the tests
 * assert the measured score within {@link #TOLERANCE} of the value in {@value #FILE}, the one place the pinned values
 * live, so a real loss of accuracy fails a test instead of passing a floor far below.
 *
 * <p>To re-measure after an intended change (a new default, new features): {@code scripts/repin.sh}, which runs the
 * pinned tests with {@code -Dhyperfusion.repin=true}; each then writes what it measured into the file instead of
 * asserting. Review the diff of the file, then commit it with the change that moved the scores.
 */
public final class Pinned {
    /** The file, a test resource of hyperfusion-models. */
    public static final String FILE = "pinned-scores.properties";
    /**
     * How far a score may move: the same machine reproduces the pinned value bit for bit, and the tests' MKL runs in
     * its reproducible mode ({@code MKL_CBWR=COMPATIBLE}, set by the surefire configuration), so the networks train
     * the same on every x86 CPU; what another CPU may still round differently (ONNX Runtime's encoders, README "What
     * the same seed promises") must stay within this, while a lost feature group or a broken member moves a score by
     * several times more.
     */
    public static final double TOLERANCE = 0.01;

    private Pinned() {
    }

    /** Asserts {@code measured} within the tolerance of the pinned {@code key}, or re-pins it in repin mode. */
    public static void assertScore(String key, double measured) {
        System.out.printf(Locale.ROOT, "PINNED %s measured %.4f%n", key, measured);
        if (Boolean.getBoolean("hyperfusion.repin")) {
            repin(key, measured);
            return;
        }
        String pinned = load().getProperty(key);
        if (pinned == null) {
            throw new AssertionError("no pinned score '" + key + "' in " + FILE + " (measured "
                    + String.format(Locale.ROOT, "%.4f", measured) + "; run scripts/repin.sh)");
        }
        assertEquals(Double.parseDouble(pinned), measured, TOLERANCE, key + ": measured "
                + String.format(Locale.ROOT, "%.4f", measured) + ", pinned " + pinned + " in " + FILE
                + " (an intended change? re-measure with scripts/repin.sh)");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Pinned.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the test class path");
            }
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the key's line of the source file (HYPERFUSION_HOME is the repository, as the build sets it). */
    private static synchronized void repin(String key, double measured) {
        String home = System.getenv("HYPERFUSION_HOME");
        Path file = Path.of(home == null ? "." : home, "hyperfusion-models/src/test/resources/io/hyperfusion/models",
                FILE);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            String line = key + " = " + String.format(Locale.ROOT, "%.4f", measured);
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(key + " ") || lines.get(i).startsWith(key + "=")) {
                    at = i;
                }
            }
            if (at >= 0) {
                lines.set(at, line);
            } else {
                lines.add(line);
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-pin " + key + " in " + file, e);
        }
    }
}
