package io.hyperfusion.features.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fitted multi-output ridge regression (Hoerl &amp; Kennard, "Ridge regression: biased estimation for
 * nonorthogonal problems", Technometrics 1970) in closed form: with centred inputs and targets,
 * {@code W = (XᵀX + λI)⁻¹ XᵀY}, and an unpenalised intercept {@code b = ȳ − Wᵀx̄}. Immutable.
 *
 * @param coef      input × output weights
 * @param intercept one per output
 */
public record Ridge(float[][] coef, float[] intercept) {

    public Ridge {
        for (float[] row : coef) {
            if (row.length != intercept.length) {
                throw new IllegalArgumentException("ridge weights expected " + intercept.length + " outputs, got "
                        + row.length);
            }
        }
    }

    /** Fits on rows of inputs {@code x} and targets {@code y}. */
    public static Ridge fit(double[][] x, double[][] y, double lambda) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("ridge needs one target per input row and at least one row: "
                    + x.length + " inputs, " + y.length + " targets");
        }
        Accumulator acc = new Accumulator(x[0].length, y[0].length);
        for (int i = 0; i < x.length; i++) {
            acc.add(x[i], y[i]);
        }
        return acc.solve(lambda);
    }

    /** The predicted target of one input. */
    public double[] predict(double[] x) {
        if (x.length != coef.length) {
            throw new IllegalArgumentException("ridge input expected " + coef.length + " values, got " + x.length);
        }
        double[] out = Vectors.toDouble(intercept);
        for (int i = 0; i < x.length; i++) {
            float[] w = coef[i];
            for (int o = 0; o < out.length; o++) {
                out[o] += x[i] * w[o];
            }
        }
        return out;
    }

    /**
     * Sufficient statistics (n, Σx, Σy, Σxxᵀ, Σxyᵀ) of a ridge fit; accumulators of disjoint row sets add up,
     * which makes out-of-fold fits cheap. Not thread-safe.
     */
    public static final class Accumulator {
        private final int in;
        private final int out;
        private long n;
        private final double[] sx;
        private final double[] sy;
        private final double[] sxx;
        private final double[] sxy;

        public Accumulator(int in, int out) {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("ridge needs >= 1 input and output, got " + in + " and " + out);
            }
            this.in = in;
            this.out = out;
            this.sx = new double[in];
            this.sy = new double[out];
            this.sxx = new double[in * in];
            this.sxy = new double[in * out];
        }

        public long count() {
            return n;
        }

        public void add(double[] x, double[] y) {
            if (x.length != in || y.length != out) {
                throw new IllegalArgumentException("ridge row expected " + in + " inputs and " + out
                        + " targets, got " + x.length + " and " + y.length);
            }
            n++;
            for (int i = 0; i < in; i++) {
                double xi = x[i];
                sx[i] += xi;
                int r = i * in;
                for (int j = i; j < in; j++) { // upper triangle; mirrored in solve()
                    sxx[r + j] += xi * x[j];
                }
                int q = i * out;
                for (int o = 0; o < out; o++) {
                    sxy[q + o] += xi * y[o];
                }
            }
            for (int o = 0; o < out; o++) {
                sy[o] += y[o];
            }
        }

        /** Adds another accumulator's rows to this one. */
        public void addAll(Accumulator other) {
            if (other.in != in || other.out != out) {
                throw new IllegalArgumentException("ridge accumulators differ in shape");
            }
            n += other.n;
            addInto(sx, other.sx);
            addInto(sy, other.sy);
            addInto(sxx, other.sxx);
            addInto(sxy, other.sxy);
        }

        /** The ridge fit of the rows added so far. */
        public Ridge solve(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("ridge lambda must be finite and >= 0, got " + lambda);
            }
            if (n == 0) {
                throw new IllegalStateException("cannot fit ridge on 0 rows");
            }
            double[] mx = new double[in];
            double[] my = new double[out];
            Arrays.setAll(mx, i -> sx[i] / n);
            Arrays.setAll(my, o -> sy[o] / n);
            DMatrixRMaj a = new DMatrixRMaj(in, in);
            for (int i = 0; i < in; i++) {
                for (int j = i; j < in; j++) {
                    double v = sxx[i * in + j] - n * mx[i] * mx[j];
                    a.unsafe_set(i, j, v + (i == j ? lambda : 0));
                    a.unsafe_set(j, i, v + (i == j ? lambda : 0));
                }
            }
            DMatrixRMaj b = new DMatrixRMaj(in, out);
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    b.unsafe_set(i, o, sxy[i * out + o] - n * mx[i] * my[o]);
                }
            }
            DMatrixRMaj w = new DMatrixRMaj(in, out);
            if (!CommonOps_DDRM.solve(a, b, w)) {
                throw new IllegalStateException("ridge system is singular (lambda=" + lambda + ", rows=" + n
                        + "); use a positive lambda");
            }
            float[][] coef = new float[in][out];
            float[] icpt = new float[out];
            for (int o = 0; o < out; o++) {
                double s = my[o];
                for (int i = 0; i < in; i++) {
                    coef[i][o] = (float) w.get(i, o);
                    s -= mx[i] * w.get(i, o);
                }
                icpt[o] = (float) s;
            }
            return new Ridge(coef, icpt);
        }

        private static void addInto(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }
    }
}
