package io.hyperfusion.features.linalg;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.Spaces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic posts and embeddings with structure for the embedding feature-group tests: each post has a latent
 * topic (0..3) that drives its image, title and tags vectors; every 10th post has no image, every 7th an empty
 * title (zero vector).
 */
public final class SyntheticEmbeddings {
    public static final int IMAGE_DIM = 48;
    public static final int TEXT_DIM = 24;
    public static final int CLIP_DIM = 8;
    public static final int TOPICS = 4;

    private SyntheticEmbeddings() { }

    /** The latent topic of post i. */
    public static int topic(int i) {
        return (i * 7 + i / 3) % TOPICS;
    }

    /** n posts by 15 authors, hourly from a fixed start, label = topic + noise when {@code signal}. */
    public static List<Post> posts(int n, int firstId, boolean signal, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] cats = {"Animal", "Food", "Urban", "Travel"};
        List<Post> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = firstId + i;
            out.add(Post.builder(String.valueOf(id), "u" + (id % 15))
                    .postedAt(Instant.ofEpochSecond(1_450_000_000L + 3600L * id))
                    .title(id % 7 == 0 ? "" : "title " + id)
                    .category(i % 11 == 0 ? null : cats[topic(id) % cats.length])
                    .label(signal ? topic(id) + r.nextGaussian() * 0.5 : r.nextDouble(0, 10))
                    .build());
        }
        return out;
    }

    /** Declares every space and fills vectors for {@code posts}; {@code clip} adds the CLIP spaces. */
    public static EmbeddingTable.Builder table(List<Post> posts, boolean clip, long seed) {
        EmbeddingTable.Builder b = EmbeddingTable.builder()
                .space(Spaces.IMAGE, names("mnv2_", IMAGE_DIM))
                .space(Spaces.NSFW, Spaces.NSFW_COMPONENTS)
                .space(Spaces.IMGSTATS, Spaces.imgstatsComponents())
                .space(Spaces.TITLE, names("t", TEXT_DIM))
                .space(Spaces.TAGS, names("g", TEXT_DIM));
        if (clip) {
            b.space(Spaces.CLIP_IMAGE, names("ci", CLIP_DIM)).space(Spaces.CLIP_TEXT, names("ct", CLIP_DIM));
        }
        SplittableRandom centres = new SplittableRandom(12345);
        float[][] imageCentre = gaussian(centres, TOPICS, IMAGE_DIM, 3.0);
        float[][] textCentre = gaussian(centres, TOPICS, TEXT_DIM, 1.0);
        float[][] clipCentre = gaussian(centres, TOPICS, CLIP_DIM, 1.0);
        SplittableRandom r = new SplittableRandom(seed);
        for (Post p : posts) {
            int id = Integer.parseInt(p.postId());
            int t = topic(id);
            if (id % 10 != 0) {
                b.put(Spaces.IMAGE, p.key(), noisy(imageCentre[t], r, 1.0, false));
                float[] probs = new float[5];
                probs[t % 5] = 0.6f;
                for (int k = 0; k < 5; k++) {
                    probs[k] += 0.08f;
                }
                b.put(Spaces.NSFW, p.key(), probs);
                float[] stats = new float[Spaces.imgstatsComponents().size()];
                for (int k = 0; k < stats.length; k++) {
                    stats[k] = (float) (k + t + r.nextDouble());
                }
                b.put(Spaces.IMGSTATS, p.key(), stats);
                if (clip) {
                    b.put(Spaces.CLIP_IMAGE, p.key(), noisy(clipCentre[t], r, 0.3, true));
                }
            }
            b.put(Spaces.TITLE, p.key(), id % 7 == 0 ? new float[TEXT_DIM] : noisy(textCentre[t], r, 0.5, true));
            b.put(Spaces.TAGS, p.key(), noisy(textCentre[(t + id % 2) % TOPICS], r, 0.5, true));
            if (clip) {
                b.put(Spaces.CLIP_TEXT, p.key(), noisy(clipCentre[t], r, 0.3, true));
            }
        }
        return b;
    }

    /** Random unit vectors unrelated to anything. */
    public static float[] randomUnit(SplittableRandom r, int dim) {
        return noisy(new float[dim], r, 1.0, true);
    }

    static List<String> names(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static float[][] gaussian(SplittableRandom r, int rows, int dim, double sd) {
        float[][] out = new float[rows][dim];
        for (float[] row : out) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) (r.nextGaussian() * sd);
            }
        }
        return out;
    }

    private static float[] noisy(float[] centre, SplittableRandom r, double sd, boolean normalise) {
        float[] v = new float[centre.length];
        double n2 = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (centre[j] + r.nextGaussian() * sd);
            n2 += v[j] * v[j];
        }
        if (normalise) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= (float) Math.sqrt(n2);
            }
        }
        return v;
    }
}
