package io.hyperfusion.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.app.HyperFusionCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hyperfusion generate} with world-character presets and knobs, on 40-post worlds. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HyperFusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private JsonNode generate(String name, String... extra) throws IOException {
        String[] base = {"generate", "--posts", "40", "--users", "8", "--seed", "3", "--threads", "1",
            "--out", dir.resolve(name).toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Run r = run(args);
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(dir.resolve(name).resolve("ground_truth.json").toFile()).get("spec");
    }

    @Test
    void presetSetsTheKnobsAndExplicitOptionsOverrideIt() throws IOException {
        JsonNode mixed = generate("mixed", "--character", "mixed");
        assertEquals(0.5, mixed.get("drift").asDouble());
        assertEquals(0.3, mixed.get("late_authors").asDouble());
        assertTrue(mixed.get("cold_start").asBoolean());
        assertEquals(0.5, mixed.get("hidden_signal").asDouble());

        JsonNode tuned = generate("tuned", "--character", "COLDSTART", "--cold-start=false", "--drift", "0.25",
                "--hidden-signal", "2");
        assertEquals(0.25, tuned.get("drift").asDouble());
        assertEquals(0.5, tuned.get("late_authors").asDouble(), "from the preset");
        assertFalse(tuned.get("cold_start").asBoolean(), "overridden");
        assertEquals(2.0, tuned.get("hidden_signal").asDouble());

        JsonNode single = generate("single", "--late-authors", "0.4", "--cold-start");
        assertEquals(0.0, single.get("drift").asDouble());
        assertEquals(0.4, single.get("late_authors").asDouble());
        assertTrue(single.get("cold_start").asBoolean());
    }

    @Test
    void defaultOptionsWriteTheOriginalWorld() throws IOException {
        JsonNode plain = generate("plain");
        assertFalse(plain.has("drift"), plain.toString());
        JsonNode named = generate("named", "--character", "default", "--late-authors", "0.12");
        assertEquals(plain, named);
        assertEquals(Files.readString(dir.resolve("plain/train/train_label.txt")),
                Files.readString(dir.resolve("named/train/train_label.txt")));
        assertEquals(Files.readString(dir.resolve("plain/hidden/components.csv")),
                Files.readString(dir.resolve("named/hidden/components.csv")));
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        String[][] cases = {
            {"--drift", "-1", "drift must be a finite number >= 0"},
            {"--drift", "abc", "not a number"},
            {"--late-authors", "1", "late_authors must be in [0, 1)"},
            {"--late-authors", "-0.2", "late_authors must be in [0, 1)"},
            {"--hidden-signal", "NaN", "hidden_signal must be a finite number >= 0"},
            {"--character", "spicy", "default, drift, coldstart, hidden, mixed"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad");
            Run r = run("generate", "--posts", "40", "--users", "8", "--out", out.toString(), c[0], c[1]);
            assertNotEquals(0, r.exit(), String.join(" ", c));
            assertTrue(r.err().contains(c[0]) && r.err().contains(c[1]) && r.err().contains(c[2]),
                    String.join(" ", c) + " -> " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + c[0] + " " + c[1]);
        }
    }

    @Test
    void helpDocumentsEveryKnob() {
        Run r = run("generate", "--help");
        assertEquals(0, r.exit());
        assertFalse(r.err().contains("WARN"), "help text must format cleanly (a bare % breaks it): " + r.err());
        for (String s : new String[] {"--character", "--drift", "--late-authors", "--cold-start", "--hidden-signal",
            "coldstart", "mixed"}) {
            assertTrue(r.out().contains(s), s);
        }
    }
}
