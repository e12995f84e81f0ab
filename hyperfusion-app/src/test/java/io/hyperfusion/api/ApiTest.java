package io.hyperfusion.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.app.serve.Prediction;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade end to end on a small generated world: train, evaluate, predict, explain, advise, save, load. */
class ApiTest {
    @TempDir
    static Path dir;
    static Dataset world;
    static Model model;

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        // Tests run in hyperfusion-app/; configs/ and models/ are at the repository root.
        return Files.isDirectory(p.resolve("../hyperfusion-app")) ? p.getParent() : p;
    }

    @BeforeAll
    static void train() {
        Path w = HyperFusion.generateWorld(dir.resolve("world"), 500, 50, 3);
        world = HyperFusion.read(w, "smpd-image");
        HierarchyConfig cheap = HierarchyConfig.load(repo().resolve("configs/lightgbm-only.json")).withFolds(2, "user");
        model = Trainer.of(cheap).withSeed(5).withModelsDir(repo().resolve("models"))
                .withCacheFile(dir.resolve("embeddings.duckdb")).train(world);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    static Post draft(String id, String title, List<String> tags) {
        return HyperFusion.post("user_3", id, Instant.parse("2016-03-01T18:00:00Z"), title, tags);
    }

    @Test
    void trainedModelRanksTheWorldsPostsAndScoresPostsBuiltInCode() {
        RegressionReport r = model.evaluate(world);
        assertEquals(world.labelled().size(), r.n());
        // The world's labels are learnable; a model that learned nothing has SRC near 0.
        assertTrue(r.src() > 0.3, "SRC " + r.src());
        List<Post> posts = List.of(draft("a", "golden sunset over the sea", List.of("sunset")),
                draft("b", "", List.of()), draft("c", "my cat on the sofa", List.of("cat", "home")));
        double[] batch = model.predict(posts);
        assertEquals(3, batch.length);
        for (int i = 0; i < posts.size(); i++) {
            assertTrue(Double.isFinite(batch[i]));
            assertEquals(batch[i], model.predict(posts.get(i)), 1e-9, "batch and single scores agree");
        }
    }

    @Test
    void explanationAddsUpToTheScoreAndAdviceCoversTheWeek() {
        Post p = draft("x", "city lights at night", List.of("night"));
        Prediction e = model.explain(p);
        assertEquals(model.predict(p), e.score(), 1e-9);
        double sum = e.tiers().intercept() + e.tiers().weighted().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(e.score(), sum, 1e-6);
        assertTrue(!e.topFeatures().isEmpty());
        var advice = model.advise(p, Instant.parse("2016-03-02T00:00:00Z"));
        assertEquals(168, advice.slots().size());
        assertTrue(advice.slots().get(0).score() >= advice.slots().get(167).score());
    }

    @Test
    void savedModelLoadsAndScoresTheSame() throws Exception {
        Path target = dir.resolve("saved");
        model.save(target);
        var e = assertThrows(IllegalArgumentException.class, () -> model.save(target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        List<Post> posts = List.of(draft("a", "sunset", List.of("sunset")), draft("b", "dog", List.of()));
        try (Model loaded = Model.load(target, repo().resolve("models"), dir.resolve("embeddings.duckdb"))) {
            assertArrayEquals(model.predict(posts), loaded.predict(posts), 1e-12);
            assertEquals(model.id(), loaded.id());
        }
    }

    @Test
    void predictsFromManyThreadsAsFromOne() throws Exception {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            posts.add(draft("t" + i, "post number " + i + (i % 3 == 0 ? " sunset" : ""), List.of("tag" + (i % 5))));
        }
        double[] expected = model.predict(posts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> f = new ArrayList<>();
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                f.add(pool.submit(() -> model.predict(p)));
            }
            for (int i = 0; i < posts.size(); i++) {
                assertEquals(expected[i], f.get(i).get(), 1e-9);
            }
        } finally {
            pool.shutdown();
        }
        assertNotEquals(expected[0], expected[1], "distinct posts get distinct scores");
    }

    @Test
    void badInputIsNamed() {
        var missing = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir.resolve("nope"), "smpd-image"));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        var format = assertThrows(IllegalArgumentException.class, () -> Dataset.read(dir, "csv"));
        assertTrue(format.getMessage().contains("csv"), format.getMessage());
        var id = assertThrows(IllegalArgumentException.class, () -> HyperFusion.post("u", "", null, "t", List.of()));
        assertTrue(id.getMessage().contains("post id"), id.getMessage());
        var images = assertThrows(IllegalArgumentException.class,
                () -> model.predict(List.of(draft("a", "t", List.of())), Map.of(), List.of()));
        assertTrue(images.getMessage().contains("images"), images.getMessage());
        var noLabels = Dataset.of(List.of(draft("u1", "t", List.of())), Map.of());
        assertThrows(IllegalArgumentException.class, () -> model.evaluate(noLabels));
        var bundle = assertThrows(RuntimeException.class, () -> Model.load(dir.resolve("no-model")));
        assertTrue(bundle.getMessage().contains("no-model"), bundle.getMessage());
    }
}
