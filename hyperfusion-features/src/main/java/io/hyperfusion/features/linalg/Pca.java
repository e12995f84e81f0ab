package io.hyperfusion.features.linalg;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A fitted principal component analysis (Pearson 1901; Hotelling 1933): the mean and the top-k eigenvectors of
 * the sample covariance, found with EJML's symmetric eigen-decomposition. Signs are fixed so that each
 * component's largest-magnitude entry is positive, which makes the projection reproducible. Immutable.
 *
 * @param mean       the training mean (length d)
 * @param components k unit eigenvectors of length d, by decreasing variance
 * @param variance   the variance along each component
 */
public record Pca(float[] mean, float[][] components, double[] variance) {

    public Pca {
        if (components.length != variance.length) {
            throw new IllegalArgumentException("expected one variance per component: " + components.length
                    + " components, " + variance.length + " variances");
        }
        for (float[] c : components) {
            if (c.length != mean.length) {
                throw new IllegalArgumentException("component length expected " + mean.length + ", got " + c.length);
            }
        }
    }

    /** Number of components. */
    @JsonIgnore
    public int k() {
        return components.length;
    }

    /** Input dimension. */
    @JsonIgnore
    public int dimension() {
        return mean.length;
    }

    /**
     * Fits on rows (all of one length d).
     *
     * @param rows    training vectors (at least 2)
     * @param k       components wanted; at most d are returned
     * @param maxRows the covariance is estimated on a seeded sample of at most this many rows (cost n·d²)
     * @param seed    sample seed
     */
    public static Pca fit(List<float[]> rows, int k, int maxRows, long seed) {
        if (rows.size() < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, got " + rows.size());
        }
        if (k < 1 || maxRows < 2) {
            throw new IllegalArgumentException("PCA needs k >= 1 and maxRows >= 2, got k=" + k + ", maxRows=" + maxRows);
        }
        int d = rows.get(0).length;
        List<float[]> sample = sample(rows, maxRows, seed);
        int n = sample.size();
        double[] mu = new double[d];
        for (float[] r : sample) {
            if (r.length != d) {
                throw new IllegalArgumentException("PCA rows must have one length: expected " + d + ", got " + r.length);
            }
            for (int j = 0; j < d; j++) {
                mu[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            float[] r = sample.get(i);
            for (int j = 0; j < d; j++) {
                x.unsafe_set(i, j, r[j] - mu[j]);
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(x, x, cov);
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("PCA eigen-decomposition of a " + d + "x" + d + " covariance failed");
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        // Decreasing eigenvalue; ties by index, so the order is total.
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int kk = Math.min(k, d);
        float[][] comps = new float[kk][];
        double[] var = new double[kk];
        for (int c = 0; c < kk; c++) {
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            var[c] = Math.max(0, eig.getEigenvalue(order[c]).real);
            comps[c] = signFixed(v, d);
        }
        return new Pca(Vectors.toFloat(mu), comps, var);
    }

    /** The projection of {@code x} onto the components. */
    public double[] project(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("PCA input expected " + mean.length + " values, got " + x.length);
        }
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            float[] w = components[c];
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += (x[j] - mean[j]) * (double) w[j];
            }
            out[c] = s;
        }
        return out;
    }

    /** Unit length, largest-magnitude entry positive (first such entry on a tie). */
    private static float[] signFixed(DMatrixRMaj v, int d) {
        double norm = 0;
        int arg = 0;
        for (int j = 0; j < d; j++) {
            double a = v.get(j);
            norm += a * a;
            if (Math.abs(a) > Math.abs(v.get(arg))) {
                arg = j;
            }
        }
        double s = (v.get(arg) < 0 ? -1 : 1) / Math.sqrt(norm);
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            out[j] = (float) (v.get(j) * s);
        }
        return out;
    }

    /** At most {@code max} rows chosen by a seeded partial shuffle, kept in their original order. */
    static List<float[]> sample(List<float[]> rows, int max, long seed) {
        if (rows.size() <= max) {
            return rows;
        }
        int[] idx = new int[rows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = Arrays.copyOf(idx, max);
        Arrays.sort(chosen);
        List<float[]> out = new ArrayList<>(max);
        for (int i : chosen) {
            out.add(rows.get(i));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pca p && Arrays.equals(mean, p.mean) && Arrays.deepEquals(components, p.components)
                && Arrays.equals(variance, p.variance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.deepHashCode(components);
    }

    @Override
    public String toString() {
        return "Pca[d=" + mean.length + ", k=" + components.length + "]";
    }
}
