package io.hyperfusion.features.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * The top-k eigenpairs of a symmetric positive semi-definite matrix. Small problems use EJML's full symmetric
 * eigen-decomposition; large ones (a 1280×1280 covariance takes ~15 s in full) use randomized subspace iteration
 * with a Rayleigh–Ritz step (Halko, Martinsson &amp; Tropp, "Finding structure with randomness", SIAM Review 2011,
 * Algorithms 4.4 and 5.3): a seeded Gaussian start of k + {@value #OVERSAMPLE} columns, {@value #POWER_STEPS}
 * power steps with re-orthonormalisation, then the exact eigen-decomposition of the projected matrix.
 */
final class TopEigen {
    static final int OVERSAMPLE = 16;
    static final int POWER_STEPS = 10;

    /**
     * Eigenvalues (decreasing) and unit eigenvectors (as rows).
     *
     * @param values  k eigenvalues
     * @param vectors k × d
     */
    record Result(double[] values, double[][] vectors) { }

    private TopEigen() { }

    /** The top {@code k} eigenpairs of symmetric {@code a}; randomized when it pays, else exact. */
    static Result of(DMatrixRMaj a, int k, long seed) {
        int d = a.numRows;
        return d > 4 * (k + OVERSAMPLE) ? randomized(a, k, seed) : exact(a, k);
    }

    /** EJML's full symmetric eigen-decomposition, sorted. */
    static Result exact(DMatrixRMaj a, int k) {
        int d = a.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(a.copy())) {
            throw new IllegalStateException("eigen-decomposition of a " + d + "x" + d + " matrix failed");
        }
        Integer[] order = new Integer[d];
        Arrays.setAll(order, i -> i);
        // Decreasing eigenvalue; ties by index, so the order is total.
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(eig.getEigenvalue(y).real, eig.getEigenvalue(x).real);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int kk = Math.min(k, d);
        double[] values = new double[kk];
        double[][] vectors = new double[kk][];
        for (int c = 0; c < kk; c++) {
            values[c] = eig.getEigenvalue(order[c]).real;
            vectors[c] = eig.getEigenVector(order[c]).data.clone();
        }
        return new Result(values, vectors);
    }

    /** Randomized subspace iteration followed by Rayleigh–Ritz. */
    static Result randomized(DMatrixRMaj a, int k, long seed) {
        int d = a.numRows;
        int l = Math.min(d, k + OVERSAMPLE);
        SplittableRandom rnd = new SplittableRandom(seed);
        DMatrixRMaj q = new DMatrixRMaj(d, l);
        for (int i = 0; i < q.data.length; i++) {
            q.data[i] = rnd.nextGaussian();
        }
        DMatrixRMaj y = new DMatrixRMaj(d, l);
        for (int step = 0; step <= POWER_STEPS; step++) {
            CommonOps_DDRM.mult(a, q, y);
            q = orthonormal(y);
        }
        DMatrixRMaj aq = new DMatrixRMaj(d, l);
        CommonOps_DDRM.mult(a, q, aq);
        DMatrixRMaj b = new DMatrixRMaj(l, l);
        CommonOps_DDRM.multTransA(q, aq, b);
        // Symmetrise against rounding before the symmetric solver.
        for (int i = 0; i < l; i++) {
            for (int j = i + 1; j < l; j++) {
                double v = (b.get(i, j) + b.get(j, i)) / 2;
                b.set(i, j, v);
                b.set(j, i, v);
            }
        }
        Result small = exact(b, k);
        double[][] vectors = new double[small.values().length][d];
        for (int c = 0; c < vectors.length; c++) {
            double[] u = small.vectors()[c];
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < l; j++) {
                    s += q.unsafe_get(i, j) * u[j];
                }
                vectors[c][i] = s;
            }
        }
        return new Result(small.values(), vectors);
    }

    private static DMatrixRMaj orthonormal(DMatrixRMaj y) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(y.numRows, y.numCols);
        if (!qr.decompose(y.copy())) {
            throw new IllegalStateException("QR decomposition failed in randomized eigen-solver");
        }
        return qr.getQ(null, true);
    }
}
