package io.hyperfusion.models.djl;

/** Test helpers for the DJL families. */
public final class Metrics {
    private Metrics() {
    }

    /** Coefficient of determination. */
    public static double r2(double[] y, double[] pred) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += (y[i] - pred[i]) * (y[i] - pred[i]);
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - ssRes / ssTot;
    }
}
