package io.hyperfusion.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.app.io.Scored;
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.jsonl.JsonlPostWriter;
import io.hyperfusion.data.smpd.SmpdImageReader;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real server on an ephemeral port over a model trained on a small generated world. */
class PredictionServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static PredictionServer server;
    static int port;
    /** Test posts in the project's JSON format, each with its author's profile inline. */
    static List<ObjectNode> posts = new ArrayList<>();
    /** What {@code hyperfusion predict} wrote for them, by post id. */
    static Map<String, Double> predicted = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = ServeWorld.root();
        // The same posts through the batch predictor: SMPD world → JSONL → predict --format jsonl.
        PostDataset ds = new SmpdImageReader().read(ServeWorld.world(), new ReadOptions(BadRowPolicy.FAIL, false));
        Path jsonl = Files.createDirectories(root.resolve("jsonl"));
        new JsonlPostWriter().write(ds, jsonl);
        Path csv = root.resolve("pred.csv");
        // The JSONL folder refers to the world's images by ../world/... paths: outside its root, allowed explicitly.
        ServeWorld.Run p = ServeWorld.cli("predict", "--model", ServeWorld.model().toString(), "--format", "jsonl",
                "--data", jsonl.toString(), "--split", "test", "--out", csv.toString(), "--allow-outside-root");
        assertEquals(0, p.exit(), p.err());
        for (Scored s : ScoreFiles.read(csv)) {
            predicted.put(s.pid(), s.score());
        }
        Map<String, JsonNode> users = new HashMap<>();
        for (String line : Files.readAllLines(jsonl.resolve("users.jsonl"))) {
            JsonNode u = JSON.readTree(line);
            users.put(u.get("user_id").asText(), u);
        }
        for (String line : Files.readAllLines(jsonl.resolve("posts.jsonl"))) {
            ObjectNode o = (ObjectNode) JSON.readTree(line);
            if ("test".equals(o.path("split").asText()) && posts.size() < 40) {
                JsonNode u = users.get(o.get("user_id").asText());
                if (u != null) {
                    o.set("user", u);
                }
                // The server never reads paths: the image travels in the request, as a client would send it.
                if (o.hasNonNull("image")) {
                    byte[] bytes = Files.readAllBytes(jsonl.resolve(o.get("image").asText()));
                    o.remove("image");
                    o.put("image_base64", java.util.Base64.getEncoder().encodeToString(bytes));
                }
                posts.add(o);
            }
        }
        ServedModel served = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1,
                40_000_000L), new PrintWriter(System.err, true));
        // 4 MiB: a batch of 40 posts with their JPEGs in base64 fits; the oversize test sends 5 MiB.
        ServerConfig cfg = ServerConfig.defaults(0).withLimits(4 * 1024 * 1024, 50);
        server = PredictionServer.start(served, cfg);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode e = JSON.readTree(r.body());
        assertTrue(e.hasNonNull("error"), r.body());
        return e;
    }

    /**
     * Concurrent requests (the server may score them together, {@link PredictBatcher}) are answered exactly as each
     * is answered alone: same scores, tiers and contributions, bit for bit.
     */
    @Test
    void concurrentRequestsAreAnsweredAsEachAlone() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ObjectNode p = posts.get(i % posts.size()).deepCopy();
            p.remove("image_base64"); // requests with images are not batched
            p.put("post_id", "same-id"); // every request's post has the same id: batching must keep them apart
            bodies.add("{\"explain\": " + (i % 3 == 0) + ", \"posts\": [" + p + "]}");
        }
        List<JsonNode> alone = new ArrayList<>();
        for (String b : bodies) {
            alone.add(ok(ServeWorld.post(port, "/v1/predict", b)).get("predictions"));
        }
        for (int round = 0; round < 3; round++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (String b : bodies) {
                sent.add(ServeWorld.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/v1/predict"))
                        .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(60))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(b)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < bodies.size(); i++) {
                assertEquals(alone.get(i), ok(sent.get(i).get()).get("predictions"), "request " + i + ", round " + round);
            }
        }
        String metrics = ServeWorld.get(port, "/metrics").body();
        assertTrue(metrics.contains("hyperfusion_predict_batches_total"), metrics);
        assertTrue(metrics.contains("hyperfusion_text_cache_lookups_total{result=\"hit\"}"), metrics);
    }

    @Test
    void singlePostEqualsTheBatchPredictor() throws Exception {
        ObjectNode post = posts.get(0);
        JsonNode r = ok(ServeWorld.post(port, "/v1/predict", post.toString()));
        assertEquals(predicted.get(post.get("post_id").asText()), r.get("popularity_score").asDouble(), 1e-9);
        assertTrue(r.get("model_id").asText().contains("@"), r.toString());
        JsonNode tiers = r.get("tiers");
        double sum = tiers.get("blend").get("intercept").asDouble();
        for (JsonNode w : tiers.get("blend").get("weighted")) {
            sum += w.asDouble();
        }
        assertEquals(r.get("popularity_score").asDouble(), sum, 1e-9, "score = intercept + Σ weight × output");
        assertFalse(tiers.get("tier1").isEmpty());
        JsonNode top = r.get("top_features");
        assertEquals(Predictor.TOP_FEATURES, top.size());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(Math.abs(top.get(i - 1).get("contribution").asDouble()) >= Math.abs(top.get(i).get("contribution").asDouble()));
        }
        assertTrue(top.get(0).get("feature").asText().contains("#"));
    }

    @Test
    void batchEqualsTheBatchPredictorForEveryPost() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("posts").addAll(posts);
        JsonNode r = ok(ServeWorld.post(port, "/v1/predict", body.toString()));
        assertEquals(posts.size(), r.get("predictions").size());
        for (JsonNode p : r.get("predictions")) {
            assertEquals(predicted.get(p.get("post_id").asText()), p.get("popularity_score").asDouble(), 1e-9,
                    p.get("post_id").asText());
        }
    }

    @Test
    void thirtyTwoParallelRequestsGiveTheBatchAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> fs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                ObjectNode post = posts.get(i % posts.size());
                fs.add(pool.submit(() -> ServeWorld.post(port, "/v1/predict", post.toString())));
            }
            for (int i = 0; i < 32; i++) {
                JsonNode r = ok(fs.get(i).get());
                assertEquals(predicted.get(posts.get(i % posts.size()).get("post_id").asText()),
                        r.get("popularity_score").asDouble(), 1e-9);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        error(ServeWorld.post(port, "/v1/predict", "{\"post_id\": \"p1\", "), 400);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode arr = body.putArray("posts");
        arr.add(posts.get(0).deepCopy());
        arr.add(posts.get(1).deepCopy().put("posted_at", "last tuesday"));
        assertEquals("posts[1].posted_at", error(ServeWorld.post(port, "/v1/predict", body.toString()), 400).get("field").asText());
        ObjectNode noUser = posts.get(2).deepCopy();
        noUser.remove("user_id");
        assertEquals("user_id", error(ServeWorld.post(port, "/v1/predict", noUser.toString()), 400).get("field").asText());
        ObjectNode badImage = posts.get(0).deepCopy().put("image_base64", "not*base64!");
        assertEquals("image_base64", error(ServeWorld.post(port, "/v1/predict", badImage.toString()), 400).get("field").asText());
        ObjectNode badUser = posts.get(0).deepCopy();
        badUser.putObject("user").put("is_pro", "maybe");
        assertEquals("user.is_pro", error(ServeWorld.post(port, "/v1/predict", badUser.toString()), 400).get("field").asText());
    }

    @Test
    void limitsAndRoutes() throws Exception {
        error(ServeWorld.get(port, "/v2/nothing"), 404);
        error(ServeWorld.post(port, "/v1/predict", posts.get(0).toString(), "text/plain"), 415);
        error(ServeWorld.get(port, "/v1/predict"), 405);
        // Declared over a raw socket (headers and one byte): through HttpClient the 5 MB upload raced the server's early
        // 413 and close, and the client reported a broken pipe instead of the answer.
        String tooBig;
        try (java.net.Socket s = Hostile.slowBody(port, 5 * 1024 * 1024)) {
            tooBig = Hostile.answer(s);
        }
        assertTrue(tooBig.startsWith("HTTP/1.1 413"), tooBig);
        assertTrue(tooBig.contains("exceeds the limit of"), tooBig);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode arr = body.putArray("posts");
        for (int i = 0; i < 51; i++) {
            ObjectNode copy = posts.get(0).deepCopy().put("post_id", "b" + i);
            copy.remove("image_base64"); // small posts: the batch limit, not the body limit, must answer
            arr.add(copy);
        }
        JsonNode e = error(ServeWorld.post(port, "/v1/predict", body.toString()), 413);
        assertTrue(e.get("error").asText().contains("50"), e.toString());
    }

    @Test
    void adviceIsOrdered() throws Exception {
        ObjectNode req = JSON.createObjectNode();
        req.set("post", posts.get(3));
        req.put("from", "2024-03-01T18:20:00Z");
        JsonNode a = ok(ServeWorld.post(port, "/v1/advise", req.toString()));
        assertEquals("2024-03-01T19:00:00Z", a.get("from").asText());
        JsonNode slots = a.get("slots");
        assertEquals(168, slots.size());
        for (int i = 1; i < slots.size(); i++) {
            assertTrue(slots.get(i - 1).get("popularity_score").asDouble() >= slots.get(i).get("popularity_score").asDouble());
        }
        assertEquals("training", a.get("candidate_tags_from").asText());
        JsonNode tags = a.get("tag_effects");
        assertTrue(tags.size() >= 20, a.toString());
        for (int i = 1; i < tags.size(); i++) {
            assertTrue(tags.get(i - 1).get("delta").asDouble() >= tags.get(i).get("delta").asDouble());
        }
        // A slot's score is the predict answer for the draft posted then.
        ObjectNode atBest = posts.get(3).deepCopy().put("posted_at", slots.get(0).get("time").asText());
        double s = ok(ServeWorld.post(port, "/v1/predict", atBest.toString())).get("popularity_score").asDouble();
        assertEquals(slots.get(0).get("popularity_score").asDouble(), s, 1e-9);
        req.putArray("candidate_tags").add("sunset").add("");
        assertEquals("candidate_tags[1]", error(ServeWorld.post(port, "/v1/advise", req.toString()), 400).get("field").asText());
    }

    @Test
    void metricsAreValidPrometheusText() throws Exception {
        ok(ServeWorld.get(port, "/v1/health"));
        HttpResponse<String> r = ServeWorld.get(port, "/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
                + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");
        Pattern comment = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+");
        for (String line : r.body().split("\n")) {
            assertTrue(sample.matcher(line).matches() || comment.matcher(line).matches(), "bad line: " + line);
        }
        assertTrue(r.body().contains("hyperfusion_http_requests_total{method=\"GET\",route=\"/v1/health\",status=\"200\"}"));
        assertTrue(r.body().contains("hyperfusion_http_request_duration_seconds_bucket{route=\"/v1/health\",le=\"+Inf\"}"));
        assertTrue(r.body().contains("hyperfusion_model_load_seconds "));
    }

    @Test
    void modelRouteReturnsTheManifest() throws Exception {
        JsonNode m = ok(ServeWorld.get(port, "/v1/model"));
        JsonNode manifest = m.get("manifest");
        assertTrue(manifest.get("files").has("popularity/model/hierarchy.json"), manifest.toString());
        assertEquals(JSON.readTree(ServeWorld.model().resolve("manifest.json").toFile()), manifest);
        assertTrue(m.get("model_id").asText().startsWith(ok(ServeWorld.get(port, "/v1/health")).get("model_id").asText()));
    }

    @Test
    void slowRequestsGet503AndStopFinishesInFlightRequests() throws Exception {
        ServedModel served = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1,
                40_000_000L), new PrintWriter(System.err, true));
        PredictionServer s = PredictionServer.start(served, ServerConfig.defaults(0).withTimeout(Duration.ofMillis(1)));
        try {
            ObjectNode req = JSON.createObjectNode();
            req.set("post", posts.get(0));
            error(ServeWorld.post(s.port(), "/v1/advise", req.toString()), 503);
        } finally {
            s.stop();
        }
        ServedModel again = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1,
                40_000_000L), new PrintWriter(System.err, true));
        PredictionServer t = PredictionServer.start(again, ServerConfig.defaults(0));
        ObjectNode req = JSON.createObjectNode();
        req.set("post", posts.get(0));
        req.put("from", Instant.parse("2024-01-01T00:00:00Z").toString());
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> inFlight = one.submit(() -> ServeWorld.post(t.port(), "/v1/advise", req.toString()));
            long until = System.nanoTime() + 30_000_000_000L;
            while (t.metrics().inFlight() == 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            t.stop();
            assertEquals(200, inFlight.get().statusCode(), "a request in flight is answered before the model closes");
        } finally {
            one.shutdown();
        }
    }
}
