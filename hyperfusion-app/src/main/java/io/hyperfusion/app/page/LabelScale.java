package io.hyperfusion.app.page;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * The distribution of the training labels, kept as its 101 percentiles, so that a predicted score can be told
 * as "higher than 71% of the training posts". Immutable.
 *
 * @param count     labelled training posts
 * @param mean      their mean label
 * @param std       their standard deviation (population)
 * @param quantiles the labels' percentiles 0, 1, ..., 100 (linear interpolation between order statistics,
 *                  Hyndman and Fan type 7, as numpy's default), non-decreasing
 */
public record LabelScale(@JsonProperty("count") long count, @JsonProperty("mean") double mean,
                         @JsonProperty("std") double std, @JsonProperty("quantiles") double[] quantiles) {
    /** Percentiles kept: 0..100. */
    public static final int POINTS = 101;

    public LabelScale {
        if (count < 1) {
            throw new IllegalArgumentException("a label scale needs at least one label, got " + count);
        }
        if (quantiles == null || quantiles.length != POINTS) {
            throw new IllegalArgumentException("expected " + POINTS + " quantiles, got "
                    + (quantiles == null ? "none" : quantiles.length));
        }
        for (int i = 0; i < POINTS; i++) {
            if (!Double.isFinite(quantiles[i]) || (i > 0 && quantiles[i] < quantiles[i - 1])) {
                throw new IllegalArgumentException("quantiles must be finite and non-decreasing, got "
                        + quantiles[i] + " at " + i);
            }
        }
        quantiles = quantiles.clone();
    }

    /** The scale of {@code labels} (finite values; at least one). */
    public static LabelScale of(double[] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("a label scale needs at least one label, got none");
        }
        double[] s = labels.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("labels must be finite, got " + v);
            }
            sum += v;
        }
        double mean = sum / s.length;
        double ss = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
        }
        double[] q = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double pos = (s.length - 1) * i / 100.0;
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, s.length - 1);
            q[i] = s[lo] + (pos - lo) * (s[hi] - s[lo]);
        }
        return new LabelScale(s.length, mean, Math.sqrt(ss / s.length), q);
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    /**
     * The share of training labels below {@code score}, in percent (0..100), by inverting the piecewise-linear
     * quantile function; inside a run of equal quantiles (many equal labels) the middle of the run.
     * The page computes the same in JavaScript (percentile in format.js).
     */
    public double percentile(double score) {
        if (score < quantiles[0]) {
            return 0;
        }
        if (score > quantiles[POINTS - 1]) {
            return 100;
        }
        int hi = 0;
        while (quantiles[hi] < score) {
            hi++;
        }
        if (quantiles[hi] == score) {
            int end = hi;
            while (end + 1 < POINTS && quantiles[end + 1] == score) {
                end++;
            }
            return (hi + end) / 2.0;
        }
        int lo = hi - 1;
        return lo + (score - quantiles[lo]) / (quantiles[hi] - quantiles[lo]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelScale l && count == l.count && mean == l.mean && std == l.std
                && Arrays.equals(quantiles, l.quantiles);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(quantiles);
    }

    @Override
    public String toString() {
        return "LabelScale[n=" + count + ", median=" + quantiles[50] + "]";
    }
}
