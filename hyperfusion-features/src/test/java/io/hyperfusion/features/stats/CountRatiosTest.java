package io.hyperfusion.features.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountRatiosTest {

    @Test
    void pairsOnlyCountLikeFieldsAndWritesLogRatios() {
        Map<String, double[]> v = Map.of(
                "likes", new double[] {10, 100, 1000, Double.NaN},
                "videos", new double[] {1, 9, 99, 5},
                "signed", new double[] {-1, 2, 3, 4},      // negative: not a count
                "flag", new double[] {0, 1, 1, 0},         // two values: not a count
                "zero", new double[] {0, 0, 0, 0});
        CountRatios r = CountRatios.fit(List.of("flag", "likes", "signed", "videos", "zero"), v, 8);
        assertEquals(List.of("likes", "videos"), r.fields());
        assertEquals(List.of("ratio_likes_videos"), r.names());
        double[] out = new double[3];
        r.write(Map.of("likes", 99.0, "videos", 9.0)::get, out, 1);
        assertArrayEquals(new double[] {0, Math.log(100) - Math.log(10), 0}, out, 1e-12);
        r.write(Map.of("likes", 99.0)::get, out, 0);
        assertEquals(Double.NaN, out[0]);
        assertEquals(0, CountRatios.fit(List.of("likes", "videos"), v, 1).width(), "one field makes no pair");
    }

    @Test
    void valueCountsKeepRepeatedValuesOnly() {
        ValueCounts c = ValueCounts.fit(java.util.Arrays.asList("a", "a", "b", null, "a"));
        assertEquals(Math.log1p(3), c.logCount("a"), 1e-12);
        assertEquals(0.0, c.logCount("b"), "a value seen once counts as rare");
        assertEquals(0.0, c.logCount("new"));
        assertEquals(Double.NaN, c.logCount(null));
    }
}
