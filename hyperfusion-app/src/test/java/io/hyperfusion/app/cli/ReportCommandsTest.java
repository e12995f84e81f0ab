package io.hyperfusion.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.app.HyperFusionCli;
import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.app.io.Scored;
import io.hyperfusion.app.report.HtmlReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** report, ablate and predict --explain through the command line, on one small world and a fast configuration. */
class ReportCommandsTest {
    @TempDir
    static Path dir;
    static Path world;
    static Path model;
    static Path config;

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
    static void trainOnce() {
        world = dir.resolve("world");
        model = dir.resolve("model");
        config = dir.resolve("config.json");
        Map<String, Object> lgb = Map.of("num_iterations", 40, "learning_rate", 0.1, "num_leaves", 15, "min_data_in_leaf", 10);
        Map<String, Object> xgb = Map.of("num_round", 40, "eta", 0.1, "max_depth", 4);
        new HierarchyConfig("all", 3, "user", 0.15,
                List.of(new MemberSpec("temporal", "lightgbm", List.of("time", "meta"), lgb),
                        new MemberSpec("user", "lightgbm", List.of("user", "history"), lgb)),
                List.of(new MemberSpec("fusion_lgbm", "lightgbm", List.of(), lgb), new MemberSpec("fusion_xgb", "xgboost", List.of(), xgb)),
                1e-3, new PseudoLabelSpec(1, 0.3, 0.5, 0.0), true, 1, 1).save(config);
        assertEquals(0, run("generate", "--posts", "500", "--users", "50", "--seed", "8", "--out", world.toString()).exit());
        Run t = run("train", "--data", world.toString(), "--config", config.toString(), "--out", model.toString(), "--seed", "2");
        assertEquals(0, t.exit(), t.err());
    }

    @Test
    void reportIsOneWellFormedSelfContainedFileWithEveryFigure() throws Exception {
        Path html = dir.resolve("out/report.html");
        Run r = run("report", "--model", model.toString(), "--data", world.toString(), "--labels",
                world.resolve("hidden/test_labels.csv").toString(), "--out", html.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("held out"), r.out());
        String text = Files.readString(html);
        assertFalse(text.contains("http://") || text.contains("https://"), "no network resource");
        assertFalse(text.contains("<script") || text.contains("<link"), "no script, no external style sheet");
        Document doc = parse(text);
        Set<String> svgIds = new HashSet<>();
        NodeList svgs = doc.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            svgIds.add(((org.w3c.dom.Element) svgs.item(i)).getAttribute("id"));
        }
        assertEquals(Set.copyOf(HtmlReport.FIGURES), svgIds);
        assertEquals(100, doc.getElementsByTagName("circle").getLength(), "one point per test post");
        assertTrue(text.contains("100 unlabelled (test) posts with true labels from test_labels.csv"), "figures name their data");
        assertTrue(text.contains("tier1#"), "tier-1 predictions appear among the importances");
        assertTrue(text.contains("fusion_xgb") && text.contains("Leaderboard") && text.contains("train_label.txt"));
        assertTrue(text.contains("round 1"), "the pseudo-label round is plotted");
    }

    @Test
    void withoutLabelsARefittedModelIsReportedInSampleWithAWarning() throws Exception {
        Path html = dir.resolve("insample.html");
        Run r = run("report", "--model", model.toString(), "--data", world.toString(), "--out", html.toString());
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(html);
        parse(text);
        assertTrue(text.contains("IN-SAMPLE") && text.contains("class=\"warn\""), "in-sample figures are flagged");
    }

    @Test
    void anInt8TrainedModelPredictsWithTheInt8EncoderWithoutBeingTold() throws Exception {
        Path int8 = dir.resolve("model-int8");
        Path cfg = dir.resolve("lgbm.json");
        new HierarchyConfig("all", 3, "user", 0.15, List.of(),
                List.of(new MemberSpec("lgbm", "lightgbm", List.of(), Map.of("num_iterations", 30))),
                1e-3, new PseudoLabelSpec(0, 0.3, 0.5, 0.0), false, 1, 1).save(cfg);
        Run t = run("train", "--data", world.toString(), "--config", cfg.toString(), "--out", int8.toString(),
                "--image-precision", "int8");
        assertEquals(0, t.exit(), t.err());
        String encoders = Files.readString(int8.resolve("popularity").resolve("encoders.json"));
        assertTrue(encoders.contains("+int8+"), encoders);
        Path csv = dir.resolve("pred-int8.csv");
        Run p = run("predict", "--model", int8.toString(), "--data", world.toString(), "--out", csv.toString());
        assertEquals(0, p.exit(), p.err());
        assertTrue(!ScoreFiles.read(csv).isEmpty(), "the unlabelled posts are scored");
        Run bad = run("train", "--data", world.toString(), "--config", cfg.toString(), "--out",
                dir.resolve("never").toString(), "--image-precision", "int4");
        assertTrue(bad.exit() != 0 && bad.err().contains("fp32 or int8"), bad.err());
    }

    @Test
    void explanationsSumToThePredictionsWritten() throws Exception {
        Path csv = dir.resolve("pred.csv");
        Path jsonl = dir.resolve("explain.jsonl");
        Run r = run("predict", "--model", model.toString(), "--data", world.toString(), "--out", csv.toString(),
                "--explain", jsonl.toString());
        assertEquals(0, r.exit(), r.err());
        List<Scored> scores = ScoreFiles.read(csv);
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(scores.size(), lines.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode o = json.readTree(lines.get(i));
            assertEquals(scores.get(i).pid(), o.path("pid").asText());
            assertEquals(scores.get(i).score(), o.path("score").asDouble(), 1e-6);
            double sum = o.path("tiers").path("intercept").asDouble();
            for (JsonNode b : o.path("tiers").path("blend")) {
                sum += b.asDouble();
            }
            assertEquals(o.path("score").asDouble(), sum, 1e-9);
            assertEquals(10, o.path("top_features").size());
        }
    }

    @Test
    void ablateWritesOneRowPerVariant() throws Exception {
        Path out = dir.resolve("ablation.json");
        Run r = run("ablate", "--data", world.toString(), "--config", config.toString(), "--variants", "no-tier1,no-pseudo",
                "--bootstrap", "200", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertEquals(2, j.path("rows").size());
        assertEquals("no-tier1", j.path("rows").get(0).path("variant").asText());
        assertEquals(60, j.path("validRows").asInt());
        assertTrue(r.out().contains("ΔSRC"), r.out());
        Run bad = run("ablate", "--data", world.toString(), "--variants", "no-such", "--out", out.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("unknown ablation variant 'no-such'"), bad.err());
    }

    static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }
}
