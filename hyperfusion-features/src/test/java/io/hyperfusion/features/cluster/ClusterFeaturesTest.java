package io.hyperfusion.features.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeaturePipeline;
import io.hyperfusion.features.linalg.SyntheticEmbeddings;
import io.hyperfusion.features.stats.TargetStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterFeaturesTest {
    private static final FeaturePipeline PIPE = new FeaturePipeline(List.of(ClusterFeatures.defaults()));

    static FeatureContext ctx(List<Post> posts) {
        return new FeatureContext(Map.of(), null, SyntheticEmbeddings.table(posts, false, 3).build(), posts);
    }

    @Test
    void trainingRowNeverSeesItsOwnLabel() {
        List<Post> train = SyntheticEmbeddings.posts(600, 1, true, 1);
        FeatureContext ctx = ctx(train);
        FeatureMatrix m1 = PIPE.fit(train, ctx, 9).trainMatrix();
        int row = 123;
        List<Post> changed = new ArrayList<>(train);
        changed.set(row, train.get(row).withLabel(train.get(row).label() + 50));
        FeatureMatrix m2 = PIPE.fit(changed, ctx, 9).trainMatrix();
        int moved = 0;
        for (String n : m1.schema().names()) {
            int col = m1.schema().indexOf(n);
            assertEquals(m1.get(row, col), m2.get(row, col), 0.0, n + ": row saw its own label");
            if (n.endsWith("_te")) {
                for (int r = 0; r < train.size(); r++) {
                    moved += m1.get(r, col) != m2.get(r, col) ? 1 : 0;
                }
            }
        }
        assertTrue(moved > 0, "the changed label must reach rows of other folds, or the test proves nothing");
    }

    @Test
    void permutedLabelsCarryNoSignalRealLabelsDo() {
        List<Post> posts = SyntheticEmbeddings.posts(2000, 1, true, 2);
        FeatureContext ctx = ctx(posts);
        double[] labels = posts.stream().mapToDouble(Post::label).toArray();
        List<Double> shuffled = new ArrayList<>(Arrays.stream(labels).boxed().toList());
        Collections.shuffle(shuffled, new java.util.Random(17));
        List<Post> permuted = IntStream.range(0, posts.size())
                .mapToObj(i -> posts.get(i).withLabel(shuffled.get(i))).toList();
        FeatureMatrix real = PIPE.fit(posts, ctx, 4).trainMatrix();
        FeatureMatrix perm = PIPE.fit(permuted, ctx, 4).trainMatrix();
        double[] permLabels = shuffled.stream().mapToDouble(Double::doubleValue).toArray();
        for (String col : List.of("cluster#image_k8_te", "cluster#image_k32_te", "cluster#image_k128_te",
                "cluster#title_k8_te", "cluster#title_k128_te")) {
            double rhoPerm = spearman(permLabels, column(perm, col));
            double rhoReal = spearman(labels, column(real, col));
            assertTrue(Math.abs(rhoPerm) < 0.1, col + " with permuted labels: rho = " + rhoPerm);
            assertTrue(rhoReal > 0.5, col + " with real labels: rho = " + rhoReal);
        }
    }

    @Test
    void clustersAreNestedAndCategorical() {
        List<Post> train = SyntheticEmbeddings.posts(400, 1, true, 5);
        FeatureMatrix m = PIPE.fit(train, ctx(train), 1).trainMatrix();
        int k8 = m.schema().indexOf("cluster#image_k8");
        int k32 = m.schema().indexOf("cluster#image_k32");
        int k128 = m.schema().indexOf("cluster#image_k128");
        assertTrue(m.schema().isCategorical(k8) && !m.schema().isCategorical(k8 + 1));
        for (int r = 0; r < train.size(); r++) {
            if (Double.isNaN(m.get(r, k8))) {
                assertEquals(0, Integer.parseInt(train.get(r).postId()) % 10, "only image-less posts lack a cluster");
                continue;
            }
            assertEquals((int) m.get(r, k8), (int) m.get(r, k32) / 4, "k32 cluster inside its k8 parent");
            assertEquals((int) m.get(r, k32), (int) m.get(r, k128) / 4, "k128 cluster inside its k32 parent");
            assertTrue(m.get(r, k8 + 1) >= 0);
        }
    }

    @Test
    void clampsToFewRowsAndRejectsBadSettings() {
        double[][] x = {{0, 0}, {1, 1}, {5, 5}};
        NestedKMeans t = NestedKMeans.fit(x, List.of(8, 32, 128), 20, 1);
        assertEquals(3, t.used(0));
        assertEquals(3, t.used(2));
        int[] ids = t.assign(new double[] {5, 5.1});
        assertEquals(ids[0], ids[1] / 4);
        assertThrows(IllegalArgumentException.class, () -> NestedKMeans.fit(x, List.of(8, 12), 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClusterFeatures(8, 8, List.of(8), 10, 100, null));
        SplittableRandom r = new SplittableRandom(1);
        double[][] many = new double[50][];
        Arrays.setAll(many, i -> new double[] {r.nextGaussian(), r.nextGaussian()});
        assertEquals(NestedKMeans.fit(many, List.of(2, 8), 20, 3), NestedKMeans.fit(many, List.of(2, 8), 20, 3));
        assertNotEquals(NestedKMeans.fit(many, List.of(2, 8), 20, 3), NestedKMeans.fit(many, List.of(2, 8), 20, 4));
    }

    static double[] column(FeatureMatrix m, String name) {
        int c = m.schema().indexOf(name);
        return IntStream.range(0, m.rows()).mapToDouble(r -> m.get(r, c)).toArray();
    }

    /** Spearman's rho over the rows where both values are present. */
    static double spearman(double[] a, double[] b) {
        int[] keep = IntStream.range(0, a.length).filter(i -> !Double.isNaN(a[i]) && !Double.isNaN(b[i])).toArray();
        double[] ra = ranks(Arrays.stream(keep).mapToDouble(i -> a[i]).toArray());
        double[] rb = ranks(Arrays.stream(keep).mapToDouble(i -> b[i]).toArray());
        double ma = Arrays.stream(ra).average().orElseThrow();
        double mb = Arrays.stream(rb).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < ra.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Ranks with ties averaged. */
    static double[] ranks(double[] v) {
        Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] rank = new double[v.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = (i + j) / 2.0;
            }
            i = j + 1;
        }
        return rank;
    }
}
