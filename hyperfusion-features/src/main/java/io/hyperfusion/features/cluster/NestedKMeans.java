package io.hyperfusion.features.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.features.linalg.KMeans;
import io.hyperfusion.features.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hierarchy of k-means clusterings: level 0 clusters all rows into {@code levels[0]} clusters, and each
 * cluster of level L−1 is split into {@code levels[L] / levels[L−1]} children by k-means on its own rows, so
 * every cluster is nested in its parent. The child {@code j} of parent {@code p} has id {@code p·branch + j}.
 * A parent with fewer rows than children gets as many children as rows; one with no rows gets one child, its
 * own centroid, so every point has an id at every level. Immutable.
 *
 * @param levels    cluster counts per level, each a multiple of the previous
 * @param centroids per level, per id, the centroid (empty when the id is unused)
 */
public record NestedKMeans(List<Integer> levels, float[][][] centroids) {

    public NestedKMeans {
        levels = List.copyOf(validate(levels));
        if (centroids.length != levels.size()) {
            throw new IllegalArgumentException("expected centroids for " + levels.size() + " levels, got "
                    + centroids.length);
        }
    }

    /** Checks that levels are positive and each divides the next. */
    static List<Integer> validate(List<Integer> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("nested k-means needs at least one level");
        }
        for (int l = 0; l < levels.size(); l++) {
            int k = levels.get(l);
            int prev = l == 0 ? 1 : levels.get(l - 1);
            if (k < 1 || k % prev != 0 || (l > 0 && k <= prev)) {
                throw new IllegalArgumentException("cluster levels must grow and each be a multiple of the "
                        + "previous, got " + levels);
            }
        }
        return levels;
    }

    /** Fits the hierarchy on {@code x} (at least one row). */
    public static NestedKMeans fit(double[][] x, List<Integer> levels, int maxIterations, long seed) {
        validate(levels);
        Seeds seeds = new Seeds(seed);
        float[][][] cents = new float[levels.size()][][];
        int[] parent = new int[x.length]; // every row starts in the single root
        int parents = 1;
        double[][] parentCentroid = {mean(x)};
        for (int l = 0; l < levels.size(); l++) {
            int branch = levels.get(l) / parents;
            cents[l] = new float[levels.get(l)][0];
            List<List<Integer>> members = new ArrayList<>();
            for (int p = 0; p < parents; p++) {
                members.add(new ArrayList<>());
            }
            for (int i = 0; i < x.length; i++) {
                members.get(parent[i]).add(i);
            }
            int[] child = new int[x.length];
            double[][] next = new double[levels.get(l)][];
            for (int p = 0; p < parents; p++) {
                List<Integer> rows = members.get(p);
                if (rows.isEmpty()) {
                    if (parentCentroid[p] != null) {
                        next[p * branch] = parentCentroid[p];
                        cents[l][p * branch] = Vectors.toFloat(parentCentroid[p]);
                    }
                    continue;
                }
                double[][] sub = rows.stream().map(i -> x[i]).toArray(double[][]::new);
                KMeans.Result km = KMeans.fit(sub, branch, maxIterations, seeds.child(l + ":" + p));
                for (int j = 0; j < km.centroids().length; j++) {
                    next[p * branch + j] = km.centroids()[j];
                    cents[l][p * branch + j] = Vectors.toFloat(km.centroids()[j]);
                }
                for (int r = 0; r < rows.size(); r++) {
                    child[rows.get(r)] = p * branch + km.assignment()[r];
                }
            }
            parent = child;
            parents = levels.get(l);
            parentCentroid = next;
        }
        return new NestedKMeans(levels, cents);
    }

    /** The cluster id of {@code v} at every level. */
    public int[] assign(double[] v) {
        int[] ids = new int[levels.size()];
        int p = 0;
        int parents = 1;
        for (int l = 0; l < levels.size(); l++) {
            int branch = levels.get(l) / parents;
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int id = p * branch; id < (p + 1) * branch; id++) {
                float[] c = centroids[l][id];
                if (c.length > 0) {
                    double d = Vectors.squaredDistance(v, c);
                    if (d < bestD) {
                        bestD = d;
                        best = id;
                    }
                }
            }
            if (best < 0) {
                throw new IllegalStateException("cluster " + p + " of level " + (l - 1) + " has no children");
            }
            ids[l] = best;
            p = best;
            parents = levels.get(l);
        }
        return ids;
    }

    /** Euclidean distance from {@code v} to the centroid of cluster {@code id} at {@code level}. */
    public double distance(double[] v, int level, int id) {
        return Math.sqrt(Vectors.squaredDistance(v, centroids[level][id]));
    }

    /** Number of ids in use at a level. */
    @JsonIgnore
    public int used(int level) {
        return (int) Arrays.stream(centroids[level]).filter(c -> c.length > 0).count();
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j] / x.length;
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NestedKMeans n && levels.equals(n.levels) && Arrays.deepEquals(centroids, n.centroids);
    }

    @Override
    public int hashCode() {
        return levels.hashCode() * 31 + Arrays.deepHashCode(centroids);
    }

    @Override
    public String toString() {
        return "NestedKMeans" + levels;
    }
}
