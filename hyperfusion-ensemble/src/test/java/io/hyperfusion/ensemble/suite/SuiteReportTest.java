package io.hyperfusion.ensemble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.eval.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SuiteReportTest {

    /** A run of n posts by n/posts-per-author authors; "good" predicts with little noise, "bad" with much. */
    static Map<String, SuiteStore.Result> run(long seed, int n, int perAuthor) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> authors = new ArrayList<>();
        double[] y = new double[n];
        double[] good = new double[n];
        double[] bad = new double[n];
        for (int i = 0; i < n; i++) {
            authors.add("a" + (i / perAuthor));
            y[i] = r.nextGaussian();
            good[i] = y[i] + 0.5 * r.nextGaussian();
            bad[i] = y[i] + 2.0 * r.nextGaussian();
        }
        Map<String, SuiteStore.Result> m = new LinkedHashMap<>();
        m.put("good", new SuiteStore.Result(authors, y, good, 1));
        m.put("bad", new SuiteStore.Result(authors, y, bad, 3));
        return m;
    }

    @Test
    void meansIntervalsAndPairedDeltasOverRuns() {
        Map<String, Map<String, SuiteStore.Result>> results = new LinkedHashMap<>();
        results.put("s1", run(1, 400, 4));
        results.put("s2", run(2, 400, 4));
        List<SuiteReport.Row> rows = SuiteReport.of("d", results, List.of("bad"), 500, 0.95, 7);
        SuiteReport.Row good = rows.get(0);
        double s1 = Metrics.src(results.get("s1").get("good").labels(), results.get("s1").get("good").predictions());
        double s2 = Metrics.src(results.get("s2").get("good").labels(), results.get("s2").get("good").predictions());
        assertEquals((s1 + s2) / 2, good.srcMean(), 1e-12);
        assertEquals(Math.abs(s1 - s2) / Math.sqrt(2), good.srcSd(), 1e-12);
        assertEquals(2, good.runs());
        assertEquals(800, good.posts());
        assertTrue(good.srcLow() < good.srcMean() && good.srcMean() < good.srcHigh());
        SuiteReport.Delta d = good.deltas().get("bad");
        assertTrue(d.low() > 0, "good is clearly better than bad: " + d);
        assertTrue(rows.get(1).deltas().isEmpty(), "a baseline is not compared with itself");
        // Same seed, same numbers.
        assertEquals(rows, SuiteReport.of("d", results, List.of("bad"), 500, 0.95, 7));
    }

    @Test
    void authorGroupedIntervalsAreWiderWhenAnAuthorsPostsMoveTogether() {
        // Every post of an author carries the same label and prediction: 400 posts but only 40 independent units.
        SplittableRandom r = new SplittableRandom(5);
        List<String> authors = new ArrayList<>();
        double[] y = new double[400];
        double[] p = new double[400];
        for (int a = 0; a < 40; a++) {
            double ya = r.nextGaussian();
            double pa = ya + r.nextGaussian();
            for (int k = 0; k < 10; k++) {
                authors.add("a" + a);
                y[a * 10 + k] = ya;
                p[a * 10 + k] = pa;
            }
        }
        List<String> single = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            single.add("x" + i);
        }
        Map<String, Map<String, SuiteStore.Result>> grouped = Map.of("r", Map.of("m", new SuiteStore.Result(authors, y, p, 0)));
        Map<String, Map<String, SuiteStore.Result>> flat = Map.of("r", Map.of("m", new SuiteStore.Result(single, y, p, 0)));
        SuiteReport.Row g = SuiteReport.of("d", grouped, List.of(), 500, 0.95, 1).get(0);
        SuiteReport.Row f = SuiteReport.of("d", flat, List.of(), 500, 0.95, 1).get(0);
        assertTrue(g.srcHigh() - g.srcLow() > 2 * (f.srcHigh() - f.srcLow()),
                "grouped " + (g.srcHigh() - g.srcLow()) + " vs per-post " + (f.srcHigh() - f.srcLow()));
    }
}
