package io.hyperfusion.ensemble.hierarchy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * The tier-3 meta-learner: a non-negative linear blend {@code b + Σ w_j x_j} with {@code w_j ≥ 0} (after
 * Breiman's "Stacked Regressions", 1996, which showed non-negativity keeps stacking stable), fitted by cyclic
 * coordinate descent on least squares with a small ridge term. Immutable once fitted.
 *
 * @param weights   one weight per input, all ≥ 0
 * @param intercept the bias
 */
public record Blender(@JsonProperty("weights") double[] weights, @JsonProperty("intercept") double intercept) {

    @JsonCreator
    public Blender {
        weights = weights.clone();
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("blend weights must be finite and >= 0, got " + Arrays.toString(weights));
            }
        }
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Fits on columns {@code x[j][i]} (input j, row i) and targets {@code y}, rows weighted by {@code w}
     * (null = all 1).
     */
    public static Blender fit(double[][] x, double[] y, double[] w, double ridge) {
        int p = x.length;
        int n = y.length;
        if (p == 0 || n == 0) {
            throw new IllegalArgumentException("a blend needs at least one input and one row, got " + p + " inputs, " + n + " rows");
        }
        double[] wt = w == null ? filled(n, 1.0) : w;
        double sw = Arrays.stream(wt).sum();
        double ym = 0;
        double[] xm = new double[p];
        for (int i = 0; i < n; i++) {
            ym += wt[i] * y[i];
            for (int j = 0; j < p; j++) {
                xm[j] += wt[i] * x[j][i];
            }
        }
        ym /= sw;
        for (int j = 0; j < p; j++) {
            xm[j] /= sw;
        }
        // Gram matrix and moments of the centred inputs: coordinate descent then costs O(p^2) per sweep.
        double[][] g = new double[p][p];
        double[] c = new double[p];
        for (int i = 0; i < n; i++) {
            double yi = y[i] - ym;
            for (int j = 0; j < p; j++) {
                double xj = x[j][i] - xm[j];
                c[j] += wt[i] * xj * yi;
                for (int k = j; k < p; k++) {
                    g[j][k] += wt[i] * xj * (x[k][i] - xm[k]);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                g[j][k] = g[k][j];
            }
            g[j][j] += ridge * sw;
        }
        double[] beta = filled(p, 1.0 / p);
        for (int sweep = 0; sweep < 1000; sweep++) {
            double change = 0;
            for (int j = 0; j < p; j++) {
                if (g[j][j] <= 0) {
                    beta[j] = 0;
                    continue;
                }
                double r = c[j];
                for (int k = 0; k < p; k++) {
                    if (k != j) {
                        r -= g[j][k] * beta[k];
                    }
                }
                double nb = Math.max(0, r / g[j][j]);
                change = Math.max(change, Math.abs(nb - beta[j]));
                beta[j] = nb;
            }
            if (change < 1e-12) {
                break;
            }
        }
        double b = ym;
        for (int j = 0; j < p; j++) {
            b -= beta[j] * xm[j];
        }
        return new Blender(beta, b);
    }

    /** The plain average of {@code p} inputs (weights 1/p, no intercept). */
    public static Blender mean(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("a mean blend needs at least one input, got " + p);
        }
        return new Blender(filled(p, 1.0 / p), 0.0);
    }

    /** The blend of one row's inputs. */
    public double apply(double[] inputs) {
        if (inputs.length != weights.length) {
            throw new IllegalArgumentException("blend expects " + weights.length + " inputs, got " + inputs.length);
        }
        double s = intercept;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * inputs[j];
        }
        return s;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
