package io.hyperfusion.ensemble.explain;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link Explainer.Explanation}s as JSON lines, one object per post:
 * <pre>{"uid", "pid", "score", "tiers": {"tier1": {..}, "tier2": {..}, "blend": {..}, "intercept"},
 *  "explained_by", "top_features": [{"name", "value", "contribution"}]}</pre>
 * Not thread-safe; close it to flush the file.
 */
public final class ExplanationWriter implements AutoCloseable {
    private static final ObjectMapper JSON = Jackson.json();
    private final Path file;
    private final BufferedWriter out;
    private int written;

    /** Creates (or replaces) {@code file}. */
    public ExplanationWriter(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create explanation file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one line per explanation. */
    public void write(List<Explainer.Explanation> explanations) {
        try {
            for (Explainer.Explanation e : explanations) {
                out.write(JSON.writeValueAsString(toJson(e)));
                out.write('\n');
                written++;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write explanation file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Lines written so far. */
    public int written() {
        return written;
    }

    /** The JSON object of one explanation. */
    public static ObjectNode toJson(Explainer.Explanation e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("uid", e.uid());
        o.put("pid", e.pid());
        o.put("score", e.score());
        ObjectNode tiers = o.putObject("tiers");
        put(tiers.putObject("tier1"), e.tier1());
        put(tiers.putObject("tier2"), e.tier2());
        put(tiers.putObject("blend"), e.blend());
        tiers.put("intercept", e.intercept());
        if (e.explainedBy() == null) {
            o.putNull("explained_by");
        } else {
            o.put("explained_by", e.explainedBy());
        }
        ArrayNode top = o.putArray("top_features");
        for (Explainer.FeatureContribution c : e.topFeatures()) {
            top.addObject().put("name", c.name()).put("value", c.value()).put("contribution", c.contribution());
        }
        return o;
    }

    private static void put(ObjectNode o, Map<String, Double> m) {
        m.forEach(o::put);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close explanation file " + file + ": " + e.getMessage(), e);
        }
    }
}
