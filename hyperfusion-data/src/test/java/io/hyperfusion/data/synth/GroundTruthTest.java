package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.eval.Metrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ground_truth.json documents a formula that really reproduces the labels, and the images match it. */
class GroundTruthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path world;
    static JsonNode truth;
    static List<Map<String, String>> rows;

    @BeforeAll
    static void generate() throws IOException {
        world = SyntheticWorld.generate(new WorldSpec(200, 40, 5L, 0.2, 2), tmp.resolve("w")).out();
        truth = JSON.readTree(world.resolve("ground_truth.json").toFile());
        rows = WorldFiles.components(world);
    }

    /** The formula, written from the text and constants of ground_truth.json only. */
    private static double[] recompute(JsonNode c, Map<String, String> r) {
        double q = d(r, "q");
        double hour = c.at("/hour/amplitude").asDouble()
                * Math.cos(2 * Math.PI * (d(r, "local_hour") - c.at("/hour/peak_hour").asDouble()) / 24);
        double tags = c.at("/tags/log_coef").asDouble() * (Math.log1p(d(r, "n_tags")) - c.at("/tags/centre").asDouble())
                + c.at("/tags/hot_coef").asDouble() * Math.min(d(r, "n_hot"), c.at("/tags/hot_max").asDouble());
        double title = c.at("/title/log_coef").asDouble() * (Math.log1p(d(r, "n_title_words")) - c.at("/title/centre").asDouble())
                + c.at("/title/strong_coef").asDouble() * d(r, "n_strong");
        double lnGain = Math.log(d(r, "gain"));
        double sum = c.at("/author/coef").asDouble() * q
                + c.get("category").get(r.get("category")).asDouble()
                + hour
                + c.get("weekday").get((int) d(r, "iso_weekday") - 1).asDouble()
                + tags + title
                + c.at("/colour/coef").asDouble() * (d(r, "saturation") - c.at("/colour/centre").asDouble())
                - c.at("/sharpness/blur_coef").asDouble() * d(r, "blur_sigma")
                - c.at("/exposure/coef").asDouble() * lnGain * lnGain
                + c.at("/agreement/coef").asDouble() * (d(r, "agreement") - c.at("/agreement/centre").asDouble());
        double lo = c.get("clip").get(0).asDouble();
        double hi = c.get("clip").get(1).asDouble();
        double base = c.get("base").asDouble();
        double noiseFree = Math.max(lo, Math.min(hi, base + sum));
        double label = Math.round(Math.max(lo, Math.min(hi, base + sum + d(r, "noise"))) * 1e4) / 1e4;
        return new double[] {noiseFree, label};
    }

    @Test
    void documentedFormulaReproducesEveryLabel() {
        JsonNode c = truth.get("coefficients");
        assertEquals(200, rows.size());
        for (Map<String, String> r : rows) {
            double[] v = recompute(c, r);
            assertEquals(d(r, "noise_free"), v[0], 1e-9, r.toString());
            assertEquals(d(r, "popularity_score"), v[1], 1e-9, r.toString());
        }
    }

    @Test
    void publishedLabelsMatchTheComponents() throws IOException {
        List<String> train = Files.readAllLines(world.resolve("train/train_label.txt"));
        List<String> hidden = Files.readAllLines(world.resolve("hidden/test_labels.csv"));
        int t = 0;
        int h = 1;
        for (Map<String, String> r : rows) {
            if (r.get("split").equals("train")) {
                assertEquals(d(r, "popularity_score"), Double.parseDouble(train.get(t++)), 0.0);
            } else {
                assertEquals(r.get("uid") + "," + r.get("pid") + "," + r.get("popularity_score"), hidden.get(h++));
            }
        }
        assertEquals(train.size(), t);
        assertEquals(hidden.size(), h);
    }

    @Test
    void formulaInputsAreVisibleInThePublicFiles() throws IOException {
        JsonNode text = JSON.readTree(world.resolve("train/train_text.json").toFile());
        JsonNode time = JSON.readTree(world.resolve("train/train_temporalspatial_information.json").toFile());
        JsonNode users = JSON.readTree(world.resolve("train/train_user_data.json").toFile());
        for (int i = 0; i < text.size(); i++) {
            Map<String, String> r = rows.get(i);
            String tags = text.get(i).get("Alltags").asText();
            String title = text.get(i).get("Title").asText();
            assertEquals(d(r, "n_tags"), tags.isEmpty() ? 0 : tags.split(" ").length, 0.0, "tags of row " + i);
            assertEquals(d(r, "n_title_words"), title.isEmpty() ? 0 : title.split(" ").length, 0.0, "title of row " + i);
            ZonedDateTime local = Instant.ofEpochSecond(Long.parseLong(time.get(i).get("Postdate").asText()))
                    .atZone(ZoneId.of(users.get("timezone_id").get(Integer.toString(i)).asText()));
            assertEquals(d(r, "local_hour"), local.getHour(), 0.0, "hour of row " + i);
            assertEquals(d(r, "iso_weekday"), local.getDayOfWeek().getValue(), 0.0, "weekday of row " + i);
        }
    }

    @Test
    void ceilingIsDocumentedAndConsistent() {
        for (String split : List.of("test", "train")) {
            double src = truth.at("/ceiling/" + split + "/src").asDouble();
            double mae = truth.at("/ceiling/" + split + "/mae").asDouble();
            assertTrue(src > 0 && src <= 1, split + " src " + src);
            assertTrue(mae > 0 && mae < 3, split + " mae " + mae);
            double[] y = rows.stream().filter(r -> r.get("split").equals(split)).mapToDouble(r -> d(r, "popularity_score")).toArray();
            double[] f = rows.stream().filter(r -> r.get("split").equals(split)).mapToDouble(r -> d(r, "noise_free")).toArray();
            assertEquals(Metrics.src(y, f), src, 1e-12);
            assertEquals(Metrics.mae(y, f), mae, 1e-12);
        }
        assertEquals(5, truth.at("/spec/seed").asLong());
        assertTrue(truth.get("formula").asText().contains("agreement"));
    }

    @Test
    void imagesDecodeWithTheirDrawnSizeAndBlur() throws IOException {
        List<Double> sharp = new ArrayList<>();
        List<Double> blurred = new ArrayList<>();
        for (Map<String, String> r : rows) {
            Path file = world.resolve(r.get("split") + "/" + r.get("uid") + "/" + r.get("pid") + ".jpg");
            BufferedImage img = ImageIO.read(file.toFile());
            assertNotNull(img, file.toString());
            assertTrue(img.getWidth() >= 120 && img.getWidth() <= 480 && img.getHeight() >= 120 && img.getHeight() <= 480,
                    file + " is " + img.getWidth() + "x" + img.getHeight());
            (d(r, "blur_sigma") > 0 ? blurred : sharp).add(ImageStats.laplacianVariance(img));
        }
        assertTrue(blurred.size() >= 20 && sharp.size() >= 100, blurred.size() + " blurred, " + sharp.size() + " sharp");
        double mb = median(blurred);
        double ms = median(sharp);
        assertTrue(mb < 0.3 * ms, "median Laplacian variance: blurred " + mb + ", sharp " + ms);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    private static double d(Map<String, String> r, String k) {
        return Double.parseDouble(r.get(k));
    }
}
