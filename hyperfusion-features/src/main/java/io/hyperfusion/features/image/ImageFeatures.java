package io.hyperfusion.features.image;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FeatureNames;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.SpacePca;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The image tier of HyperFusion ("HyperFusion: Hierarchical Multimodal Ensemble Learning for Social Media
 * Popularity Prediction", arXiv 2507.00926, 2025): a PCA of the MobileNetV2 embedding fitted
 * on training posts ({@code image#pca_00..}), the NSFW class probabilities, the image statistics
 * ({@code image#brightness}, {@code image#hue_03}, ...) and {@code image#present}; plus a PCA of the CLIP image
 * embedding ({@code image#clip_pca_00..}, {@code image#clip_present}) when that space exists at fitting time.
 *
 * <p>Missing data: a post without a vector gets NaN and {@code present = 0}. The core columns exist whatever
 * encoders ran (a space absent at fitting time gives all-NaN columns), so the schema of {@code image} does not
 * depend on the encoders; only the optional CLIP columns do.
 *
 * @param pcaDims    components of the MobileNetV2 embedding
 * @param clipDims   components of the CLIP image embedding
 * @param maxFitRows covariance sample cap for the PCAs
 */
public record ImageFeatures(int pcaDims, int clipDims, int maxFitRows) implements FeatureGroup {
    public static final String NAME = "image";

    public ImageFeatures {
        if (pcaDims < 1 || clipDims < 1 || maxFitRows < 2) {
            throw new IllegalArgumentException("image features need pcaDims >= 1, clipDims >= 1, maxFitRows >= 2;"
                    + " got " + pcaDims + ", " + clipDims + ", " + maxFitRows);
        }
    }

    public static ImageFeatures defaults() {
        return new ImageFeatures(32, 16, 10_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        Embeddings e = ctx.embeddings();
        Seeds seeds = new Seeds(seed);
        SpacePca image = SpacePca.fit(Spaces.IMAGE, pcaDims, false, train, e, maxFitRows, seeds.child("pca"));
        SpacePca clip = e.spaces().contains(Spaces.CLIP_IMAGE)
                ? SpacePca.fit(Spaces.CLIP_IMAGE, clipDims, false, train, e, maxFitRows, seeds.child("clip"))
                : null;
        Fitted f = new Fitted(image, clip, Spaces.componentNames(e, Spaces.NSFW, Spaces.NSFW_COMPONENTS),
                Spaces.componentNames(e, Spaces.IMGSTATS, Spaces.imgstatsComponents()));
        return new Fit(f, f.transform(train, ctx));
    }

    /**
     * Fitted state.
     *
     * @param image     PCA of the MobileNetV2 embedding
     * @param clip      PCA of the CLIP image embedding, or null when that space was absent at fitting time
     * @param nsfwNames component names of the NSFW probabilities
     * @param statNames component names of the image statistics
     */
    @JsonTypeName("image")
    public record Fitted(SpacePca image, SpacePca clip, List<String> nsfwNames, List<String> statNames)
            implements FittedGroup {

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>();
            n.add(NAME + "#present");
            n.addAll(image.names(NAME, "pca"));
            nsfwNames.forEach(s -> n.add(FeatureNames.of(NAME, s)));
            statNames.forEach(s -> n.add(FeatureNames.of(NAME, s)));
            if (clip != null) {
                n.add(NAME + "#clip_present");
                n.addAll(clip.names(NAME, "clip_pca"));
            }
            return n;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            Embeddings e = ctx.embeddings();
            // The width names() would give, without building the names for every request.
            int width = 1 + image.width() + nsfwNames.size() + statNames.size() + (clip == null ? 0 : 1 + clip.width());
            double[][] out = new double[posts.size()][width];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                double[] row = out[r];
                Arrays.fill(row, Double.NaN);
                int c = 0;
                row[c++] = image.vector(p, e) != null ? 1 : 0;
                c = put(row, c, image.project(p, e), image.width());
                c = putRaw(row, c, e, Spaces.NSFW, p, nsfwNames.size());
                c = putRaw(row, c, e, Spaces.IMGSTATS, p, statNames.size());
                if (clip != null) {
                    row[c++] = clip.vector(p, e) != null ? 1 : 0;
                    put(row, c, clip.project(p, e), clip.width());
                }
            }
            return out;
        }

        private static int put(double[] row, int at, double[] values, int width) {
            if (values != null) {
                System.arraycopy(values, 0, row, at, width);
            }
            return at + width;
        }

        private static int putRaw(double[] row, int at, Embeddings e, String space, Post p, int width) {
            float[] v = e.get(space, p.key());
            if (v != null) {
                if (v.length != width) {
                    throw new IllegalArgumentException("embedding space '" + space + "' of post " + p.key()
                            + ": expected " + width + " values (as when fitted), got " + v.length);
                }
                for (int i = 0; i < width; i++) {
                    row[at + i] = v[i];
                }
            }
            return at + width;
        }
    }
}
