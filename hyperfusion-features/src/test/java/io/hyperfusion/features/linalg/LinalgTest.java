package io.hyperfusion.features.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinalgTest {
    private static final double R2 = Math.sqrt(0.5);

    @Test
    void pcaMatchesHandComputedTwoDimensionalExample() {
        // Centred points (2,1), (-2,-1), (1,2), (-1,-2) shifted by (10, 20): covariance (1/3)[[10,8],[8,10]],
        // eigenvalues 6 along (1,1)/√2 and 2/3 along (1,-1)/√2 (tie in magnitude: first entry positive).
        List<float[]> rows = List.of(new float[] {12, 21}, new float[] {8, 19}, new float[] {11, 22},
                new float[] {9, 18});
        Pca pca = Pca.fit(rows, 2, 100, 1);
        assertArrayEquals(new float[] {10, 20}, pca.mean());
        assertArrayEquals(new double[] {6, 2.0 / 3}, pca.variance(), 1e-9);
        assertArrayEquals(new float[] {(float) R2, (float) R2}, pca.components()[0], 1e-6f);
        assertArrayEquals(new float[] {(float) R2, (float) -R2}, pca.components()[1], 1e-6f);
        assertArrayEquals(new double[] {3 * R2, R2}, pca.project(new float[] {12, 21}), 1e-6);
        // Mirrored data: same axes, same signs.
        List<float[]> mirrored = rows.stream().map(v -> new float[] {20 - v[0], 40 - v[1]}).toList();
        assertArrayEquals(pca.components()[0], Pca.fit(mirrored, 2, 100, 1).components()[0], 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pca.project(new float[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
    }

    @Test
    void pcaSignConventionLargestEntryPositive() {
        SplittableRandom r = new SplittableRandom(3);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float[] v = new float[6];
            for (int j = 0; j < 6; j++) {
                v[j] = (float) (r.nextGaussian() * (6 - j));
            }
            rows.add(v);
        }
        Pca pca = Pca.fit(rows, 3, 50, 9);
        assertEquals(3, pca.k());
        for (float[] c : pca.components()) {
            int arg = 0;
            for (int j = 1; j < c.length; j++) {
                arg = Math.abs(c[j]) > Math.abs(c[arg]) ? j : arg;
            }
            assertTrue(c[arg] > 0);
        }
        assertTrue(pca.variance()[0] >= pca.variance()[1] && pca.variance()[1] >= pca.variance()[2]);
        assertEquals(pca, Pca.fit(rows, 3, 50, 9), "same seed, same sample, same PCA");
    }

    @Test
    void randomizedEigenAgreesWithExact() {
        // Covariance of 400 rows in 200-d with a decaying spectrum: randomized and exact top-8 agree.
        SplittableRandom r = new SplittableRandom(21);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[] v = new float[200];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (r.nextGaussian() * 10 / (1 + j / 4.0) + (j % 7 == 0 ? 3 * v[0] : 0));
            }
            rows.add(v);
        }
        double[] mu = new double[200];
        org.ejml.data.DMatrixRMaj cov = Pca.covariance(rows, mu);
        TopEigen.Result exact = TopEigen.exact(cov, 8);
        TopEigen.Result fast = TopEigen.randomized(cov, 8, 5);
        for (int c = 0; c < 8; c++) {
            assertEquals(exact.values()[c], fast.values()[c], 1e-6 * exact.values()[0], "eigenvalue " + c);
            double cos = Math.abs(Vectors.cosine(exact.vectors()[c], fast.vectors()[c]));
            assertEquals(1.0, cos, 1e-4, "eigenvector " + c);
        }
        assertTrue(200 > 4 * (8 + TopEigen.OVERSAMPLE), "Pca.fit takes the randomized path at this size");
    }

    @Test
    void ridgeMatchesClosedForm() {
        // y = 2x + 1 on x = 0..3: centred Sxx = 5, Sxy = 10, so w = 10 / (5 + λ), b = 4 − 1.5 w.
        double[][] x = {{0}, {1}, {2}, {3}};
        double[][] y = {{1}, {3}, {5}, {7}};
        Ridge exact = Ridge.fit(x, y, 0);
        assertEquals(2.0, exact.coef()[0][0], 1e-6);
        assertEquals(1.0, exact.intercept()[0], 1e-6);
        Ridge shrunk = Ridge.fit(x, y, 5);
        assertEquals(1.0, shrunk.coef()[0][0], 1e-6);
        assertEquals(2.5, shrunk.intercept()[0], 1e-6);
        assertArrayEquals(new double[] {4.5}, shrunk.predict(new double[] {2}), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Ridge.fit(x, y, -1));
    }

    @Test
    void ridgeAccumulatorsAddUpAndRecoverAMultiOutputMap() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] w = {{1, -2}, {0.5, 3}, {-1, 0}};
        Ridge.Accumulator a = new Ridge.Accumulator(3, 2);
        Ridge.Accumulator b = new Ridge.Accumulator(3, 2);
        double[][] xs = new double[300][];
        double[][] ys = new double[300][];
        for (int i = 0; i < 300; i++) {
            xs[i] = new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            ys[i] = new double[] {0.5, -1};
            for (int o = 0; o < 2; o++) {
                for (int j = 0; j < 3; j++) {
                    ys[i][o] += xs[i][j] * w[j][o];
                }
            }
            (i % 2 == 0 ? a : b).add(xs[i], ys[i]);
        }
        a.addAll(b);
        Ridge split = a.solve(1e-6);
        Ridge whole = Ridge.fit(xs, ys, 1e-6);
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(whole.coef()[j], split.coef()[j], 1e-5f);
            assertArrayEquals(new float[] {(float) w[j][0], (float) w[j][1]}, whole.coef()[j], 1e-4f);
        }
        assertArrayEquals(new float[] {0.5f, -1f}, whole.intercept(), 1e-4f);
    }

    @Test
    void kmeansRecoversSeparatedBlobsDeterministically() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] centres = {{0, 0}, {20, 0}, {0, 20}};
        double[][] x = new double[300][];
        for (int i = 0; i < x.length; i++) {
            double[] c = centres[i % 3];
            x[i] = new double[] {c[0] + r.nextGaussian(), c[1] + r.nextGaussian()};
        }
        KMeans.Result a = KMeans.fit(x, 3, 100, 4);
        KMeans.Result b = KMeans.fit(x, 3, 100, 4);
        assertArrayEquals(a.assignment(), b.assignment());
        assertArrayEquals(a.centroids(), b.centroids());
        Set<Integer> labels = new HashSet<>();
        for (int blob = 0; blob < 3; blob++) {
            labels.add(a.assignment()[blob]);
            for (int i = blob; i < x.length; i += 3) {
                assertEquals(a.assignment()[blob], a.assignment()[i], "row " + i + " left its blob");
            }
        }
        assertEquals(3, labels.size(), "each blob its own cluster");
        for (double[] c : a.centroids()) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] t : centres) {
                best = Math.min(best, Math.sqrt(Vectors.squaredDistance(c, t)));
            }
            assertTrue(best < 0.5, "centroid " + java.util.Arrays.toString(c) + " is off its blob");
        }
        assertEquals(2, KMeans.fit(new double[][] {{1}, {2}}, 8, 10, 1).centroids().length, "k clamped to rows");
        KMeans.Result other = KMeans.fit(x, 8, 100, 5);
        assertNotEquals(java.util.Arrays.deepToString(KMeans.fit(x, 8, 100, 4).centroids()),
                java.util.Arrays.deepToString(other.centroids()), "the seed matters when k exceeds the blobs");
    }
}
