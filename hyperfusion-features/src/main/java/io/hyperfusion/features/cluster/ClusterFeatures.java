package io.hyperfusion.features.cluster;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.SpacePca;
import io.hyperfusion.features.stats.TargetStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The clustering tier of HyperFusion (arXiv 2507.00926, 2025): hierarchical k-means
 * ({@link NestedKMeans}) of the PCA-reduced image and title embeddings, and per level the cluster id
 * ({@code cluster#image_k8}, categorical), the distance to its centroid ({@code cluster#image_k8_dist}) and the
 * cluster's mean label as an out-of-fold target statistic ({@code cluster#image_k8_te}, see
 * {@link TargetStatistics}), so that no training row sees its own label.
 *
 * <p>A post without a vector gets NaN in all three. A space absent at fitting time gives all-NaN columns.
 *
 * @param imageDims     PCA components of the image embedding clustered
 * @param titleDims     PCA components of the title embedding clustered
 * @param levels        clusters per level, each a multiple of the previous (default 8, 32, 128)
 * @param maxIterations Lloyd iterations per k-means
 * @param maxFitRows    covariance sample cap for the PCAs
 * @param targetStats   how the clusters' mean labels are kept from leaking (out-of-fold or ordered by time)
 */
public record ClusterFeatures(int imageDims, int titleDims, List<Integer> levels, int maxIterations, int maxFitRows,
                              TargetStatistics.Options targetStats) implements FeatureGroup {
    public static final String NAME = "cluster";

    public ClusterFeatures {
        levels = List.copyOf(NestedKMeans.validate(levels));
        if (imageDims < 1 || titleDims < 1 || maxIterations < 1 || maxFitRows < 2) {
            throw new IllegalArgumentException("cluster features need dims >= 1, maxIterations >= 1, maxFitRows >= 2;"
                    + " got " + imageDims + ", " + titleDims + ", " + maxIterations + ", " + maxFitRows);
        }
        if (targetStats == null) {
            throw new IllegalArgumentException("cluster features need target-statistics options");
        }
    }

    public static ClusterFeatures defaults() {
        return new ClusterFeatures(32, 16, List.of(8, 32, 128), 50, 10_000, TargetStatistics.Options.defaults());
    }

    /** The same settings with other target-statistics options. */
    public ClusterFeatures withTargetStats(TargetStatistics.Options ts) {
        return new ClusterFeatures(imageDims, titleDims, levels, maxIterations, maxFitRows, ts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        Seeds seeds = new Seeds(seed);
        Embeddings e = ctx.embeddings();
        int[] order = io.hyperfusion.features.stats.PostOrder.chronological(train);
        List<Clustering> spaces = new ArrayList<>();
        List<double[][]> trainBlocks = new ArrayList<>();
        for (String space : List.of(Spaces.IMAGE, Spaces.TITLE)) {
            boolean text = space.equals(Spaces.TITLE);
            SpacePca pca = SpacePca.fit(space, text ? titleDims : imageDims, text, train, e, maxFitRows,
                    seeds.child("pca:" + space));
            double[][] z = new double[train.size()][];
            List<double[]> present = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                z[i] = pca.project(train.get(i), e);
                if (z[i] != null) {
                    present.add(z[i]);
                }
            }
            if (present.isEmpty()) {
                spaces.add(new Clustering(space, pca, null, List.of()));
                trainBlocks.add(nanBlock(train.size(), 3 * levels.size()));
                continue;
            }
            NestedKMeans tree = NestedKMeans.fit(present.toArray(double[][]::new), levels, maxIterations,
                    seeds.child("kmeans:" + space));
            int[][] ids = new int[train.size()][];
            for (int i = 0; i < train.size(); i++) {
                ids[i] = z[i] == null ? null : tree.assign(z[i]);
            }
            List<TargetStatistics> tables = new ArrayList<>();
            double[][] block = nanBlock(train.size(), 3 * levels.size());
            for (int l = 0; l < levels.size(); l++) {
                String[] keys = new String[train.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = ids[i] == null ? null : Integer.toString(ids[i][l]);
                }
                // The group's seed for every level and space: all target statistics share one fold split.
                TargetStatistics.Fit ts = TargetStatistics.fit(keys, labels, order, targetStats, seed);
                tables.add(ts.table());
                for (int i = 0; i < keys.length; i++) {
                    if (ids[i] != null) {
                        block[i][3 * l] = ids[i][l];
                        block[i][3 * l + 1] = tree.distance(z[i], l, ids[i][l]);
                        block[i][3 * l + 2] = ts.trainMean()[i];
                    }
                }
            }
            spaces.add(new Clustering(space, pca, tree, tables));
            trainBlocks.add(block);
        }
        Fitted f = new Fitted(levels, spaces);
        double[][] values = new double[train.size()][];
        for (int i = 0; i < train.size(); i++) {
            values[i] = concat(trainBlocks.get(0)[i], trainBlocks.get(1)[i]);
        }
        return new Fit(f, values);
    }

    /**
     * The clustering of one space.
     *
     * @param space  embedding space
     * @param pca    its PCA
     * @param tree   the cluster hierarchy, or null when no training post had a vector
     * @param tables per level, the clusters' label tallies
     */
    public record Clustering(String space, SpacePca pca, NestedKMeans tree, List<TargetStatistics> tables) {
        double[] row(Post p, Embeddings e, int nLevels) {
            double[] out = nanBlock(1, 3 * nLevels)[0];
            double[] z = tree == null ? null : pca.project(p, e);
            if (z != null) {
                int[] ids = tree.assign(z);
                for (int l = 0; l < nLevels; l++) {
                    String key = Integer.toString(ids[l]);
                    out[3 * l] = ids[l];
                    out[3 * l + 1] = tree.distance(z, l, ids[l]);
                    out[3 * l + 2] = tables.get(l).mean(key);
                }
            }
            return out;
        }
    }

    /**
     * Fitted state.
     *
     * @param levels clusters per level
     * @param spaces the image and the title clustering, in that order
     */
    @JsonTypeName("cluster")
    public record Fitted(List<Integer> levels, List<Clustering> spaces) implements FittedGroup {

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>();
            for (Clustering c : spaces) {
                for (int k : levels) {
                    String base = NAME + "#" + c.space() + "_k" + k;
                    n.addAll(List.of(base, base + "_dist", base + "_te"));
                }
            }
            return n;
        }

        @Override
        public boolean isCategorical(int i) {
            return i % 3 == 0;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            double[][] out = new double[posts.size()][];
            for (int r = 0; r < posts.size(); r++) {
                double[] row = new double[0];
                for (Clustering c : spaces) {
                    row = concat(row, c.row(posts.get(r), ctx.embeddings(), levels.size()));
                }
                out[r] = row;
            }
            return out;
        }
    }

    static double[][] nanBlock(int rows, int cols) {
        double[][] b = new double[rows][cols];
        for (double[] r : b) {
            Arrays.fill(r, Double.NaN);
        }
        return b;
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
