package io.hyperfusion.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.models.Pinned;
import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.app.io.ScoreJoin;
import io.hyperfusion.data.eval.Metrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end on a small generated world: generate → train → predict → evaluate. */
class CliEndToEndTest {

    @TempDir
    static Path dir;
    static Path world;
    static Path model;

    record Run(int exit, String out, String err) { }

    /** Train and predict get the test's cache and the repo's installed models (./hyperfusion models install). */
    static Run run(String... given) {
        String[] args = given;
        if (given.length > 0 && (given[0].equals("train") || given[0].equals("predict"))) {
            args = java.util.Arrays.copyOf(given, given.length + 4);
            args[given.length] = "--cache";
            args[given.length + 1] = dir.resolve("cache.duckdb").toString();
            args[given.length + 2] = "--models-dir";
            args[given.length + 3] = Path.of("").toAbsolutePath().getParent().resolve("models").toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HyperFusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnce() {
        world = dir.resolve("world");
        model = dir.resolve("model");
        Run g = run("generate", "--posts", "800", "--users", "80", "--seed", "7", "--out", world.toString());
        assertEquals(0, g.exit(), g.err());
        Run t = run("train", "--data", world.toString(), "--format", "smpd-image", "--out", model.toString(), "--seed", "3",
                "--folds", "2", "--pseudo-rounds", "1");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("held-out"), t.out());
    }

    @Test
    void heldOutSrcIsThePinnedOneAndBelowTheCeiling() throws Exception {
        Path csv = dir.resolve("pred.csv");
        Run p = run("predict", "--model", model.toString(), "--data", world.toString(), "--split", "test", "--out", csv.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals("uid,pid,popularity_score", Files.readAllLines(csv).get(0));
        var j = ScoreJoin.of(ScoreFiles.read(csv), ScoreFiles.read(world.resolve("hidden/test_labels.csv")));
        assertTrue(j.unpredicted().isEmpty(), "every test post is predicted");
        double src = Metrics.report(j.truth(), j.predicted()).src();
        JsonNode gt = new ObjectMapper().readTree(world.resolve("ground_truth.json").toFile());
        double ceiling = gt.path("ceiling").path("test").path("src").asDouble();
        Pinned.assertScore("cli.test.src", src); // training is deterministic: the measured score, not a floor
        assertTrue(src < ceiling, "held-out SRC " + src + " cannot beat the ceiling " + ceiling);

        Run e = run("evaluate", "--predictions", csv.toString(), "--labels", world.resolve("hidden/test_labels.csv").toString());
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.out().contains(String.format("SRC    %.4f", src)), e.out());
    }

    @Test
    void submissionJsonHasTheSmpShape() throws Exception {
        Path json = dir.resolve("submission.json");
        assertEquals(0, run("predict", "--model", model.toString(), "--data", world.toString(), "--out", json.toString()).exit());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("VERSION 1.0", root.path("version").asText());
        assertEquals(160, root.path("result").size());
        assertTrue(root.path("result").get(0).has("post_id"));
        assertTrue(root.path("result").get(0).path("popularity_score").isNumber());
    }

    @Test
    void sameDataAndSeedGiveByteIdenticalPredictions() throws Exception {
        Path model2 = dir.resolve("model-again");
        assertEquals(0, run("train", "--data", world.toString(), "--out", model2.toString(), "--seed", "3",
                "--folds", "2", "--pseudo-rounds", "1").exit());
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertEquals(0, run("predict", "--model", model.toString(), "--data", world.toString(), "--out", a.toString()).exit());
        assertEquals(0, run("predict", "--model", model2.toString(), "--data", world.toString(), "--out", b.toString()).exit());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        Path model3 = dir.resolve("model-other-seed");
        Path c = dir.resolve("c.csv");
        assertEquals(0, run("train", "--data", world.toString(), "--out", model3.toString(), "--seed", "4",
                "--folds", "2", "--pseudo-rounds", "1").exit());
        assertEquals(0, run("predict", "--model", model3.toString(), "--data", world.toString(), "--out", c.toString()).exit());
        assertNotEquals(Files.readString(a), Files.readString(c), "another seed gives another model");
    }

    @Test
    void manifestRecordsProvenance() throws Exception {
        JsonNode m = new ObjectMapper().readTree(model.resolve("manifest.json").toFile());
        assertEquals(1, m.path("formatVersion").asInt());
        assertEquals(3, m.path("seed").asLong());
        assertTrue(m.path("trainingMetrics").path("valid_src").asDouble() > 0.2);
        boolean hasLabels = false;
        for (JsonNode in : m.path("inputs")) {
            if (in.path("name").asText().equals("train/train_label.txt")) {
                hasLabels = true;
                assertEquals(640, in.path("rows").asLong());
                assertEquals(64, in.path("sha256").asText().length());
            }
        }
        assertTrue(hasLabels, "inputs list the label file: " + m.path("inputs"));
    }

    @Test
    void tamperedBundleFailsWithAClearMessage() throws Exception {
        Path copy = dir.resolve("tampered");
        copyTree(model, copy);
        Path file = copy.resolve("popularity/features/pipeline.json.gz");
        String json;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(json.replace("\"meta\"", "\"meta\" ").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Run p = run("predict", "--model", copy.toString(), "--data", world.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(1, p.exit());
        assertTrue(p.err().startsWith("error: "), p.err());
        assertTrue(p.err().contains("pipeline.json"), p.err());
        assertEquals(1, p.err().strip().lines().count(), "one-line reason: " + p.err());
    }

    @Test
    void badInputGivesOneLineReasonAndNonZeroExit() {
        Run r = run("train", "--data", dir.resolve("nope").toString(), "--out", dir.resolve("m").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());
        Run f = run("train", "--data", world.toString(), "--format", "csv", "--out", dir.resolve("m").toString());
        assertEquals(1, f.exit());
        assertTrue(f.err().contains("format must be one of"), f.err());
        Run u = run("bogus");
        assertNotEquals(0, u.exit());
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
