package io.hyperfusion.features.textlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.stats.TargetStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextLinearFeaturesTest {
    static final String[] WORDS = {"закат", "夕焼け", "sunset", "rain", "coffee", "street", "tree", "dog"};

    /** Posts whose label rises with the Russian and Japanese words for sunset, in any script. */
    static List<Post> posts(int n, long seed, double[] truth) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Post> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> words = new ArrayList<>();
            double y = 5 + 0.3 * r.nextGaussian();
            for (int k = 0; k < 3; k++) {
                int w = r.nextInt(WORDS.length);
                words.add(WORDS[w]);
                y += w < 2 ? 1.5 : 0;
            }
            truth[i] = y;
            out.add(Post.builder("p" + i, "u" + (i % 50)).postedAt(Instant.ofEpochSecond(1_500_000_000L + 60L * i))
                    .title(String.join(" ", words.subList(0, 2))).tags(List.of(words.get(2))).label(y).build());
        }
        return out;
    }

    @Test
    void learnsWordsOfAnyScriptOutOfFoldAndFitted() {
        for (TargetStatistics.Mode mode : TargetStatistics.Mode.values()) {
            double[] y = new double[600];
            List<Post> train = posts(600, 1, y);
            TextLinearFeatures g = new TextLinearFeatures(2, 1000, 1.0, 5, mode);
            FeatureContext ctx = new FeatureContext(Map.of(), null);
            FeatureGroup.Fit fit = g.fit(train, y, ctx, 3);
            double[] oof = new double[600];
            List<Integer> known = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                oof[i] = fit.trainValues()[i][0];
                if (!Double.isNaN(oof[i])) {
                    known.add(i);
                }
            }
            double src = Metrics.src(known.stream().mapToDouble(i -> y[i]).toArray(),
                    known.stream().mapToDouble(i -> oof[i]).toArray());
            assertTrue(src > 0.8, mode + ": out-of-fold SRC " + src);
            double[] fresh = new double[200];
            List<Post> test = posts(200, 2, fresh);
            double[][] v = fit.group().transform(test, ctx);
            double[] p = java.util.Arrays.stream(v).mapToDouble(row -> row[0]).toArray();
            assertTrue(Metrics.src(fresh, p) > 0.8, mode + ": new posts SRC " + Metrics.src(fresh, p));
            assertEquals(1.0, v[0][1], 1e-12, "every term of a new post is in the vocabulary");
        }
    }

    @Test
    void tokensAreWordsOfAnyScriptAndWholeTags() {
        Post p = Post.builder("1", "u").title("Закат над морем, 2024!").tags(List.of("BeachLife", "夕焼け")).build();
        assertEquals(List.of("закат", "над", "морем", "2024", "#beachlife", "beachlife", "#夕焼け", "夕焼け"),
                new ArrayList<>(BagOfWords.tokens(p).keySet()));
    }
}
