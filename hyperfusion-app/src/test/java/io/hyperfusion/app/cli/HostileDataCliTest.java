package io.hyperfusion.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.app.HyperFusionCli;
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.jsonl.JsonlPostWriter;
import io.hyperfusion.data.smpd.SmpdImageReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line on poisoned data (issue 13): an author row with a value beyond float range, an absurd label,
 * an image path leading out of the data set. One bad row is a counted skip naming file, line and field (or an
 * error naming them under --on-bad-row=fail); it never loses the other rows.
 */
class HostileDataCliTest {
    /** No image or text embeddings (fast), and an XGBoost member: the library that choked on 1e40. */
    private static final String CONFIG = """
            {"features": "meta,time,text,user,history", "folds": 2, "foldScheme": "user", "validFraction": 0.15,
             "tier1": [], "tier2": [{"name": "xgb", "family": "xgboost", "groups": [],
               "options": {"eta": 0.1, "max_depth": 4, "num_round": 40}}],
             "blendRidge": 0.001, "pseudo": {"rounds": 0, "fraction": 0.3, "weight": 0.5, "minImprovement": 0.0005},
             "refit": true, "seed": 1, "threads": 1}""";

    @TempDir
    static Path dir;
    static Path world;
    static Path config;
    static Path model;

    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HyperFusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @BeforeAll
    static void worldAndModel() throws IOException {
        world = dir.resolve("world");
        Run g = run("generate", "--posts", "600", "--users", "60", "--seed", "13", "--out", world.toString());
        assertEquals(0, g.exit(), g.err());
        // The same posts as JSONL inside the world's folder, so image paths stay inside the data set's root.
        PostDataset ds = new SmpdImageReader().read(world, new ReadOptions(BadRowPolicy.FAIL, false));
        new JsonlPostWriter().write(ds, world);
        config = Files.writeString(dir.resolve("config.json"), CONFIG);
        model = dir.resolve("model");
        Run t = run("train", "--data", world.toString(), "--format", "jsonl", "--config", config.toString(),
                "--out", model.toString());
        assertEquals(0, t.exit(), t.err());
    }

    /** A copy of the JSONL posts and users with {@code edit} applied to the lines of {@code file}. */
    static Path poisoned(String name, String file, java.util.function.UnaryOperator<List<String>> edit) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        for (String f : List.of("posts.jsonl", "users.jsonl")) {
            List<String> lines = Files.readAllLines(world.resolve(f));
            Files.write(d.resolve(f), f.equals(file) ? edit.apply(new ArrayList<>(lines)) : lines);
        }
        return d;
    }

    @Test
    void anAuthorWithPhotoCount1e40NeitherLosesThePostsNorGoesUnnamed() throws IOException {
        Path data = poisoned("poisoned-author", "users.jsonl", lines -> {
            lines.set(4, lines.get(4).replaceFirst("\"photo_count\":[^,}]*", "\"photo_count\":1e40"));
            return lines;
        });
        assertTrue(Files.readAllLines(data.resolve("users.jsonl")).get(4).contains("1e40"));
        Path csv = dir.resolve("poisoned.csv");
        Run p = run("predict", "--model", model.toString(), "--data", data.toString(), "--format", "jsonl",
                "--split", "all", "--out", csv.toString(), "--no-image-check");
        assertEquals(0, p.exit(), p.err());
        assertEquals(601, Files.readAllLines(csv).size(), "a header and all 600 posts");
        assertTrue(p.err().contains("users.jsonl line 5: bad photo_count: out of range: 1.0E40"), p.err());

        Run strict = run("predict", "--model", model.toString(), "--data", data.toString(), "--format", "jsonl",
                "--split", "all", "--out", dir.resolve("strict.csv").toString(), "--on-bad-row=fail", "--no-image-check");
        assertEquals(1, strict.exit());
        assertTrue(strict.err().contains("users.jsonl (line 5): bad photo_count: out of range"), strict.err());
    }

    @Test
    void anOutlierLabelIsSkippedByDefaultAndAConstantModelIsNeverWritten() throws IOException {
        Path data = poisoned("outlier-label", "posts.jsonl", lines -> {
            lines.set(0, lines.get(0).replaceFirst("\"label\":[^,}]*", "\"label\":-1000000.0"));
            return lines;
        });
        Path out = dir.resolve("outlier-model");
        Run t = run("train", "--data", data.toString(), "--format", "jsonl", "--config", config.toString(),
                "--out", out.toString(), "--no-image-check");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.err().contains("1 absurd label(s) skipped"), t.err());
        assertTrue(t.err().contains("absurd label: -1000000.0 is outside"), t.err());

        // Let the label through: the model then predicts one value for every post and is refused.
        Path refused = dir.resolve("refused-model");
        Run r = run("train", "--data", data.toString(), "--format", "jsonl", "--config", config.toString(),
                "--out", refused.toString(), "--label-range=-2e6:100", "--no-image-check");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("error: refusing to write the model bundle: it predicts"), r.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("refused-model")),
                    "neither the bundle nor a temporary folder is left");
        }
    }

    @Test
    void anImagePathOutsideTheDataSetIsRefusedAndNamed() throws IOException {
        Path data = poisoned("escape", "posts.jsonl", lines -> {
            lines.set(2, lines.get(2).replaceFirst("\"image\":\"[^\"]*\"", "\"image\":\"../../../../etc/passwd\""));
            return lines;
        });
        Path csv = dir.resolve("escape.csv");
        Run p = run("predict", "--model", model.toString(), "--data", data.toString(), "--format", "jsonl",
                "--split", "all", "--out", csv.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals(601, Files.readAllLines(csv).size());
        assertTrue(p.err().contains("posts.jsonl line 3: bad image: path outside the data set root")
                && p.err().contains("'../../../../etc/passwd'"), p.err());
        Run fail = run("predict", "--model", model.toString(), "--data", data.toString(), "--format", "jsonl",
                "--split", "all", "--out", csv.toString(), "--on-bad-row=fail");
        assertEquals(1, fail.exit());
        assertTrue(fail.err().contains("posts.jsonl (line 3): bad image"), fail.err());
    }
}
