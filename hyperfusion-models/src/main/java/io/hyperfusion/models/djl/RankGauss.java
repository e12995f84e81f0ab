package io.hyperfusion.models.djl;

import java.util.Arrays;

/**
 * One column's quantile-to-normal map: a value's position among the training quantiles, linearly interpolated
 * to a probability {@code p}, then {@code Φ⁻¹(p)}. A value equal to a run of tied quantiles maps to the middle
 * of the run (so a column that is mostly 0 puts its zeros at the median of their probability mass); values
 * outside the training range clip to the extreme quantiles; {@code p} is kept in {@code [1e-7, 1 - 1e-7]} so the
 * output stays within about ±5.2. Immutable.
 */
public final class RankGauss {
    /** Quantile points kept per column. */
    public static final int MAX_POINTS = 256;
    private static final double BOUND = 1e-7;
    private final double[] points;

    /** A map over sorted quantile points (at least one), e.g. from {@link #fit} or a saved model. */
    public RankGauss(double[] points) {
        if (points.length == 0) {
            throw new IllegalArgumentException("rank-gauss needs at least one quantile point");
        }
        for (int i = 1; i < points.length; i++) {
            if (!(points[i] >= points[i - 1])) {
                throw new IllegalArgumentException("rank-gauss quantile points must be finite and sorted, got "
                        + points[i - 1] + " before " + points[i]);
            }
        }
        this.points = points.clone();
    }

    /** Fits on the finite values of {@code values}; null if there are none. */
    public static RankGauss fit(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        int q = Math.min(MAX_POINTS, v.length);
        double[] pts = new double[q];
        for (int k = 0; k < q; k++) {
            double pos = q == 1 ? 0 : (double) k * (v.length - 1) / (q - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(v.length - 1, lo + 1);
            pts[k] = v[lo] + (pos - lo) * (v[hi] - v[lo]);
        }
        return new RankGauss(pts);
    }

    /** The quantile points (a copy). */
    public double[] points() {
        return points.clone();
    }

    /** The normal score of {@code x}; a non-finite {@code x} gives 0 (the median). */
    public double apply(double x) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        int n = points.length;
        if (n == 1) {
            return 0;
        }
        double p;
        if (x <= points[0]) {
            p = x < points[0] ? 0 : tieMiddle(0, upper(x)) / (n - 1);
        } else if (x >= points[n - 1]) {
            p = x > points[n - 1] ? 1 : tieMiddle(lower(x), n - 1) / (n - 1);
        } else {
            int lo = lower(x); // first index with points[lo] >= x
            if (points[lo] == x) {
                p = tieMiddle(lo, upper(x)) / (n - 1);
            } else {
                int below = lo - 1;
                p = (below + (x - points[below]) / (points[lo] - points[below])) / (n - 1);
            }
        }
        return inverseNormal(Math.min(1 - BOUND, Math.max(BOUND, p)));
    }

    private static double tieMiddle(int first, int last) {
        return (first + last) / 2.0;
    }

    /** First index whose point is >= x. */
    private int lower(double x) {
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Last index whose point is <= x. */
    private int upper(double x) {
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * The standard normal's inverse CDF by P. J. Acklam's rational approximations (relative error below
     * 1.15e-9), for {@code 0 < p < 1}.
     */
    static double inverseNormal(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        final double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
