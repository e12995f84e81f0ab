package io.hyperfusion.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests scored together ({@link PredictBatcher}) get exactly the scores, tiers and contributions they get scored
 * alone, with the text cache on or off; authors described differently and explained/unexplained requests are not
 * merged; a timed-out request is dropped and a failing one fails alone.
 */
class PredictBatcherTest {
    private static ServedModel cached;
    private static ServedModel uncached;
    private static final RequestReader READER = new RequestReader(256);

    @BeforeAll
    static void open() throws Exception {
        PrintWriter log = new PrintWriter(System.err, true);
        cached = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1, 40_000_000L), log);
        uncached = ServedModel.open(ServeWorld.model(),
                new ServedModel.Settings(ServeWorld.modelsDir(), null, 1, 40_000_000L, 0), log);
    }

    @AfterAll
    static void close() {
        cached.close();
        uncached.close();
    }

    /** A request body: the same post id in several requests, different texts, authors and explain flags. */
    private static String body(String title, String tags, String user, int photos, boolean explain) {
        return "{\"explain\": " + explain + ", \"posts\": [{\"post_id\": \"p1\", \"user_id\": \"" + user + "\", "
                + "\"posted_at\": \"2016-03-01T18:00:00Z\", \"title\": \"" + title + "\", \"tags\": [" + tags + "], "
                + "\"user\": {\"photo_count\": " + photos + "}}, {\"post_id\": \"p2\", \"user_id\": \"" + user + "\", "
                + "\"posted_at\": \"2016-05-02T07:30:00Z\", \"title\": \"" + title + " again\", \"tags\": []}]}";
    }

    private static final List<String> BODIES = List.of(
            body("beach at dusk", "\"sea\"", "u1", 42, false),
            body("a cat on a wall", "\"cat\", \"pets\"", "u2", 7, false),
            body("city lights", "\"night\"", "u1", 42, false),       // same author, same profile: mergeable
            body("mountain lake", "\"hiking\"", "u1", 9000, false),  // same author, another profile: not merged
            body("street food", "\"food\", \"travel\"", "u3", 300, true), // explained: batched apart
            body("old bridge", "\"bridge\"", "u4", 5, true));

    private record Outcome(int drain, List<Prediction> predictions) { }

    @Test
    void batchedScoresAreExactlyTheScoresAlone() {
        for (ServedModel served : List.of(cached, uncached)) {
            List<RequestReader.Posts> reqs = BODIES.stream()
                    .map(b -> READER.read(b.getBytes(StandardCharsets.UTF_8))).toList();
            List<List<Prediction>> alone = new ArrayList<>();
            for (RequestReader.Posts r : reqs) {
                boolean explain = r.root().get("explain").asBoolean();
                alone.add(served.predictor().predict(r.posts(), r.users(), Collections.nCopies(r.posts().size(), null),
                        explain));
            }
            PredictBatcher batcher = new PredictBatcher(served.predictor(), 64);
            Map<Integer, Outcome> got = new ConcurrentHashMap<>();
            int[] drain = {0};
            for (int k = 0; k < reqs.size(); k++) {
                int kk = k;
                RequestReader.Posts r = reqs.get(k);
                batcher.submit(new PredictBatcher.Job(r.posts(), r.users(), r.root().get("explain").asBoolean(),
                        () -> false, p -> got.put(kk, new Outcome(drain[0], p)), e -> { throw e; }));
            }
            for (drain[0] = 0; drain[0] < reqs.size(); drain[0]++) {
                batcher.drain();
            }
            assertEquals(reqs.size(), got.size());
            for (int k = 0; k < reqs.size(); k++) {
                List<Prediction> a = alone.get(k);
                List<Prediction> b = got.get(k).predictions();
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(a.get(i).score(), b.get(i).score(), 0.0, "request " + k + " post " + i);
                    assertEquals(a.get(i).tiers(), b.get(i).tiers(), "request " + k + " post " + i);
                    assertEquals(a.get(i).topFeatures(), b.get(i).topFeatures(), "request " + k + " post " + i);
                }
            }
            // Requests 0, 1 and 2 are merged; 3 (u1 described otherwise) and the explained 4 and 5 are not with them.
            assertEquals(0, got.get(0).drain());
            assertEquals(0, got.get(1).drain());
            assertEquals(0, got.get(2).drain());
            assertTrue(got.get(3).drain() > 0);
            assertTrue(got.get(4).drain() > 0);
            assertEquals(got.get(4).drain(), got.get(5).drain(), "the two explained requests go together");
            assertEquals(2, batcher.counts()[0]);
            assertEquals(5, batcher.counts()[1]);
        }
        // The same texts scored again come from the cache, and the two models agree exactly.
        long[] c = cached.predictor().embedder().textCacheCounts();
        if (cached.predictor().embedder().active()) {
            assertTrue(c[0] > 0 && c[1] > 0, "hits and misses: " + c[0] + ", " + c[1]);
        }
        assertEquals(0, uncached.predictor().embedder().textCacheCounts()[0]);
    }

    @Test
    void aTimedOutRequestIsDroppedAndAFailingOneFailsAlone() {
        RequestReader.Posts r = READER.read(BODIES.get(0).getBytes(StandardCharsets.UTF_8));
        PredictBatcher batcher = new PredictBatcher(cached.predictor(), 64);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        batcher.submit(new PredictBatcher.Job(r.posts(), r.users(), false, () -> true,
                p -> events.add("timed-out scored"), e -> events.add("timed-out failed")));
        batcher.submit(new PredictBatcher.Job(r.posts(), r.users(), false, () -> false,
                p -> { throw new IllegalStateException("broken answer"); }, e -> events.add("failed: " + e.getMessage())));
        batcher.submit(new PredictBatcher.Job(r.posts(), r.users(), false, () -> false,
                p -> events.add("scored " + p.size()), e -> events.add("ok failed")));
        batcher.drain();
        assertEquals(List.of("failed: broken answer", "scored 2"), events);
        batcher.drain(); // nothing left
        assertEquals(2, events.size());
    }
}
