package io.hyperfusion.data.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Regression metrics of the SMP Challenge: Spearman rank correlation (SRC) and mean absolute error (MAE),
 * plus RMSE, R² and MAPE for diagnostics.
 *
 * <p>SRC follows Spearman (1904), "The proof and measurement of association between two things": the
 * Pearson correlation of the two rank vectors, where tied values share the average of the ranks they span
 * (so it stays exact with ties, unlike the {@code 1 - 6 Σd² / n(n²-1)} shortcut).
 *
 * <p>Every method checks its input: arrays of different length, empty arrays and NaN or infinite values
 * raise an {@link IllegalArgumentException} that states what was expected and what was found.
 */
public final class Metrics {

    /** Rows whose true value is smaller than this in magnitude are left out of MAPE. */
    public static final double MAPE_MIN_ABS = 1e-12;

    private Metrics() {
    }

    /** All metrics at once. */
    public static RegressionReport report(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        return new RegressionReport(src(yTrue, yPred), mae(yTrue, yPred), rmse(yTrue, yPred),
                r2(yTrue, yPred), mape(yTrue, yPred), yTrue.length);
    }

    /**
     * Spearman rank correlation with ties as average ranks.
     *
     * @return the correlation in [-1, 1]; <b>0.0</b> (not NaN) when either array is constant, because a
     *         constant prediction carries no ranking information and must not poison averages over folds
     */
    public static double src(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        return pearson(averageRanks(yTrue), averageRanks(yPred));
    }

    /** Mean absolute error. */
    public static double mae(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            s += Math.abs(yTrue[i] - yPred[i]);
        }
        return s / yTrue.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double d = yTrue[i] - yPred[i];
            s += d * d;
        }
        return Math.sqrt(s / yTrue.length);
    }

    /** Coefficient of determination {@code 1 - SS_res / SS_tot}; 0.0 when the truth is constant. */
    public static double r2(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double mean = Arrays.stream(yTrue).average().orElseThrow();
        double res = 0;
        double tot = 0;
        for (int i = 0; i < yTrue.length; i++) {
            res += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i]);
            tot += (yTrue[i] - mean) * (yTrue[i] - mean);
        }
        return tot == 0 ? 0.0 : 1 - res / tot;
    }

    /**
     * Mean absolute percentage error, in percent. Rows with {@code |yTrue| < 1e-12} are excluded (the ratio
     * is undefined there); NaN when every row is excluded.
     */
    public static double mape(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double s = 0;
        int n = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (Math.abs(yTrue[i]) >= MAPE_MIN_ABS) {
                s += Math.abs((yTrue[i] - yPred[i]) / yTrue[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100.0 * s / n;
    }

    /**
     * Ranks starting at 1, where each group of tied values gets the mean of the ranks it spans:
     * {@code [10, 20, 20, 30] -> [1, 2.5, 2.5, 4]}.
     */
    public static double[] averageRanks(double[] values) {
        checkFinite(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("expected a non-empty array, got length 0");
        }
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1; // positions i..j hold ranks i+1..j+1
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = avg;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        if (saa == 0 || sbb == 0) {
            return 0.0;
        }
        return Math.max(-1.0, Math.min(1.0, sab / Math.sqrt(saa * sbb)));
    }

    private static void check(double[] yTrue, double[] yPred) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("expected two arrays, got " + (yTrue == null ? "null" : "an array")
                    + " and " + (yPred == null ? "null" : "an array"));
        }
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException("expected arrays of equal length, got yTrue.length=" + yTrue.length
                    + " and yPred.length=" + yPred.length);
        }
        if (yTrue.length == 0) {
            throw new IllegalArgumentException("expected at least 1 row, got 0");
        }
        checkFinite(yTrue, "yTrue");
        checkFinite(yPred, "yPred");
    }

    private static void checkFinite(double[] v, String name) {
        if (v == null) {
            throw new IllegalArgumentException("expected an array for " + name + ", got null");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("expected finite values in " + name + ", got " + v[i]
                        + " at index " + i);
            }
        }
    }
}
