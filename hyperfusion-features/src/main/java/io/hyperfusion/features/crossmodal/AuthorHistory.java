package io.hyperfusion.features.crossmodal;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Per author, the time-ordered (reduced) embeddings of the posts known at fitting time, stored compactly as
 * 8-bit codes with one scale per vector, and the similarity of a post to the centroid of its author's strictly
 * earlier posts. Immutable; the sweep in {@link #similarities} keeps its running sums local.
 *
 * @param dims    vector length
 * @param authors per author, the series of earlier vectors
 */
public record AuthorHistory(int dims, Map<String, Series> authors) {

    /**
     * One author's vectors in time order.
     *
     * @param times  posting times (unix seconds), non-decreasing
     * @param codes  {@code times.length × dims} signed 8-bit codes
     * @param scales one per vector: value = code × scale
     */
    public record Series(long[] times, byte[] codes, float[] scales) { }

    public AuthorHistory {
        authors = new TreeMap<>(authors); // sorted: stable JSON
    }

    /**
     * Collects the vectors of {@code corpus} posts that have a time and a vector.
     *
     * @param vector a post's reduced vector of length {@code dims}, or null when it has none
     */
    public static AuthorHistory build(List<Post> corpus, Function<Post, double[]> vector, int dims) {
        Map<String, List<Post>> byAuthor = new HashMap<>();
        Map<Post, double[]> vectors = new java.util.IdentityHashMap<>();
        for (Post p : corpus) {
            double[] v = p.postedAt() == null ? null : vector.apply(p);
            if (v != null) {
                byAuthor.computeIfAbsent(p.userId(), k -> new ArrayList<>()).add(p);
                vectors.put(p, v);
            }
        }
        Map<String, Series> out = new HashMap<>();
        byAuthor.forEach((author, posts) -> {
            // Time, then key: a total order, so the sums are added in the same order on every run.
            posts.sort(Comparator.comparing(Post::postedAt).thenComparing(p -> p.key().toString()));
            long[] times = new long[posts.size()];
            byte[] codes = new byte[posts.size() * dims];
            float[] scales = new float[posts.size()];
            for (int i = 0; i < posts.size(); i++) {
                times[i] = posts.get(i).postedAt().getEpochSecond();
                scales[i] = quantise(vectors.get(posts.get(i)), codes, i * dims);
            }
            out.put(author, new Series(times, codes, scales));
        });
        return new AuthorHistory(dims, out);
    }

    /**
     * For each post, the cosine between its vector ({@code vectors[i]}, null when absent) and the mean of its
     * author's vectors posted strictly before it; NaN when it has no time, no vector or no earlier vector.
     */
    public double[] similarities(List<Post> posts, double[][] vectors) {
        if (vectors.length != posts.size()) {
            throw new IllegalArgumentException("expected one vector per post: " + posts.size() + " posts, "
                    + vectors.length + " vectors");
        }
        double[] out = new double[posts.size()];
        Arrays.fill(out, Double.NaN);
        Map<String, List<Integer>> byAuthor = new HashMap<>();
        for (int r = 0; r < posts.size(); r++) {
            if (posts.get(r).postedAt() != null && authors.containsKey(posts.get(r).userId())) {
                byAuthor.computeIfAbsent(posts.get(r).userId(), k -> new ArrayList<>()).add(r);
            }
        }
        byAuthor.forEach((author, rows) -> {
            Series s = authors.get(author);
            rows.sort(Comparator.comparing(r -> posts.get(r).postedAt()));
            double[] sum = new double[dims];
            int next = 0;
            for (int r : rows) {
                long t = posts.get(r).postedAt().getEpochSecond();
                while (next < s.times().length && s.times()[next] < t) {
                    for (int j = 0; j < dims; j++) {
                        sum[j] += s.codes()[next * dims + j] * (double) s.scales()[next];
                    }
                    next++;
                }
                double[] v = next == 0 ? null : vectors[r];
                if (v != null) {
                    out[r] = Vectors.cosine(v, sum);
                }
            }
        });
        return out;
    }

    /** Writes {@code v} as codes in [-127, 127] at {@code at}; returns the scale. */
    static float quantise(double[] v, byte[] codes, int at) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = (float) (max / 127.0);
        for (int j = 0; j < v.length; j++) {
            codes[at + j] = scale == 0 ? 0 : (byte) Math.round(v[j] / scale);
        }
        return scale;
    }
}
