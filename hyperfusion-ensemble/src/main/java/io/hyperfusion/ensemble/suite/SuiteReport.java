package io.hyperfusion.ensemble.suite;

import io.hyperfusion.data.eval.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The suite's numbers for one data set: per configuration the mean and standard deviation over runs (seeds and
 * windows) of SRC and MAE, a bootstrap interval of the mean SRC, and the paired difference against each baseline
 * with its interval.
 *
 * <p>The bootstrap resamples <em>authors</em>, not posts (a cluster bootstrap; Field and Welsh, "Bootstrapping
 * clustered data", JRSS B 2007): posts of one author are correlated, so resampling posts would give intervals too
 * narrow. In each replicate every run draws as many authors as it has, with replacement, keeps all their posts,
 * and every configuration is scored on the same draw; the replicate's statistic is the mean over runs. The
 * interval is the percentile interval of the replicates. Deterministic for a seed.
 */
public final class SuiteReport {

    private SuiteReport() {
    }

    /** A difference of mean SRC against a baseline, with its interval. */
    public record Delta(double mean, double low, double high) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f]", mean, low, high);
        }
    }

    /**
     * One configuration on one data set.
     *
     * @param runs    runs (seed × window) it was scored on
     * @param posts   posts scored over all runs
     * @param deltas  baseline name → mean SRC of this configuration minus the baseline's
     */
    public record Row(String dataset, String config, int runs, int posts, double srcMean, double srcSd, double srcLow,
                      double srcHigh, double maeMean, double maeSd, double secondsMean, Map<String, Delta> deltas) { }

    /**
     * The rows of one data set.
     *
     * @param results   run name → configuration name → result; every run must hold every configuration, on the same
     *                  posts
     * @param baselines configuration names to compare every other against (those present)
     */
    public static List<Row> of(String dataset, Map<String, Map<String, SuiteStore.Result>> results, List<String> baselines,
                               int resamples, double level, long seed) {
        List<String> runs = new ArrayList<>(results.keySet());
        if (runs.isEmpty()) {
            return List.of();
        }
        List<String> configs = new ArrayList<>(results.get(runs.get(0)).keySet());
        for (String r : runs) {
            if (!results.get(r).keySet().containsAll(configs) || results.get(r).size() != configs.size()) {
                throw new IllegalArgumentException(dataset + ": run " + r + " holds configurations "
                        + results.get(r).keySet() + ", expected " + configs);
            }
        }
        // Bootstrap replicates of the mean-over-runs SRC, per configuration; all configurations share each draw.
        double[][] reps = new double[configs.size()][resamples];
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[][]> groups = new ArrayList<>();
        for (String r : runs) {
            groups.add(byAuthor(results.get(r).get(configs.get(0)).authors()));
        }
        for (int b = 0; b < resamples; b++) {
            for (int ri = 0; ri < runs.size(); ri++) {
                int[] rows = draw(groups.get(ri), rnd);
                Map<String, SuiteStore.Result> run = results.get(runs.get(ri));
                for (int c = 0; c < configs.size(); c++) {
                    SuiteStore.Result res = run.get(configs.get(c));
                    reps[c][b] += Metrics.src(pick(res.labels(), rows), pick(res.predictions(), rows)) / runs.size();
                }
            }
        }
        double tail = (1 - level) / 2;
        List<Row> out = new ArrayList<>();
        for (int c = 0; c < configs.size(); c++) {
            double[] src = new double[runs.size()];
            double[] mae = new double[runs.size()];
            double sec = 0;
            int posts = 0;
            for (int ri = 0; ri < runs.size(); ri++) {
                SuiteStore.Result res = results.get(runs.get(ri)).get(configs.get(c));
                src[ri] = Metrics.src(res.labels(), res.predictions());
                mae[ri] = Metrics.mae(res.labels(), res.predictions());
                sec += res.seconds() / runs.size();
                posts += res.labels().length;
            }
            double[] sorted = reps[c].clone();
            Arrays.sort(sorted);
            Map<String, Delta> deltas = new LinkedHashMap<>();
            for (String base : baselines) {
                int bi = configs.indexOf(base);
                if (bi < 0 || bi == c) {
                    continue;
                }
                double[] d = new double[resamples];
                for (int b = 0; b < resamples; b++) {
                    d[b] = reps[c][b] - reps[bi][b];
                }
                Arrays.sort(d);
                double mean = mean(src) - mean(srcOf(results, runs, base));
                deltas.put(base, new Delta(mean, quantile(d, tail), quantile(d, 1 - tail)));
            }
            out.add(new Row(dataset, configs.get(c), runs.size(), posts, mean(src), sd(src), quantile(sorted, tail),
                    quantile(sorted, 1 - tail), mean(mae), sd(mae), sec, deltas));
        }
        return out;
    }

    private static double[] srcOf(Map<String, Map<String, SuiteStore.Result>> results, List<String> runs, String config) {
        return runs.stream().mapToDouble(r -> {
            SuiteStore.Result res = results.get(r).get(config);
            return Metrics.src(res.labels(), res.predictions());
        }).toArray();
    }

    /** Row indices grouped by author, authors in first-seen order. */
    static int[][] byAuthor(List<String> authors) {
        Map<String, List<Integer>> g = new LinkedHashMap<>();
        for (int i = 0; i < authors.size(); i++) {
            g.computeIfAbsent(authors.get(i), k -> new ArrayList<>()).add(i);
        }
        return g.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** Rows of as many authors as there are, drawn with replacement. */
    static int[] draw(int[][] groups, SplittableRandom rnd) {
        List<int[]> chosen = new ArrayList<>(groups.length);
        int n = 0;
        for (int i = 0; i < groups.length; i++) {
            int[] g = groups[rnd.nextInt(groups.length)];
            chosen.add(g);
            n += g.length;
        }
        int[] rows = new int[n];
        int k = 0;
        for (int[] g : chosen) {
            System.arraycopy(g, 0, rows, k, g.length);
            k += g.length;
        }
        return rows;
    }

    static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    static double sd(double[] a) {
        if (a.length < 2) {
            return 0;
        }
        double m = mean(a);
        return Math.sqrt(Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1));
    }

    /** Linear-interpolated quantile of sorted values (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows, List<String> baselines) {
        StringBuilder sb = new StringBuilder("| data set | configuration | runs | SRC mean ± sd | 95% interval | MAE mean ± sd |");
        baselines.forEach(b -> sb.append(" ΔSRC vs ").append(b).append(" |"));
        sb.append(" s/run |\n|---|---|---|---|---|---|");
        baselines.forEach(b -> sb.append("---|"));
        sb.append("---|\n");
        Map<String, Integer> seen = new HashMap<>();
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f ± %.4f | [%.4f, %.4f] | %.4f ± %.4f |",
                    seen.merge(r.dataset(), 1, Integer::sum) == 1 ? r.dataset() : "", r.config(), r.runs(), r.srcMean(),
                    r.srcSd(), r.srcLow(), r.srcHigh(), r.maeMean(), r.maeSd()));
            for (String b : baselines) {
                Delta d = r.deltas().get(b);
                sb.append(' ').append(d == null ? "" : d.toString()).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %.0f |%n", r.secondsMean()));
        }
        return sb.toString();
    }
}
