package io.hyperfusion.features.crossmodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeaturePipeline;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.Ridge;
import io.hyperfusion.features.linalg.SyntheticEmbeddings;
import io.hyperfusion.features.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrossModalFeaturesTest {
    private static final FeaturePipeline PIPE = new FeaturePipeline(List.of(CrossModalFeatures.defaults()));

    @Test
    void authorCentroidIgnoresLaterPosts() {
        List<Post> train = SyntheticEmbeddings.posts(300, 1, true, 1);
        List<Post> later = SyntheticEmbeddings.posts(100, 301, false, 2).stream().map(p -> p.withLabel(null)).toList();
        List<Post> corpus = new ArrayList<>(train);
        corpus.addAll(later);
        EmbeddingTable e1 = SyntheticEmbeddings.table(corpus, false, 3).build();
        // The same vectors for the training posts, other (random) ones for the later unlabelled posts.
        EmbeddingTable e2 = replaced(e1, corpus, later, 99);
        FeatureMatrix m1 = PIPE.fit(train, new FeatureContext(Map.of(), null, e1, corpus), 5).trainMatrix();
        FeatureMatrix m2 = PIPE.fit(train, new FeatureContext(Map.of(), null, e2, corpus), 5).trainMatrix();
        for (int r = 0; r < train.size(); r++) {
            assertEquals(Arrays.toString(m1.row(r)), Arrays.toString(m2.row(r)), "row " + r + " saw a later post");
        }
        // New posts after the corpus see the later posts' vectors: the change must show there.
        List<Post> fresh = SyntheticEmbeddings.posts(30, 401, false, 4);
        List<Post> everything = new ArrayList<>(corpus);
        everything.addAll(fresh);
        EmbeddingTable q1 = SyntheticEmbeddings.table(everything, false, 3).build();
        FeatureMatrix f1 = PIPE.fit(train, new FeatureContext(Map.of(), null, e1, corpus), 5).pipeline()
                .transform(fresh, new FeatureContext(Map.of(), null, q1, List.of()));
        FeatureMatrix f2 = PIPE.fit(train, new FeatureContext(Map.of(), null, e2, corpus), 5).pipeline()
                .transform(fresh, new FeatureContext(Map.of(), null, q1, List.of()));
        int col = f1.schema().indexOf("crossmodal#author_img_sim");
        assertFalse(Arrays.equals(column(f1, col), column(f2, col)), "later posts must matter to posts after them");
        int first = m1.schema().indexOf("crossmodal#author_img_sim");
        assertTrue(Double.isNaN(m1.get(0, first)), "the author's first post has no history");
    }

    @Test
    void authorHistoryUsesStrictlyEarlierPosts() {
        java.time.Instant t0 = java.time.Instant.ofEpochSecond(1_000_000);
        List<Post> posts = List.of(
                Post.builder("1", "a").postedAt(t0).build(),
                Post.builder("2", "a").postedAt(t0.plusSeconds(10)).build(),
                Post.builder("3", "a").postedAt(t0.plusSeconds(20)).build(),
                Post.builder("4", "a").postedAt(t0.plusSeconds(20)).build(),
                Post.builder("5", "b").postedAt(t0.plusSeconds(30)).build());
        Map<String, double[]> v = Map.of("1", new double[] {1, 0}, "2", new double[] {0, 1}, "3", new double[] {1, 1},
                "4", new double[] {1, -1}, "5", new double[] {3, 4});
        AuthorHistory h = AuthorHistory.build(posts, p -> v.get(p.postId()), 2);
        double[] sim = h.similarities(posts, posts.stream().map(p -> v.get(p.postId())).toArray(double[][]::new));
        assertTrue(Double.isNaN(sim[0]), "first post: no history");
        assertEquals(0.0, sim[1], 1e-6, "(0,1) against (1,0)");
        assertEquals(1.0, sim[2], 1e-6, "(1,1) against the mean of (1,0) and (0,1)");
        assertEquals(0.0, sim[3], 1e-6, "a post at the same time is not earlier");
        assertTrue(Double.isNaN(sim[4]), "another author's history is not used");
        Post later = Post.builder("6", "a").postedAt(t0.plusSeconds(99)).build();
        double[] s6 = h.similarities(List.of(later), new double[][] {{1, 0}});
        assertEquals(3 / Math.sqrt(10), s6[0], 1e-2, "(1,0) against the 8-bit mean of all four: (3,1)/4");
    }

    @Test
    void alignmentIsOutOfFoldAndHonest() {
        List<Post> train = SyntheticEmbeddings.posts(400, 1, true, 6);
        EmbeddingTable related = SyntheticEmbeddings.table(train, false, 7).build();
        FeatureMatrix m = PIPE.fit(train, new FeatureContext(Map.of(), null, related, train), 1).trainMatrix();
        double aligned = mean(column(m, m.schema().indexOf("crossmodal#img_title_align")));
        assertTrue(aligned > 0.5, "titles follow the image topic: mean similarity " + aligned);

        // Titles unrelated to the images: out of fold the similarity is ~0, in sample the ridge fits noise.
        SplittableRandom r = new SplittableRandom(8);
        EmbeddingTable.Builder b = EmbeddingTable.builder().space(Spaces.TITLE, related.componentNames(Spaces.TITLE));
        train.forEach(p -> b.put(Spaces.TITLE, p.key(), SyntheticEmbeddings.randomUnit(r, SyntheticEmbeddings.TEXT_DIM)));
        EmbeddingTable unrelated = related.merge(b.build());
        double[][] x = new double[train.size()][];
        double[][] y = new double[train.size()][];
        FeatureMatrix u = PIPE.fit(train, new FeatureContext(Map.of(), null, unrelated, train), 1).trainMatrix();
        double oof = mean(column(u, u.schema().indexOf("crossmodal#img_title_align")));
        for (int i = 0; i < train.size(); i++) {
            float[] img = unrelated.get(Spaces.IMAGE, train.get(i).key());
            x[i] = img == null ? null : Vectors.toDouble(img);
            y[i] = Vectors.toDouble(unrelated.get(Spaces.TITLE, train.get(i).key()));
        }
        int[] both = IntStream.range(0, x.length).filter(i -> x[i] != null).toArray();
        Ridge inSample = Ridge.fit(Arrays.stream(both).mapToObj(i -> x[i]).toArray(double[][]::new),
                Arrays.stream(both).mapToObj(i -> y[i]).toArray(double[][]::new), 1.0);
        double in = Arrays.stream(both).mapToDouble(i -> Vectors.cosine(inSample.predict(x[i]), y[i])).average()
                .orElseThrow();
        assertTrue(Math.abs(oof) < 0.05, "out-of-fold similarity of unrelated text: " + oof);
        assertTrue(in > 0.15, "an in-sample ridge overstates it: " + in);
    }

    @Test
    void pairwiseCosinesAndClip() {
        List<Post> train = SyntheticEmbeddings.posts(200, 1, true, 9);
        EmbeddingTable e = SyntheticEmbeddings.table(train, true, 10).build();
        FeatureMatrix m = PIPE.fit(train, new FeatureContext(Map.of(), null, e, train), 1).trainMatrix();
        int clip = m.schema().indexOf("crossmodal#clip_sim");
        int tt = m.schema().indexOf("crossmodal#title_tags_cos");
        int cat = m.schema().indexOf("crossmodal#cat_img_sim");
        for (int r = 0; r < train.size(); r++) {
            Post p = train.get(r);
            int id = Integer.parseInt(p.postId());
            assertEquals(Vectors.cosine(e.get(Spaces.TITLE, p.key()), e.get(Spaces.TAGS, p.key())), m.get(r, tt), 1e-9);
            assertEquals(id % 7 == 0, Double.isNaN(m.get(r, tt)), "an empty title has no cosine");
            assertEquals(id % 10 == 0, Double.isNaN(m.get(r, clip)), "clip needs both vectors");
            if (id % 10 != 0) {
                assertEquals(Vectors.cosine(e.get(Spaces.CLIP_IMAGE, p.key()), e.get(Spaces.CLIP_TEXT, p.key())),
                        m.get(r, clip), 1e-9);
            }
            assertEquals(id % 10 == 0 || p.category() == null, Double.isNaN(m.get(r, cat)));
        }
        assertTrue(mean(column(m, cat)) > 0.5, "posts resemble their category: " + mean(column(m, cat)));
    }

    /** A copy of {@code like} over {@code all} posts with random image and title vectors for {@code replaced}. */
    private static EmbeddingTable replaced(EmbeddingTable like, List<Post> all, List<Post> replaced, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        java.util.Set<io.hyperfusion.data.PostKey> swap = new java.util.HashSet<>();
        replaced.forEach(p -> swap.add(p.key()));
        EmbeddingTable.Builder b = EmbeddingTable.builder();
        like.spaces().forEach(s -> b.space(s, like.componentNames(s)));
        for (Post p : all) {
            for (String s : like.spaces()) {
                float[] v = like.get(s, p.key());
                if (swap.contains(p.key()) && (s.equals(Spaces.IMAGE) || s.equals(Spaces.TITLE))) {
                    v = SyntheticEmbeddings.randomUnit(r, like.dimension(s));
                }
                if (v != null) {
                    b.put(s, p.key(), v);
                }
            }
        }
        return b.build();
    }

    static double[] column(FeatureMatrix m, int c) {
        return IntStream.range(0, m.rows()).mapToDouble(r -> m.get(r, c)).toArray();
    }

    static double mean(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }
}
