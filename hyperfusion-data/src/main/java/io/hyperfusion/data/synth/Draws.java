package io.hyperfusion.data.synth;

import java.util.List;
import java.util.SplittableRandom;

/** Weighted choices for {@link WorldSampler}: cumulative weights and a binary search over them. */
final class Draws {

    private Draws() {
    }

    /** One of {@code items}, with probability proportional to its weight (one draw from {@code r}). */
    static <T> T pick(SplittableRandom r, double[] weights, List<T> items) {
        return items.get(search(cumulative(weights), r.nextDouble() * sum(weights)));
    }

    static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double a = 0;
        for (int i = 0; i < w.length; i++) {
            a += w[i];
            c[i] = a;
        }
        return c;
    }

    static double sum(double[] w) {
        double a = 0;
        for (double x : w) {
            a += x;
        }
        return a;
    }

    /** The first index whose cumulative weight exceeds {@code x}. */
    static int search(double[] cum, double x) {
        int lo = 0;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
