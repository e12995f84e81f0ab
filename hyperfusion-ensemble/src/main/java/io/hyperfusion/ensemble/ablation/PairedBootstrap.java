package io.hyperfusion.ensemble.ablation;

import io.hyperfusion.data.eval.Metrics;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap confidence interval of a difference in Spearman correlation between two predictors scored on
 * the same rows (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993, ch. 13, percentile interval):
 * resample the rows with replacement, recompute both SRCs on the same resample, and take percentiles of the
 * difference. Pairing removes the variance both predictors share through the rows. Deterministic given the
 * seed; holds settings only.
 *
 * @param resamples bootstrap resamples, at least 100
 * @param level     confidence level in (0, 1), e.g. 0.95
 * @param seed      seed of the resampling
 */
public record PairedBootstrap(int resamples, double level, long seed) {

    public PairedBootstrap {
        if (resamples < 100) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 100, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    /**
     * A difference and its interval.
     *
     * @param delta the difference on all rows, {@code SRC(b) - SRC(a)}
     * @param low   lower percentile bound
     * @param high  upper percentile bound
     */
    public record Interval(double delta, double low, double high) {
        /** Whether the interval holds {@code v}. */
        public boolean contains(double v) {
            return v >= low && v <= high;
        }
    }

    /** {@code SRC(y, b) - SRC(y, a)} with its paired percentile interval. */
    public Interval deltaSrc(double[] y, double[] a, double[] b) {
        if (y.length != a.length || y.length != b.length) {
            throw new IllegalArgumentException("expected equal lengths, got truth " + y.length + ", a " + a.length
                    + ", b " + b.length);
        }
        if (y.length < 3) {
            throw new IllegalArgumentException("a bootstrap of SRC needs at least 3 rows, got " + y.length);
        }
        double delta = Metrics.src(y, b) - Metrics.src(y, a);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = y.length;
        double[] diffs = new double[resamples];
        double[] ys = new double[n];
        double[] as = new double[n];
        double[] bs = new double[n];
        for (int s = 0; s < resamples; s++) {
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n);
                ys[i] = y[j];
                as[i] = a[j];
                bs[i] = b[j];
            }
            diffs[s] = Metrics.src(ys, bs) - Metrics.src(ys, as);
        }
        Arrays.sort(diffs);
        double tail = (1 - level) / 2;
        return new Interval(delta, quantile(diffs, tail), quantile(diffs, 1 - tail));
    }

    /** Linear-interpolated quantile of sorted values (numpy's default "linear" method). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
