package io.hyperfusion.features.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means clustering: k-means++ seeding (Arthur &amp; Vassilvitskii, "k-means++: the advantages of careful
 * seeding", SODA 2007) followed by Lloyd iterations (Lloyd, "Least squares quantization in PCM", 1982).
 * Deterministic given the seed. An emptied cluster keeps its previous centroid.
 */
public final class KMeans {
    private KMeans() { }

    /**
     * The result of a fit.
     *
     * @param centroids  k centroids (k clamped to the number of rows)
     * @param assignment the cluster of each row
     * @param iterations Lloyd iterations run
     */
    public record Result(double[][] centroids, int[] assignment, int iterations) { }

    /** Clusters {@code x} (at least one row) into at most {@code k} clusters. */
    public static Result fit(double[][] x, int k, int maxIterations, long seed) {
        if (x.length == 0) {
            throw new IllegalArgumentException("k-means needs at least 1 row");
        }
        if (k < 1 || maxIterations < 1) {
            throw new IllegalArgumentException("k-means needs k >= 1 and maxIterations >= 1, got k=" + k
                    + ", maxIterations=" + maxIterations);
        }
        int kk = Math.min(k, x.length);
        double[][] c = seed(x, kk, new SplittableRandom(seed));
        int[] assign = new int[x.length];
        Arrays.fill(assign, -1);
        int it = 0;
        while (it < maxIterations) {
            it++;
            boolean changed = false;
            for (int i = 0; i < x.length; i++) {
                int a = nearest(c, x[i]);
                if (a != assign[i]) {
                    assign[i] = a;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            c = means(x, assign, c);
        }
        return new Result(c, assign, it);
    }

    /** The index of the centroid nearest to {@code v} (the first on a tie). */
    public static int nearest(double[][] centroids, double[] v) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < centroids.length; j++) {
            double d = Vectors.squaredDistance(v, centroids[j]);
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /** k-means++: each next centre is drawn with probability proportional to its squared distance. */
    private static double[][] seed(double[][] x, int k, SplittableRandom rnd) {
        double[][] c = new double[k][];
        c[0] = x[rnd.nextInt(x.length)].clone();
        double[] d2 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d2[i] = Vectors.squaredDistance(x[i], c[0]);
        }
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total <= 0) {
                pick = j; // every point coincides with a centre: any row will do
            } else {
                double u = rnd.nextDouble() * total;
                pick = x.length - 1;
                for (int i = 0; i < x.length; i++) {
                    u -= d2[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            c[j] = x[pick].clone();
            for (int i = 0; i < x.length; i++) {
                d2[i] = Math.min(d2[i], Vectors.squaredDistance(x[i], c[j]));
            }
        }
        return c;
    }

    private static double[][] means(double[][] x, int[] assign, double[][] previous) {
        int k = previous.length;
        int d = x[0].length;
        double[][] sum = new double[k][d];
        int[] count = new int[k];
        for (int i = 0; i < x.length; i++) {
            count[assign[i]]++;
            double[] s = sum[assign[i]];
            for (int j = 0; j < d; j++) {
                s[j] += x[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                sum[c] = previous[c].clone();
            } else {
                for (int j = 0; j < d; j++) {
                    sum[c][j] /= count[c];
                }
            }
        }
        return sum;
    }
}
