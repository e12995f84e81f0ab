package io.hyperfusion.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.serve.PredictionServer;
import io.hyperfusion.app.serve.ServeWorld;
import io.hyperfusion.app.serve.ServedModel;
import io.hyperfusion.app.serve.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The drafting page in a real browser against a real server on an ephemeral port, over the small world the server
 * tests share: a person picks a known author with the keyboard, writes a post, uploads an image and sees the score,
 * which must be exactly what {@code /v1/predict} answers for the same draft; the best-hour chart and the what-if
 * list must agree with {@code /v1/advise}; a suggested tag is added with one click and the score changes to the
 * what-if's; a field the server refuses is marked with the server's message; screenshots (desktop and phone width)
 * go to {@code target/page-screenshots} (docs/ shows copies).
 */
class DraftPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SHOTS = Path.of("target/page-screenshots");
    static PredictionServer server;
    static String base;
    static TrainingSummary summary;

    @BeforeAll
    static void start() throws Exception {
        ServeWorld.root();
        ServedModel served = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1,
                40_000_000L), new PrintWriter(System.err, true));
        server = PredictionServer.start(served, ServerConfig.defaults(0));
        base = "http://127.0.0.1:" + server.port();
        summary = TrainingSummary.read(served.bundle());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static JsonNode api(String path, JsonNode body) throws Exception {
        var r = ServeWorld.post(server.port(), path, body.toString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static Path image() throws Exception {
        try (var files = Files.walk(ServeWorld.world().resolve("train"))) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void aPersonDraftsAPostAndTheNumbersAreTheApis() throws Exception {
        JsonNode author = JSON.readTree(ServeWorld.get(server.port(), "/v1/authors?limit=1").body()).get("authors").get(0);
        String uid = author.get("user_id").asText();
        ZoneId zone = ZoneId.of(author.get("profile").get("timezone_id").asText());
        LocalDate day = LocalDate.now(zone).plusDays(2);
        Path jpeg = image();
        try (Browser b = new Browser(1280, 900)) {
            b.driver.get(base + "/");
            b.until("the page loads the model's context", () -> b.$("#author-help").getText().contains("authors"));
            assertEquals("Pick the author in step 1 to see a score.", b.$("#status").getText());

            // The author, with the keyboard: type part of the id, arrow down, Enter.
            WebElement search = b.$("#author-search");
            search.sendKeys(uid.substring(0, 4));
            b.until("the author leads the matches", () -> !b.all("#author-results [role=option]").isEmpty()
                    && b.$("#author-results [role=option] .option-id").getText().equals(uid));
            String history = b.$("#author-results [role=option] .option-history").getText();
            assertTrue(history.matches("\\d+ posts · .*scored .* on average.*"), history);
            search.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            b.until("the author is chosen", () -> b.$("#author-chosen").isDisplayed());
            assertEquals(uid, b.$("#author-chosen .chosen-id").getText());
            b.settled();
            assertTrue(b.$("#score").getAttribute("data-score") != null, "a score as soon as the author is known");

            // The post. Typing a title is one burst: the debounce sends one draft, not one per key.
            double before = predictRequests();
            b.$("#title").sendKeys("Golden hour over the harbour");
            b.settled();
            assertTrue(predictRequests() - before <= 2, "debounced: " + (predictRequests() - before) + " requests");
            WebElement tags = b.$("#tag-input");
            tags.sendKeys("sunset, harbour ");
            b.until("two tag chips", () -> b.all("#tag-list .chip").size() == 2);
            String[] levels = pickCategory(b);
            b.set("#post-date", day.toString());
            b.set("#post-time", "19:00");
            b.$("#place").sendKeys("Paris");
            b.until("Paris fills the coordinates", () -> "48.8566".equals(b.$("#latitude").getAttribute("value")));
            b.$("#image-input").sendKeys(jpeg.toAbsolutePath().toString());
            b.until("the image is previewed", () -> b.$("#preview-caption").getText().contains("×"));
            b.settled();

            ObjectNode post = draft(uid, author.get("profile"), day.atTime(LocalTime.of(19, 0)).atZone(zone).toInstant().toString(),
                    "Golden hour over the harbour", List.of("sunset", "harbour"), levels, jpeg);
            double score = checkScore(b, post);
            checkAdvice(b, post);
            checkReasons(b, post);
            b.screenshot(SHOTS.resolve("draft-desktop.png"));

            // One click on the best suggested tag adds it; the score becomes the what-if's.
            List<WebElement> adds = b.all("#tags-up li.effect.up[data-action=add]");
            assertFalse(adds.isEmpty(), "a tag to add that raises the score");
            WebElement first = adds.get(0);
            String tag = first.getAttribute("data-tag");
            double whatIf = score + Double.parseDouble(first.getAttribute("data-delta"));
            first.findElement(org.openqa.selenium.By.cssSelector("button")).click();
            b.until("the tag is on the post", () -> b.all("#tag-list .chip").size() == 3);
            b.settled();
            double after = Double.parseDouble(b.$("#score").getAttribute("data-score"));
            assertNotEquals(score, after, "adding " + tag + " changes the score");
            assertEquals(whatIf, after, 1e-9, "the score with " + tag + " is the what-if's");

            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            assertTrue((Boolean) b.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "nothing sticks out sideways at phone width");
            assertTrue(b.$("#mini-score").isDisplayed(), "phone width keeps the score in view");
            b.viewport(SHOTS.resolve("draft-phone-form.png"), "body");
            b.viewport(SHOTS.resolve("draft-phone.png"), "#results");
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

            checkFieldErrors(b, post);
            checkConsole(b);
        }
    }

    /** The page reads and shows times in the author's zone; its conversions resolve as java.time does, gaps and overlaps included. */
    @Test
    void thePagesTimeZonesAgreeWithJavaTime() throws Exception {
        String[][] cases = {{"2026-07-01", "19:00", "Asia/Shanghai"}, {"2026-03-29", "02:30", "Europe/Paris"},
            {"2026-10-25", "02:30", "Europe/Paris"}, {"2026-11-01", "01:30", "America/New_York"},
            {"2026-01-15", "23:45", "Asia/Kolkata"}, {"2026-12-31", "00:00", "Australia/Sydney"},
            {"2026-06-01", "12:00", "offset:-180"}, {"2026-06-01", "12:00", "UTC"}};
        try (Browser b = new Browser(800, 600)) {
            b.driver.get(base + "/");
            Object got = b.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/assets/zones.js').then(z => done(arguments[0].map(c => {"
                    + "  const t = z.wallToInstant(c[0], c[1], c[2]); const w = z.wall(t, c[2]);"
                    + "  return [new Date(t).toISOString(), w.date + ' ' + w.time]; })))"
                    + ".catch(e => done(String(e)));", List.of(cases).stream().map(List::of).toList());
            assertTrue(got instanceof List, String.valueOf(got));
            for (int i = 0; i < cases.length; i++) {
                String[] c = cases[i];
                ZoneId zone = c[2].startsWith("offset:") ? java.time.ZoneOffset.ofTotalSeconds(Integer.parseInt(c[2].substring(7)) * 60)
                        : ZoneId.of(c[2]);
                var local = java.time.LocalDateTime.of(LocalDate.parse(c[0]), LocalTime.parse(c[1]));
                var instant = local.atZone(zone).toInstant();
                List<?> r = (List<?>) ((List<?>) got).get(i);
                assertEquals(instant.toEpochMilli(), java.time.Instant.parse((String) r.get(0)).toEpochMilli(), String.join(" ", c));
                var back = instant.atZone(zone).toLocalDateTime();
                assertEquals(back.toLocalDate() + " " + back.toLocalTime(), r.get(1), String.join(" ", c));
            }
        }
    }

    static double predictRequests() throws Exception {
        String text = ServeWorld.get(server.port(), "/metrics").body();
        Matcher m = Pattern.compile("hyperfusion_http_requests_total\\{method=\"POST\",route=\"/v1/predict\",status=\"200\"} (\\d+)")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** Picks the first category with a subcategory and concept through the selects; returns the three levels. */
    static String[] pickCategory(Browser b) {
        Select cat = new Select(b.$("#category"));
        cat.selectByIndex(1);
        Select sub = new Select(b.$("#subcategory"));
        sub.selectByIndex(1);
        Select con = new Select(b.$("#concept"));
        con.selectByIndex(1);
        return new String[] {cat.getFirstSelectedOption().getAttribute("value"),
            sub.getFirstSelectedOption().getAttribute("value"), con.getFirstSelectedOption().getAttribute("value")};
    }

    /** The draft the page must be sending, built independently from what the test typed. */
    static ObjectNode draft(String uid, JsonNode profile, String postedAt, String title, List<String> tags, String[] levels,
                            Path image) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("post_id", "draft").put("user_id", uid).put("posted_at", postedAt).put("title", title);
        tags.forEach(p.putArray("tags")::add);
        p.put("category", levels[0]).put("subcategory", levels[1]).put("concept", levels[2]);
        p.put("latitude", 48.8566).put("longitude", 2.3522).put("geo_accuracy", 11);
        summary.typical().numeric().forEach(p.putObject("numeric")::put);
        summary.typical().categorical().forEach(p.putObject("categorical")::put);
        p.put("image_base64", Base64.getEncoder().encodeToString(Files.readAllBytes(image)));
        ObjectNode user = profile.deepCopy();
        user.remove("user_id");
        p.set("user", user);
        return p;
    }

    /** The score shown is the API's for the same draft, placed at the percentile the server computes. */
    static double checkScore(Browser b, ObjectNode post) throws Exception {
        double api = api("/v1/predict", post).get("popularity_score").asDouble();
        double shown = Double.parseDouble(b.$("#score").getAttribute("data-score"));
        assertEquals(api, shown, 1e-9, "the page scores the draft the test typed");
        assertEquals(summary.labels().percentile(api), Double.parseDouble(b.$("#score").getAttribute("data-percentile")), 1e-9);
        assertTrue(b.$("#scale-text").getText().startsWith("Higher than " + Math.round(summary.labels().percentile(api)) + "% of the "
                + summary.labels().count() + " scored training posts"), b.$("#scale-text").getText());
        assertEquals("Updated.", b.$("#status").getText());
        assertTrue(b.$("#announce").getAttribute("textContent").startsWith("Predicted popularity " + b.$("#score").getText()),
                "screen readers hear the score: " + b.$("#announce").getAttribute("textContent"));
        return api;
    }

    /** Chart marks, the ranked hours and the what-if lists are /v1/advise's for the same draft and start time. */
    static void checkAdvice(Browser b, ObjectNode post) throws Exception {
        String from = b.$("#chart").getAttribute("data-requested-from");
        ObjectNode req = JSON.createObjectNode();
        req.set("post", post);
        req.put("from", from);
        JsonNode advice = api("/v1/advise", req);
        List<WebElement> marks = b.all("#chart svg .best-mark");
        List<WebElement> slots = b.all("#best-slots li");
        assertEquals(5, marks.size());
        assertEquals(5, slots.size());
        for (int i = 0; i < 5; i++) {
            JsonNode s = advice.get("slots").get(i);
            assertEquals(s.get("time").asText(), marks.get(i).getAttribute("data-time"), "mark " + (i + 1));
            assertEquals(s.get("time").asText(), slots.get(i).getAttribute("data-time"), "slot " + (i + 1));
            assertEquals(s.get("popularity_score").asDouble(), Double.parseDouble(slots.get(i).getAttribute("data-score")), 1e-9);
        }
        assertEquals(168, b.all("#chart svg rect.hover").size(), "one hour per column over 7 days");
        assertEquals(1, b.all("#chart svg .chosen-line").size(), "the draft's own time is marked");
        List<JsonNode> up = new ArrayList<>();
        List<JsonNode> down = new ArrayList<>();
        advice.get("tag_effects").forEach(e -> (e.get("delta").asDouble() > 0.005 ? up : e.get("delta").asDouble() < -0.005 ? down : new ArrayList<JsonNode>()).add(e));
        List<WebElement> shownUp = b.all("#tags-up li.effect");
        List<WebElement> shownDown = b.all("#tags-down li.effect");
        assertFalse(up.isEmpty(), "this draft has tag changes that help: " + advice.get("tag_effects"));
        assertEquals(Math.min(6, up.size()), shownUp.size());
        assertEquals(Math.min(6, down.size()), shownDown.size());
        for (int i = 0; i < shownUp.size(); i++) {
            assertEffect(up.get(i), shownUp.get(i));
        }
        for (int i = 0; i < shownDown.size(); i++) {
            assertEffect(down.get(down.size() - 1 - i), shownDown.get(i));
        }
    }

    static void assertEffect(JsonNode api, WebElement shown) {
        assertEquals(api.get("tag").asText(), shown.getAttribute("data-tag"));
        assertEquals(api.get("action").asText(), shown.getAttribute("data-action"));
        assertEquals(api.get("delta").asDouble(), Double.parseDouble(shown.getAttribute("data-delta")), 1e-9);
    }

    /** Reasons are in words (no column names), grouped from the API's top features, their sum kept. */
    static void checkReasons(Browser b, ObjectNode post) throws Exception {
        JsonNode p = api("/v1/predict", post);
        double total = 0;
        for (JsonNode t : p.get("top_features")) {
            total += t.get("contribution").asDouble();
        }
        List<WebElement> reasons = b.all("#reasons li.reason");
        assertFalse(reasons.isEmpty());
        double shown = 0;
        for (WebElement r : reasons) {
            String text = r.findElement(org.openqa.selenium.By.cssSelector(".reason-text")).getText();
            assertFalse(text.isBlank());
            assertFalse(text.matches(".*\\b[a-z0-9]+#[a-z_0-9]+.*"), "a column name shown to a person: " + text);
            shown += Double.parseDouble(r.getAttribute("data-contribution"));
        }
        assertEquals(total, shown, 1e-9, "grouping keeps the sum of the contributions");
        String tiers = b.$("#tiers").getText();
        assertTrue(tiers.contains("specialist") && tiers.contains("Blend"), tiers);
    }

    /** A value the server refuses is shown at its field with the server's message; the page's own image checks too. */
    static void checkFieldErrors(Browser b, ObjectNode post) throws Exception {
        b.$("#profile summary").click();
        WebElement photos = b.$("#photo-count");
        photos.clear();
        photos.sendKeys("lots");
        b.settled();
        String message = b.$("[id='err-user.photo_count']").getText();
        ObjectNode bad = post.deepCopy();
        ((ObjectNode) bad.get("user")).put("photo_count", "lots");
        var r = ServeWorld.post(server.port(), "/v1/predict", bad.toString());
        assertEquals(400, r.statusCode());
        String error = JSON.readTree(r.body()).get("error").asText();
        assertEquals("user.photo_count: expected a number, got \"lots\"", error);
        assertEquals("Expected a number, got \"lots\"", message, "the server's message, at the field it names");
        assertEquals("true", photos.getAttribute("aria-invalid"));
        assertTrue(b.$("#status").getText().startsWith("Not updated"), b.$("#status").getText());
        photos.clear();
        photos.sendKeys("250");
        b.settled();
        assertEquals("", b.$("[id='err-user.photo_count']").getText());
        assertEquals("Updated.", b.$("#status").getText());

        Path text = Files.writeString(Files.createTempDirectory("hf-page").resolve("notes.txt"), "not an image");
        b.$("#image-input").sendKeys(text.toString());
        b.until("the page refuses a text file", () -> b.$("#err-image_base64").getText().contains("use JPEG"));
        Path fake = Files.write(text.resolveSibling("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5});
        b.$("#image-input").sendKeys(fake.toString());
        b.settled();
        String err = b.$("#err-image_base64").getText();
        assertFalse(err.isBlank() || err.contains("use JPEG"), "the server's verdict on the bytes: " + err);
        b.$("#image-remove").click();
        b.settled();
        assertEquals("", b.$("#err-image_base64").getText());
    }

    /** No script errors and no Content-Security-Policy violations (failed requests the test provoked aside). */
    static void checkConsole(Browser b) {
        for (LogEntry e : b.console()) {
            String m = e.getMessage();
            boolean provoked = m.contains("Failed to load resource") && m.contains("400");
            assertFalse(!provoked && (e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                    || m.contains("Content Security Policy")), "browser console: " + m);
        }
    }
}
