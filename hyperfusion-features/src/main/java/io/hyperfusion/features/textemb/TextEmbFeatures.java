package io.hyperfusion.features.textemb;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.SpacePca;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text-embedding tier of HyperFusion (arXiv 2507.00926, 2025): PCAs of the MiniLM sentence
 * embeddings of the title ({@code textemb#title_pca_00..}) and of the tags ({@code textemb#tags_pca_00..}),
 * fitted on training posts, with {@code textemb#title_present} / {@code textemb#tags_present}.
 *
 * <p>An empty text (the encoder's zero vector) or a missing vector counts as absent: NaN and present = 0. The
 * columns exist whatever encoders ran; a space absent at fitting time gives all-NaN columns.
 *
 * @param titleDims  components of the title embedding
 * @param tagsDims   components of the tags embedding
 * @param maxFitRows covariance sample cap for the PCAs
 */
public record TextEmbFeatures(int titleDims, int tagsDims, int maxFitRows) implements FeatureGroup {
    public static final String NAME = "textemb";

    public TextEmbFeatures {
        if (titleDims < 1 || tagsDims < 1 || maxFitRows < 2) {
            throw new IllegalArgumentException("textemb features need titleDims >= 1, tagsDims >= 1, maxFitRows >= 2;"
                    + " got " + titleDims + ", " + tagsDims + ", " + maxFitRows);
        }
    }

    public static TextEmbFeatures defaults() {
        return new TextEmbFeatures(16, 16, 10_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        Seeds seeds = new Seeds(seed);
        Embeddings e = ctx.embeddings();
        Fitted f = new Fitted(
                SpacePca.fit(Spaces.TITLE, titleDims, true, train, e, maxFitRows, seeds.child(Spaces.TITLE)),
                SpacePca.fit(Spaces.TAGS, tagsDims, true, train, e, maxFitRows, seeds.child(Spaces.TAGS)));
        return new Fit(f, f.transform(train, ctx));
    }

    /**
     * Fitted state.
     *
     * @param title PCA of the title embedding
     * @param tags  PCA of the tags embedding
     */
    @JsonTypeName("textemb")
    public record Fitted(SpacePca title, SpacePca tags) implements FittedGroup {

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>();
            n.add(NAME + "#title_present");
            n.addAll(title.names(NAME, "title_pca"));
            n.add(NAME + "#tags_present");
            n.addAll(tags.names(NAME, "tags_pca"));
            return n;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            Embeddings e = ctx.embeddings();
            int width = 2 + title.width() + tags.width();
            double[][] out = new double[posts.size()][width];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                double[] row = out[r];
                Arrays.fill(row, Double.NaN);
                int c = 0;
                for (SpacePca s : List.of(title, tags)) {
                    row[c++] = s.vector(p, e) != null ? 1 : 0;
                    double[] z = s.project(p, e);
                    if (z != null) {
                        System.arraycopy(z, 0, row, c, s.width());
                    }
                    c += s.width();
                }
            }
            return out;
        }
    }
}
