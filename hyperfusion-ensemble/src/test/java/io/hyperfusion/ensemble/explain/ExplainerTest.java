package io.hyperfusion.ensemble.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.TinyWorlds;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Explanations of a small trained hierarchy add up: blend terms to the score, TreeSHAP to the member's output. */
class ExplainerTest {
    @TempDir
    static Path dir;
    static PostDataset ds;
    static FeatureContext ctx;
    static PopularityModel model;
    static List<Post> posts;
    static FeatureMatrix x;

    @BeforeAll
    static void train() {
        ds = TinyWorlds.world(dir.resolve("world"), 400, 40, 5);
        ctx = FeatureContext.of(ds);
        model = new PopularityTrainer(TinyWorlds.fastConfig(0, 9)).train(ds, ctx, Map.of(), s -> { }).model();
        posts = ds.unlabelled();
        x = model.features(posts, ctx);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void blendTermsAndInterceptSumToTheScore() {
        List<Explainer.Explanation> ex = Explainer.of(model).explain(x, posts, 10);
        double[] scores = model.predict(posts, ctx);
        assertEquals(posts.size(), ex.size());
        for (int r = 0; r < ex.size(); r++) {
            Explainer.Explanation e = ex.get(r);
            double sum = e.intercept() + e.blend().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(e.score(), sum, 1e-9, "row " + r);
            assertEquals(scores[r], e.score(), 1e-12, "row " + r);
            assertEquals(posts.get(r).postId(), e.pid());
            assertEquals(List.of("temporal", "user"), List.copyOf(e.tier1().keySet()));
            assertEquals(List.of("fusion_lgbm", "fusion_xgb"), List.copyOf(e.tier2().keySet()));
        }
    }

    @Test
    void treeShapOfTheChosenMemberSumsToItsOutput() {
        Explainer ex = Explainer.of(model);
        HierarchicalModel h = ex.model();
        double[] w = h.blender().weights();
        int chosen = h.fusion().stream().map(f -> f.spec().name()).toList().indexOf(ex.explainedMember());
        assertTrue(chosen >= 0, "a member is chosen: " + ex.explainedMember());
        for (int f = 0; f < w.length; f++) {
            assertTrue(w[chosen] >= w[f], "the chosen member has the largest weight: " + java.util.Arrays.toString(w));
        }
        double[][] shap = ex.memberContributions(x);
        double[] out = h.predictDetailed(x).tier2()[chosen];
        // The member reads every feature but the identifier column (user#author_code), the two tier-1 columns, + bias.
        assertEquals(x.cols() - 1 + 2 + 1, shap[0].length, "features less the author code + two tier-1 columns + bias");
        assertEquals(h.fusion().get(chosen).columns().length + 1, shap[0].length);
        for (int r = 0; r < shap.length; r++) {
            double sum = 0;
            for (double v : shap[r]) {
                sum += v;
            }
            assertEquals(out[r], sum, 1e-4, "row " + r);
        }
    }

    @Test
    void topFeaturesAreTheLargestContributionsAndIncludeTierOneColumns() {
        Explainer ex = Explainer.of(model);
        List<Explainer.Explanation> all = ex.explain(x, posts, 10);
        boolean tier1Seen = false;
        for (Explainer.Explanation e : all) {
            assertEquals(10, e.topFeatures().size());
            for (int i = 1; i < 10; i++) {
                assertTrue(Math.abs(e.topFeatures().get(i - 1).contribution()) >= Math.abs(e.topFeatures().get(i).contribution()));
            }
            tier1Seen |= e.topFeatures().stream().anyMatch(c -> c.name().startsWith("tier1#"));
        }
        assertTrue(tier1Seen, "tier-1 predictions are inputs of tier 2 and should matter for some post");
        Map<String, Double> imp = ex.meanAbsContributions(x);
        assertEquals(ex.tier2Names().size(), imp.size());
        double[] v = imp.values().stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i - 1] >= v[i]);
        }
    }

    @Test
    void writerProducesOneJsonObjectPerPost() throws Exception {
        Path file = dir.resolve("explain.jsonl");
        List<Post> few = posts.subList(0, 5);
        try (ExplanationWriter w = new ExplanationWriter(file)) {
            w.write(Explainer.of(model).explain(model.features(few, ctx), few, 10));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size());
        JsonNode o = new ObjectMapper().readTree(lines.get(0));
        assertEquals(few.get(0).userId(), o.path("uid").asText());
        assertTrue(o.path("tiers").path("tier1").has("temporal"));
        assertTrue(o.path("tiers").path("blend").has("fusion_xgb"));
        assertTrue(o.path("tiers").path("intercept").isNumber());
        assertEquals(10, o.path("top_features").size());
        assertTrue(o.path("top_features").get(0).has("contribution"));
        double sum = o.path("tiers").path("intercept").asDouble() + o.path("tiers").path("blend").path("fusion_lgbm").asDouble()
                + o.path("tiers").path("blend").path("fusion_xgb").asDouble();
        assertEquals(o.path("score").asDouble(), sum, 1e-9);
    }
}
