package io.hyperfusion.features.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FeatureOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeoFeaturesTest {

    static Post post(String id, String user, Double lat, Double lon, double label) {
        return Post.builder(id, user).postedAt(Instant.ofEpochSecond(1_500_000_000L + Long.parseLong(id)))
                .geo(lat, lon, lat == null ? null : 16).label(label).build();
    }

    @Test
    void cellsHabitsAndDistanceFromTheUsualPlace() {
        List<Post> train = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // u1 posts around London (a popular, well-liked cell); u2 in Paris, every other post without geo.
            train.add(post(Integer.toString(2 * i), "u1", 51.5 + 0.01 * (i % 3), -0.12, 9));
            train.add(post(Integer.toString(2 * i + 1), "u2", i % 2 == 0 ? 48.85 : null, i % 2 == 0 ? 2.35 : null, 3));
        }
        FeatureContext ctx = new FeatureContext(Map.of(), null, null, train);
        double[] y = train.stream().mapToDouble(Post::label).toArray();
        FeatureGroup.Fit fit = GeoFeatures.of(FeatureOptions.defaults()).fit(train, y, ctx, 1);
        List<String> names = fit.group().names();
        assertEquals(List.of("geo#latitude", "geo#longitude", "geo#freq_1_0", "geo#te_1_0", "geo#freq_0_1", "geo#te_0_1",
                "geo#author_geo_share", "geo#km_from_usual_place"), names);
        double[][] v = fit.group().transform(List.of(post("1000", "u1", 48.85, 2.35, 0), post("1001", "u2", null, null, 0),
                post("1002", "u3", 51.5, -0.12, 0)), new FeatureContext(Map.of(), null));
        // u1 in Paris: Paris's cell (20 posts) and its mean label 3, smoothed towards the prior 6 with weight 5,
        // 340 km from London.
        assertEquals(Math.log1p(20), v[0][2], 1e-12);
        assertEquals((20 * 3 + 5 * 6) / 25.0, v[0][3], 1e-12);
        assertEquals(1.0, v[0][6]);
        assertTrue(v[0][7] > 330 && v[0][7] < 350, "London to Paris km " + v[0][7]);
        // u2 without geo: only the habit.
        assertEquals(0.5, v[1][6]);
        assertTrue(Double.isNaN(v[1][0]) && Double.isNaN(v[1][3]) && Double.isNaN(v[1][7]));
        // An unknown author in London: the cell's statistics, no habit.
        assertEquals((40 * 9 + 5 * 6) / 45.0, v[2][3], 1e-12);
        assertTrue(Double.isNaN(v[2][6]) && Double.isNaN(v[2][7]));
    }
}
