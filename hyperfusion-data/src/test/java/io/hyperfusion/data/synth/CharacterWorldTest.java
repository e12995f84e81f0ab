package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.eval.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worlds of another character, as files: ground_truth.json documents the character terms well enough to
 * recompute every label from it and the public files; drift and hidden signal change only labels and truth.
 */
class CharacterWorldTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The files a label-only change may touch. */
    private static final Set<String> LABEL_FILES = Set.of("train/train_label.txt", "hidden/test_labels.csv",
            "hidden/test_label.txt", "hidden/components.csv", "ground_truth.json", "README.md");

    @TempDir
    static Path tmp;
    static Path plain;
    static Path mixed;

    @BeforeAll
    static void generate() {
        plain = SyntheticWorld.generate(new WorldSpec(200, 40, 5L, 0.2, 2), tmp.resolve("plain")).out();
        mixed = world(WorldCharacter.MIXED);
    }

    private static Path world(WorldCharacter c) {
        return SyntheticWorld.generate(new WorldSpec(200, 40, 5L, 0.2, 2).withCharacter(c), tmp.resolve(c.label())).out();
    }

    @Test
    void driftAndHiddenSignalChangeOnlyLabelsAndTruth() throws IOException {
        Map<String, String> base = WorldFiles.hashes(plain);
        for (WorldCharacter c : List.of(WorldCharacter.DRIFT, WorldCharacter.HIDDEN)) {
            Map<String, String> other = WorldFiles.hashes(world(c));
            assertEquals(base.keySet(), other.keySet(), c.label());
            Set<String> changed = new TreeSet<>();
            base.forEach((k, v) -> {
                if (!v.equals(other.get(k))) {
                    changed.add(k.replace('\\', '/'));
                }
            });
            assertEquals(LABEL_FILES, changed, c.label() + " changed " + changed);
        }
    }

    @Test
    void groundTruthReproducesEveryLabelOfAMixedWorld() throws IOException {
        JsonNode truth = JSON.readTree(mixed.resolve("ground_truth.json").toFile());
        JsonNode c = truth.get("coefficients");
        List<Map<String, String>> rows = WorldFiles.components(mixed);
        List<JsonNode> users = new ArrayList<>();
        List<JsonNode> times = new ArrayList<>();
        for (String split : List.of("train", "test")) {
            JsonNode u = JSON.readTree(mixed.resolve(split + "/" + split + "_user_data.json").toFile());
            JsonNode t = JSON.readTree(mixed.resolve(split + "/" + split + "_temporalspatial_information.json").toFile());
            for (int i = 0; i < t.size(); i++) {
                users.add(u.get("user_description").get(Integer.toString(i)));
                times.add(t.get(i));
            }
        }
        assertEquals(200, rows.size());
        int geo = 0;
        int described = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            // the per-post inputs of the character terms are what the public files say
            assertEquals(times.get(i).get("Latitude").asText(), r.get("latitude"));
            assertEquals(times.get(i).get("Longitude").asText(), r.get("longitude"));
            assertEquals(d(r, "span_position"), spanPosition(c, times.get(i).get("Postdate").asLong()), 1e-12);
            assertEquals(d(r, "profile_dot"), dot(users.get(i).asText(), c.at("/profile/direction")), 1e-12);
            geo += (int) d(r, "geo_tagged");
            described += users.get(i).asText().isEmpty() ? 0 : 1;
            double[] v = recompute(truth, r);
            assertEquals(d(r, "noise_free"), v[0], 1e-9, r.toString());
            assertEquals(d(r, "popularity_score"), v[1], 1e-9, r.toString());
        }
        assertTrue(geo >= 20 && described >= 20, geo + " geo-tagged, " + described + " described");
    }

    @Test
    void groundTruthListsTheCharacterAndItsCeilingIncludesIt() throws IOException {
        JsonNode truth = JSON.readTree(mixed.resolve("ground_truth.json").toFile());
        assertEquals(0.5, truth.at("/spec/drift").asDouble());
        assertEquals(0.3, truth.at("/spec/late_authors").asDouble());
        assertTrue(truth.at("/spec/cold_start").asBoolean());
        assertEquals(0.5, truth.at("/spec/hidden_signal").asDouble());
        for (String k : List.of("drift", "geo", "profile", "scene")) {
            assertTrue(truth.get("coefficients").has(k), k);
        }
        assertEquals(HiddenSignal.BUMPS, truth.at("/coefficients/geo/bumps").size());
        assertEquals(Scene.values().length, truth.at("/coefficients/scene/effects").size());
        for (String term : List.of("q_t", "geo.strength", "profile.direction", "scene.effects[depicted_scene]")) {
            assertTrue(truth.get("formula").asText().contains(term), term);
        }
        assertTrue(truth.at("/counts/late_authors").asInt() > 0);
        List<Map<String, String>> rows = WorldFiles.components(mixed);
        // the ceiling is that of the noise-free score with the character terms in it
        double[] y = rows.stream().filter(r -> r.get("split").equals("test")).mapToDouble(r -> d(r, "popularity_score")).toArray();
        double[] f = rows.stream().filter(r -> r.get("split").equals("test")).mapToDouble(r -> d(r, "noise_free")).toArray();
        assertEquals(Metrics.src(y, f), truth.at("/ceiling/test/src").asDouble(), 1e-12);
        assertTrue(rows.stream().anyMatch(r -> d(r, "geo") != 0) && rows.stream().anyMatch(r -> d(r, "profile") != 0));

        JsonNode original = JSON.readTree(plain.resolve("ground_truth.json").toFile());
        assertFalse(original.get("spec").has("drift"), "a default world keeps its original ground truth");
        assertFalse(original.get("coefficients").has("geo"));
        assertFalse(Files.readAllLines(plain.resolve("hidden/components.csv")).get(0).contains("slope"));
    }

    @Test
    void readmeExplainsTheCharacter() throws IOException {
        String text = Files.readString(mixed.resolve("README.md"));
        for (String s : List.of("## World character", "drift=0.5", "late_authors=0.3", "cold_start=true",
                "hidden_signal=0.5", "0.1 times as often")) {
            assertTrue(text.contains(s), s);
        }
        assertFalse(Files.readString(plain.resolve("README.md")).contains("World character"));
    }

    /** The formula with its character terms, from ground_truth.json and the components' inputs only. */
    private static double[] recompute(JsonNode truth, Map<String, String> r) {
        JsonNode c = truth.get("coefficients");
        double qt = d(r, "q") + c.at("/drift/strength").asDouble() * d(r, "slope")
                * (d(r, "span_position") - c.at("/drift/centre").asDouble());
        double hour = c.at("/hour/amplitude").asDouble()
                * Math.cos(2 * Math.PI * (d(r, "local_hour") - c.at("/hour/peak_hour").asDouble()) / 24);
        double tags = c.at("/tags/log_coef").asDouble() * (Math.log1p(d(r, "n_tags")) - c.at("/tags/centre").asDouble())
                + c.at("/tags/hot_coef").asDouble() * Math.min(d(r, "n_hot"), c.at("/tags/hot_max").asDouble());
        double title = c.at("/title/log_coef").asDouble() * (Math.log1p(d(r, "n_title_words")) - c.at("/title/centre").asDouble())
                + c.at("/title/strong_coef").asDouble() * d(r, "n_strong");
        double lnGain = Math.log(d(r, "gain"));
        double sum = c.at("/author/coef").asDouble() * qt
                + c.get("category").get(r.get("category")).asDouble()
                + hour
                + c.get("weekday").get((int) d(r, "iso_weekday") - 1).asDouble()
                + tags + title
                + c.at("/colour/coef").asDouble() * (d(r, "saturation") - c.at("/colour/centre").asDouble())
                - c.at("/sharpness/blur_coef").asDouble() * d(r, "blur_sigma")
                - c.at("/exposure/coef").asDouble() * lnGain * lnGain
                + c.at("/agreement/coef").asDouble() * (d(r, "agreement") - c.at("/agreement/centre").asDouble())
                + geo(c.get("geo"), r)
                + c.at("/profile/strength").asDouble() * c.at("/profile/coef").asDouble() * d(r, "profile_dot")
                + c.at("/scene/strength").asDouble() * c.at("/scene/effects").get(r.get("depicted_scene")).asDouble();
        double lo = c.get("clip").get(0).asDouble();
        double hi = c.get("clip").get(1).asDouble();
        double base = c.get("base").asDouble();
        double noiseFree = Math.max(lo, Math.min(hi, base + sum));
        double label = Math.round(Math.max(lo, Math.min(hi, base + sum + d(r, "noise"))) * 1e4) / 1e4;
        return new double[] {noiseFree, label};
    }

    private static double geo(JsonNode g, Map<String, String> r) {
        if (d(r, "geo_tagged") == 0) {
            return 0;
        }
        double lat = d(r, "latitude");
        double lon = d(r, "longitude");
        double w = g.get("width_deg").asDouble();
        double bumps = 0;
        for (JsonNode b : g.get("bumps")) {
            double dl = lat - b.get("lat").asDouble();
            double dn = lon - b.get("lon").asDouble();
            bumps += b.get("height").asDouble() * Math.exp(-(dl * dl + dn * dn) / (2 * w * w));
        }
        double home = Math.sqrt(Math.pow(lat - d(r, "home_lat"), 2) + Math.pow(lon - d(r, "home_lon"), 2));
        return g.get("strength").asDouble() * (bumps + g.get("home_coef").asDouble()
                * (g.get("home_centre_deg").asDouble() - home));
    }

    private static double spanPosition(JsonNode c, long postdate) {
        long start = LocalDate.parse(c.at("/drift/span_start").asText()).toEpochDay() * 86400L;
        double f = (postdate - start) / (c.at("/drift/span_days").asDouble() * 86400);
        return Math.max(0, Math.min(1, f));
    }

    private static double dot(String desc, JsonNode direction) {
        if (desc.isEmpty()) {
            return 0;
        }
        String[] v = desc.split(",");
        assertEquals(direction.size(), v.length);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Double.parseDouble(v[i]) * direction.get(i).asDouble();
        }
        return s;
    }

    private static double d(Map<String, String> r, String k) {
        return Double.parseDouble(r.get(k));
    }
}
