package io.hyperfusion.app.bench;

import io.hyperfusion.data.synth.SyntheticWorld;
import io.hyperfusion.data.synth.WorldSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The generator settings of a suite's synthetic world, and generating it once. */
final class WorldOptions {
    static final Set<String> KEYS = Set.of("posts", "users", "character", "drift", "late_authors", "cold_start",
            "hidden_signal");

    private WorldOptions() {
    }

    /** The world's spec for a seed; unknown keys are refused. */
    static WorldSpec spec(Map<String, Object> generate, long seed) {
        for (String k : generate.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown generator setting '" + k + "'; known: " + new TreeSet<>(KEYS));
            }
        }
        WorldSpec base = new WorldSpec(intOf(generate, "posts", 4000), intOf(generate, "users", 400), seed,
                WorldSpec.DEFAULT_TEST_FRACTION, 2);
        Object c = generate.get("character");
        WorldSpec ws = c == null ? base : base.withCharacter(io.hyperfusion.data.synth.WorldCharacter.parse(c.toString()));
        return ws.withCharacter(doubleOf(generate, "drift", ws.drift()), doubleOf(generate, "late_authors", ws.lateAuthors()),
                generate.containsKey("cold_start") ? Boolean.TRUE.equals(generate.get("cold_start")) : ws.coldStart(),
                doubleOf(generate, "hidden_signal", ws.hiddenSignal()));
    }

    /** Generates the world into {@code root} unless a complete one is already there. */
    static void ensure(Map<String, Object> generate, long seed, Path root, PrintWriter err) {
        if (Files.isRegularFile(root.resolve("ground_truth.json"))) {
            return;
        }
        WorldSpec spec = spec(generate, seed);
        deleteRecursively(root); // a world whose generation was interrupted (no ground_truth.json yet)
        err.printf("generating world %s (%,d posts, %,d authors, drift %s, late authors %s, cold start %s, hidden %s)%n",
                root, spec.posts(), spec.users(), spec.drift(), spec.lateAuthors(), spec.coldStart(), spec.hiddenSignal());
        err.flush();
        SyntheticWorld.generate(spec, root);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the incomplete world " + dir, e);
        }
    }

    private static double doubleOf(Map<String, Object> m, String k, double dflt) {
        Object v = m.get(k);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("generator setting '" + k + "' must be a number, got " + v);
        }
        return n.doubleValue();
    }

    private static int intOf(Map<String, Object> m, String k, int dflt) {
        Object v = m.get(k);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("generator setting '" + k + "' must be an integer, got " + v);
        }
        return n.intValue();
    }
}
