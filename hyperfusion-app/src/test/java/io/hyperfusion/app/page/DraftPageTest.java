package io.hyperfusion.app.page;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.smpd.SmpdImageReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drafting page's routes over HTTP: assets, headers, the two endpoints, and what they must refuse. */
class DraftPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static PredictionServer server;
    static int port;
    static ServedModel served;
    static PostDataset world;

    @BeforeAll
    static void start() throws Exception {
        ServeWorld.root();
        served = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1, 40_000_000L),
                new PrintWriter(System.err, true));
        server = PredictionServer.start(served, ServerConfig.defaults(0));
        port = server.port();
        world = new SmpdImageReader().read(ServeWorld.world(), new ReadOptions(BadRowPolicy.FAIL, false));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return ServeWorld.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndEveryAssetItLoadsAreServedWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> page = send("GET", "/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        DraftPage.SECURITY_HEADERS.forEach((k, v) -> assertEquals(v, page.headers().firstValue(k).orElse(null), k));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self';"));
        assertFalse(page.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "no CORS");
        // No inline script, style or handler: the policy would block them.
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page.body()).find(), "inline script");
        assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=").matcher(page.body()).find(), "inline style or handler");

        // Every asset the page names, and every module those import, is there with its type.
        Set<String> todo = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(page.body());
        while (m.find()) {
            todo.add(m.group(1));
        }
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String path = todo.iterator().next();
            todo.remove(path);
            seen.add(path);
            HttpResponse<String> r = send("GET", path);
            assertEquals(200, r.statusCode(), path);
            String type = r.headers().firstValue("Content-Type").orElse("");
            assertTrue(path.endsWith(".js") ? type.startsWith("text/javascript") : path.endsWith(".css")
                    ? type.startsWith("text/css") : type.startsWith("image/svg+xml"), path + " " + type);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            Matcher imp = Pattern.compile("from '\\./([a-z]+\\.js)'").matcher(r.body());
            while (imp.find()) {
                String dep = "/assets/" + imp.group(1);
                if (!seen.contains(dep)) {
                    todo.add(dep);
                }
            }
        }
        assertTrue(seen.size() >= 10, "the modules were followed: " + seen);
    }

    @Test
    void onlyTheListedFilesAreServed() throws Exception {
        for (String path : new String[] {"/assets/missing.js", "/io/hyperfusion/app/page/app.js", "/index.html",
                "/assets/%2e%2e/%2e%2e/pom.xml", "/assets/../pom.xml", "/simplelogger.properties"}) {
            HttpResponse<String> r = send("GET", path);
            assertNotEquals(200, r.statusCode(), path);
        }
        HttpResponse<String> post = send("POST", "/");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> head = send("HEAD", "/assets/app.js");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertTrue(Long.parseLong(head.headers().firstValue("Content-Length").orElse("0")) > 1000);
    }

    @Test
    void otherOriginsGetNoCorsAnswer() throws Exception {
        HttpResponse<String> pre = send("OPTIONS", "/v1/predict", "Origin", "http://elsewhere.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertFalse(pre.headers().firstValue("Access-Control-Allow-Origin").isPresent(), pre.headers().map().toString());
        HttpResponse<String> get = send("GET", "/v1/authors?q=", "Origin", "http://elsewhere.example");
        assertFalse(get.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void theContextDescribesTheTrainingData() throws Exception {
        JsonNode c = JSON.readTree(send("GET", "/v1/draft-context").body());
        double[] labels = world.labelled().stream().mapToDouble(Post::label).toArray();
        assertEquals(labels.length, c.get("labels").get("count").asLong());
        assertArrayEquals(LabelScale.of(labels).quantiles(), JSON.treeToValue(c.get("labels").get("quantiles"), double[].class));
        Post first = world.labelled().get(0);
        assertTrue(c.get("categories").get(first.category()).get(first.subcategory()).has(first.concept()));
        assertEquals(served.trainingTags().keySet().iterator().next(), c.get("tags").get(0).asText());
        assertTrue(c.get("uses_image").asBoolean());
        assertEquals((16L * 1024 * 1024 - DraftContext.BODY_RESERVE) / 4 * 3, c.get("image").get("max_bytes").asLong());
        assertEquals(served.predictor().explainedMember(), c.get("tiers").get("explained_member").asText());
        assertEquals(c.get("authors").asInt(), c.get("authors_with_profiles").asInt(), "every author of the world has a profile");
        assertEquals("ready", c.get("typical").get("categorical").get("mediastatus").asText());
        assertFalse(c.get("typical").get("categorical").has("pathalias"), "a per-author field has no typical value");
        assertTrue(c.get("held_out").get("mae").asDouble() > 0);
        java.time.Instant last = world.all().stream().map(Post::postedAt).max(java.util.Comparator.naturalOrder()).orElseThrow();
        assertEquals(last.toString(), c.get("training_period").get("last").asText());
    }

    @Test
    void theBundleKeepsTheSummaryTrainComputed() {
        TrainingSummary stored = TrainingSummary.read(served.bundle());
        TrainingSummary fresh = TrainingSummary.of(world);
        assertEquals(fresh.labels(), stored.labels());
        assertEquals(fresh.categories(), stored.categories());
        assertEquals(fresh.authors(), stored.authors());
        assertEquals(fresh.typical(), stored.typical());
        assertEquals(world.users().size(), stored.authors().size());
    }

    @Test
    void authorsAreFoundByIdWithTheirHistory() throws Exception {
        JsonNode all = JSON.readTree(send("GET", "/v1/authors?limit=20").body());
        assertEquals(20, all.get("authors").size());
        long prev = Long.MAX_VALUE;
        for (JsonNode a : all.get("authors")) {
            assertTrue(a.get("posts").asLong() <= prev, "most active first");
            prev = a.get("posts").asLong();
        }
        JsonNode top = all.get("authors").get(0);
        String id = top.get("user_id").asText();
        long posts = world.all().stream().filter(p -> p.userId().equals(id)).count();
        assertEquals(posts, top.get("posts").asLong(), "every training post of the author, labelled or not");
        double mean = world.labelled().stream().filter(p -> p.userId().equals(id)).mapToDouble(Post::label).average().orElseThrow();
        assertEquals(mean, top.get("mean_score").asDouble(), 1e-9);
        assertEquals(world.users().get(id).timezoneId(), top.get("profile").get("timezone_id").asText());

        JsonNode exact = JSON.readTree(send("GET", "/v1/authors?q=" + java.net.URLEncoder.encode(id, "UTF-8")).body());
        assertEquals(id, exact.get("authors").get(0).get("user_id").asText());
        assertEquals(0, JSON.readTree(send("GET", "/v1/authors?q=no-such-author").body()).get("total").asInt());
    }

    @Test
    void badSearchesNameTheParameter() throws Exception {
        for (String[] c : new String[][] {{"limit=0", "limit"}, {"limit=abc", "limit"}, {"limit=21", "limit"},
                {"q=" + "x".repeat(101), "q"}}) {
            HttpResponse<String> r = send("GET", "/v1/authors?" + c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals(c[1], JSON.readTree(r.body()).get("field").asText(), r.body());
            assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent());
        }
        assertEquals(405, send("DELETE", "/v1/authors").statusCode());
    }

    /** A bundle written before train kept the summary: the page still works, without percentiles or profiles. */
    @Test
    void anOlderBundleServesThePageWithoutTheSummary(@TempDir Path tmp) throws Exception {
        Path old = tmp.resolve("old");
        try (var files = Files.walk(ServeWorld.model())) {
            for (Path p : files.toList()) {
                Files.copy(p, old.resolve(ServeWorld.model().relativize(p).toString()));
            }
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(old.resolve("manifest.json").toFile());
        for (String f : new String[] {TrainingSummary.LABELS_FILE, TrainingSummary.CATEGORIES_FILE,
                TrainingSummary.AUTHORS_FILE, TrainingSummary.FIELDS_FILE}) {
            Files.delete(old.resolve("report").resolve(f));
            ((ObjectNode) manifest.get("files")).remove("report/" + f);
        }
        JSON.writeValue(old.resolve("manifest.json").toFile(), manifest);
        ServedModel oldModel = ServedModel.open(old, new ServedModel.Settings(ServeWorld.modelsDir(), null, 1, 40_000_000L),
                new PrintWriter(System.err, true));
        try (PredictionServer s = PredictionServer.start(oldModel, ServerConfig.defaults(0))) {
            JsonNode c = JSON.readTree(ServeWorld.get(s.port(), "/v1/draft-context").body());
            assertTrue(c.get("labels").isNull());
            assertTrue(c.get("categories").isNull());
            assertEquals(3, c.get("category_levels").size(), "the flat category levels of the fitted pipeline instead");
            assertEquals(0, c.get("authors_with_profiles").asInt());
            assertEquals(world.users().size(), c.get("authors").asInt(), "authors still come from the fitted pipeline");
            JsonNode a = JSON.readTree(ServeWorld.get(s.port(), "/v1/authors?limit=1").body()).get("authors").get(0);
            assertTrue(a.get("profile").isNull());
            assertTrue(a.get("mean_score").asDouble() > 0);
            assertEquals(200, ServeWorld.get(s.port(), "/").statusCode());
        }
    }

    @Test
    void pageRequestsAreCounted() throws Exception {
        send("GET", "/");
        send("GET", "/v1/authors?q=1");
        String metrics = ServeWorld.get(port, "/metrics").body();
        assertTrue(metrics.contains("hyperfusion_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("method=\"GET\",route=\"/v1/authors\",status=\"200\""), metrics);
    }
}
