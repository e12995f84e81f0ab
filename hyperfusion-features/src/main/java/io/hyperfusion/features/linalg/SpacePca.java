package io.hyperfusion.features.linalg;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.embed.Embeddings;
import java.util.ArrayList;
import java.util.List;

/**
 * A PCA of one embedding space fitted on the training posts that have a vector there, with the rules for a
 * missing vector in one place: no vector (or, for text spaces, the zero vector of an empty text) means
 * "absent", and an absent space at fitting time leaves {@code pca} null so that every projection is absent.
 * The number of columns ({@code width}) is fixed at fitting time. Immutable.
 *
 * @param space         embedding space name
 * @param width         number of projected columns
 * @param zeroIsMissing whether an all-zero vector counts as absent
 * @param pca           the fitted PCA, or null when fewer than 2 training posts had a vector
 */
public record SpacePca(String space, int width, boolean zeroIsMissing, Pca pca) {

    public SpacePca {
        if (pca != null && pca.k() != width) {
            throw new IllegalArgumentException("space '" + space + "': width " + width + " but PCA has " + pca.k()
                    + " components");
        }
    }

    /**
     * Fits the PCA of {@code space} on {@code train}.
     *
     * @param k       components wanted (fewer when the space has fewer dimensions)
     * @param maxRows covariance sample cap, see {@link Pca#fit}
     */
    public static SpacePca fit(String space, int k, boolean zeroIsMissing, List<Post> train, Embeddings e,
                               int maxRows, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("PCA of '" + space + "' needs k >= 1, got " + k);
        }
        if (!e.spaces().contains(space)) {
            return new SpacePca(space, k, zeroIsMissing, null);
        }
        int width = Math.min(k, e.dimension(space));
        List<float[]> rows = new ArrayList<>();
        SpacePca probe = new SpacePca(space, width, zeroIsMissing, null);
        for (Post p : train) {
            float[] v = probe.vector(p, e);
            if (v != null) {
                rows.add(v);
            }
        }
        Pca pca = rows.size() < 2 ? null : Pca.fit(rows, width, maxRows, seed);
        return new SpacePca(space, width, zeroIsMissing, pca);
    }

    /** The post's raw vector, or null when absent. */
    public float[] vector(Post p, Embeddings e) {
        float[] v = e.get(space, p.key());
        if (v == null || (zeroIsMissing && Vectors.isZero(v))) {
            return null;
        }
        if (pca != null && v.length != pca.dimension()) {
            throw new IllegalArgumentException("embedding space '" + space + "' of post " + p.key() + ": expected "
                    + pca.dimension() + " values (as when fitted), got " + v.length);
        }
        return v;
    }

    /** The post's projection ({@code width} values), or null when absent or nothing was fitted. */
    public double[] project(Post p, Embeddings e) {
        if (pca == null) {
            return null;
        }
        float[] v = vector(p, e);
        return v == null ? null : pca.project(v);
    }

    /** Whether a PCA was fitted. */
    @JsonIgnore
    public boolean fitted() {
        return pca != null;
    }

    /** Column names {@code group#prefix_00 ..}. */
    public List<String> names(String group, String prefix) {
        List<String> n = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            n.add(group + "#" + prefix + (i < 10 ? "_0" : "_") + i); // String.format("_%02d", i), cheaper
        }
        return n;
    }
}
