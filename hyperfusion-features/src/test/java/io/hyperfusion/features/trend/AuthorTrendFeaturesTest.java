package io.hyperfusion.features.trend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorTrendFeaturesTest {
    static final double NAN = Double.NaN;

    static Post post(String id, String user, long day, double label) {
        return Post.builder(id, user).postedAt(Instant.ofEpochSecond(day * 86_400)).label(label).build();
    }

    @Test
    void eachRowSeesOnlyStrictlyEarlierLabelsAndNewPostsSeeThemAll() {
        // File order is not time order; p3 and p4 share an instant and must not see each other.
        List<Post> train = List.of(post("p2", "a", 2, 4), post("p1", "a", 1, 2), post("p3", "a", 5, 9),
                post("p4", "a", 5, 1), post("q1", "b", 3, 7));
        double[] y = train.stream().mapToDouble(Post::label).toArray();
        FeatureGroup.Fit fit = new AuthorTrendFeatures(2).fit(train, y, new FeatureContext(Map.of(), null), 1);
        double[][] v = fit.trainValues();
        assertArrayEquals(new double[] {2, 2, 0, 1, 1}, v[0], 1e-12);                  // p2 after p1
        assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, 0}, v[1]);                  // p1: nothing before
        assertArrayEquals(new double[] {4, 3, 0, 3, 2}, v[2], 1e-12);                  // p3: p1, p2
        assertArrayEquals(new double[] {4, 3, 0, 3, 2}, v[3], 1e-12);                  // p4: same instant as p3
        assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, 0}, v[4]);
        // A new post of a on day 7 sees all four: last label is p4's or p3's (same instant, key order), recent = last 2.
        double[][] n = fit.group().transform(List.of(post("new", "a", 7, 0), post("x", "c", 7, 0)),
                new FeatureContext(Map.of(), null));
        assertArrayEquals(new double[] {1, 5, 5 - 4, 2, 4}, n[0], 1e-12);
        assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, 0}, n[1]);
    }
}
