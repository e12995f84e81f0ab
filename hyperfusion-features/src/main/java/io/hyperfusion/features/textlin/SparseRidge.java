package io.hyperfusion.features.textlin;

import java.util.List;

/**
 * Ridge regression on sparse rows (Hoerl &amp; Kennard, Technometrics 1970), solved by conjugate gradients on the
 * normal equations {@code (XᵀX + λI) w = Xᵀ(y - ȳ)} with an unpenalised intercept ȳ (Hestenes &amp; Stiefel, 1952):
 * each iteration costs two passes over the non-zeros, so a vocabulary of tens of thousands of terms needs no dense
 * matrix. Stops when the residual falls below {@code 1e-6} of its start or after {@code maxIter} iterations; the
 * result is deterministic. Immutable.
 *
 * @param weights   one per term
 * @param intercept the mean training target
 */
public record SparseRidge(double[] weights, double intercept) {

    /** Fits on sparse rows of a {@code d}-term vocabulary. */
    static SparseRidge fit(List<BagOfWords.Row> rows, double[] y, int d, double lambda, int maxIter) {
        int n = rows.size();
        double ym = 0;
        for (double v : y) {
            ym += v;
        }
        ym /= Math.max(1, n);
        double[] b = new double[d];
        for (int i = 0; i < n; i++) {
            addScaled(rows.get(i), y[i] - ym, b);
        }
        double[] w = new double[d];
        double[] r = b.clone();
        double[] p = r.clone();
        double rr = dot(r, r);
        double stop = rr * 1e-12;
        for (int it = 0; it < maxIter && rr > stop && rr > 0; it++) {
            double[] ap = apply(rows, p, d, lambda);
            double alpha = rr / dot(p, ap);
            for (int j = 0; j < d; j++) {
                w[j] += alpha * p[j];
                r[j] -= alpha * ap[j];
            }
            double next = dot(r, r);
            double beta = next / rr;
            for (int j = 0; j < d; j++) {
                p[j] = r[j] + beta * p[j];
            }
            rr = next;
        }
        return new SparseRidge(w, ym);
    }

    /** {@code (XᵀX + λI) v}. */
    private static double[] apply(List<BagOfWords.Row> rows, double[] v, int d, double lambda) {
        double[] out = new double[d];
        for (BagOfWords.Row row : rows) {
            double xv = 0;
            for (int k = 0; k < row.terms().length; k++) {
                xv += row.weights()[k] * v[row.terms()[k]];
            }
            addScaled(row, xv, out);
        }
        for (int j = 0; j < d; j++) {
            out[j] += lambda * v[j];
        }
        return out;
    }

    private static void addScaled(BagOfWords.Row row, double s, double[] out) {
        for (int k = 0; k < row.terms().length; k++) {
            out[row.terms()[k]] += s * row.weights()[k];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The prediction for one row. */
    double predict(BagOfWords.Row row) {
        double s = intercept;
        for (int k = 0; k < row.terms().length; k++) {
            s += weights[row.terms()[k]] * row.weights()[k];
        }
        return s;
    }
}
