package io.hyperfusion.app.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.data.Post;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.PostEmbedder;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posted images through the real MobileNetV2 encoder: same vectors as the batch embedder, pixel limit enforced. */
class ImageServingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static MobileNetV2Encoder mobilenet;

    @BeforeAll
    static void open() {
        EmbeddingRun.ensureImageModel(ServeWorld.modelsDir(), new PrintWriter(System.err, true));
        mobilenet = MobileNetV2Encoder.open(ServeWorld.modelsDir(), 1);
    }

    @AfterAll
    static void close() {
        if (mobilenet != null) {
            mobilenet.close();
        }
    }

    static OnlineEmbedder embedder(long maxPixels) {
        return new OnlineEmbedder(mobilenet, null, null, null,
                new ImageDecoder.Options(maxPixels, 1024, ImageDecoder.OversizePolicy.REFUSE));
    }

    @Test
    void onlineVectorsEqualThePostEmbedders(@TempDir Path dir) throws Exception {
        byte[] jpeg = LoadBenchmark.jpeg(160, 120);
        Path file = Files.write(dir.resolve("a.jpg"), jpeg);
        Post post = Post.builder("p1", "u1").imagePath(file.toString()).build();
        EmbeddingTable online = embedder(40_000_000L).embed(List.of(post), java.util.Arrays.asList(jpeg));
        EmbeddingTable batch;
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("cache.duckdb"))) {
            batch = new PostEmbedder(cache, mobilenet, null, null, null, ImageDecoder.Options.defaults(), 32)
                    .embed(List.of(post), p -> Path.of(p.imagePath()), PostEmbedder.Progress.NONE).table();
        }
        assertEquals(batch.spaces(), online.spaces());
        for (String space : List.of(Spaces.IMAGE, Spaces.NSFW, Spaces.IMGSTATS)) {
            assertEquals(batch.componentNames(space), online.componentNames(space));
            assertArrayEquals(batch.get(space, post.key()), online.get(space, post.key()), space);
        }
    }

    @Test
    void serverEncodesImagesAndRefusesLargeOrBrokenOnes() throws Exception {
        try (PopularityBundle.Loaded loaded = PopularityBundle.load(ServeWorld.model())) {
            // A limit between 80x60 and 160x120 pixels.
            ServedModel served = ServedModel.of(loaded.bundle(), loaded.model(), embedder(10_000));
            try (PredictionServer s = PredictionServer.start(served, ServerConfig.defaults(0))) {
                ObjectNode small = post("a").put("image_base64", Base64.getEncoder().encodeToString(LoadBenchmark.jpeg(80, 60)));
                HttpResponse<String> r = ServeWorld.post(s.port(), "/v1/predict", small.toString());
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(Double.isFinite(JSON.readTree(r.body()).get("popularity_score").asDouble()));

                ObjectNode large = post("b").put("image_base64", Base64.getEncoder().encodeToString(LoadBenchmark.jpeg(160, 120)));
                ObjectNode batch = JSON.createObjectNode();
                batch.putArray("posts").add(small).add(large);
                JsonNode e = error(ServeWorld.post(s.port(), "/v1/predict", batch.toString()));
                assertEquals("posts[1].image_base64", e.get("field").asText());
                assertTrue(e.get("error").asText().contains("160x120"), e.toString());

                ObjectNode broken = post("c").put("image_base64", Base64.getEncoder().encodeToString("not an image".getBytes()));
                assertEquals("image_base64", error(ServeWorld.post(s.port(), "/v1/predict", broken.toString())).get("field").asText());
            }
        }
    }

    static ObjectNode post(String id) {
        ObjectNode o = JSON.createObjectNode();
        o.put("post_id", id).put("user_id", "u1").put("posted_at", "2024-03-01T18:00:00Z").put("title", "a red sunset");
        o.putArray("tags").add("sunset");
        return o;
    }

    static JsonNode error(HttpResponse<String> r) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
