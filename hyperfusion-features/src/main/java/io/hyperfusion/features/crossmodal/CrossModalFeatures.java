package io.hyperfusion.features.crossmodal;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.Ridge;
import io.hyperfusion.features.linalg.SpacePca;
import io.hyperfusion.features.linalg.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross-modal tier of HyperFusion (arXiv 2507.00926, 2025): how the modalities of a post relate.
 * <ul>
 *   <li>{@code img_title_align}, {@code img_tags_align}: image–text agreement through a ridge alignment learned
 *       on training posts ({@link Alignment}; out of fold for training rows);
 *   <li>{@code title_tags_cos}: cosine of the title and tags embeddings;
 *   <li>{@code author_img_sim}, {@code author_title_sim}: cosine to the centroid of the author's strictly
 *       earlier posts among all posts known at fitting time ({@link AuthorHistory});
 *   <li>{@code cat_img_sim}, {@code cat_title_sim}: cosine to the centroid of the post's category over training
 *       posts (leaving the row itself out for training rows);
 *   <li>{@code clip_sim}: CLIP's image–text cosine, only when both CLIP spaces exist at fitting time.
 * </ul>
 * Missing vectors give NaN. Without embeddings every column is NaN. No labels are used.
 *
 * @param alignDims   PCA components of the image embedding used for the alignment and category centroids
 * @param historyDims components kept per post in the author histories (the first of the image PCA; a title PCA)
 * @param lambda      ridge penalty
 * @param folds       folds of the out-of-fold alignment
 * @param maxFitRows  covariance sample cap for the PCAs
 */
public record CrossModalFeatures(int alignDims, int historyDims, double lambda, int folds, int maxFitRows)
        implements FeatureGroup {
    public static final String NAME = "crossmodal";
    static final List<String> CORE = List.of("img_title_align", "img_tags_align", "title_tags_cos",
            "author_img_sim", "author_title_sim", "cat_img_sim", "cat_title_sim");

    public CrossModalFeatures {
        if (alignDims < 1 || historyDims < 1 || historyDims > alignDims || folds < 2 || maxFitRows < 2
                || !(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("crossmodal features need 1 <= historyDims <= alignDims, folds >= 2, "
                    + "maxFitRows >= 2, finite lambda >= 0; got alignDims=" + alignDims + ", historyDims="
                    + historyDims + ", lambda=" + lambda + ", folds=" + folds + ", maxFitRows=" + maxFitRows);
        }
    }

    public static CrossModalFeatures defaults() {
        return new CrossModalFeatures(64, 16, 1.0, 5, 10_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        Embeddings e = ctx.embeddings();
        Seeds seeds = new Seeds(seed);
        SpacePca image = SpacePca.fit(Spaces.IMAGE, alignDims, false, train, e, maxFitRows, seeds.child("image"));
        SpacePca titleHist = SpacePca.fit(Spaces.TITLE, historyDims, true, train, e, maxFitRows, seeds.child("title"));
        SpacePca title = new SpacePca(Spaces.TITLE, 1, true, null); // raw-vector access only
        SpacePca tags = new SpacePca(Spaces.TAGS, 1, true, null);
        double[][] x = new double[train.size()][];
        double[][] yTitle = new double[train.size()][];
        double[][] yTags = new double[train.size()][];
        for (int i = 0; i < train.size(); i++) {
            Post p = train.get(i);
            x[i] = image.project(p, e);
            yTitle[i] = raw(title, p, e);
            yTags[i] = raw(tags, p, e);
        }
        Alignment.Result toTitle = Alignment.fit(x, yTitle, folds, lambda, seeds.child("align:title"));
        Alignment.Result toTags = Alignment.fit(x, yTags, folds, lambda, seeds.child("align:tags"));

        Map<PostKey, Post> known = new LinkedHashMap<>();
        ctx.corpus().forEach(p -> known.put(p.key(), p));
        train.forEach(p -> known.putIfAbsent(p.key(), p));
        List<Post> corpus = new ArrayList<>(known.values());
        int h = Math.min(historyDims, image.width());
        AuthorHistory imageHistory = AuthorHistory.build(corpus, p -> head(image.project(p, e), h), h);
        AuthorHistory titleHistory = AuthorHistory.build(corpus, p -> titleHist.project(p, e), titleHist.width());

        Map<String, double[]> catImage = new LinkedHashMap<>();
        Map<String, double[]> catTitle = new LinkedHashMap<>();
        for (int i = 0; i < train.size(); i++) {
            String c = train.get(i).category();
            if (c != null) {
                addTo(catImage, c, x[i]);
                addTo(catTitle, c, yTitle[i]);
            }
        }
        boolean clip = e.spaces().contains(Spaces.CLIP_IMAGE) && e.spaces().contains(Spaces.CLIP_TEXT);
        Fitted f = new Fitted(image, titleHist, toTitle.ridge(), toTags.ridge(), imageHistory, titleHistory,
                toFloat(catImage), toFloat(catTitle), clip);
        double[][] values = f.transform(train, ctx);
        for (int i = 0; i < train.size(); i++) {
            values[i][0] = toTitle.trainSimilarity()[i];
            values[i][1] = toTags.trainSimilarity()[i];
            String c = train.get(i).category();
            values[i][5] = leaveOneOut(catImage.get(c), x[i]);
            values[i][6] = leaveOneOut(catTitle.get(c), yTitle[i]);
        }
        return new Fit(f, values);
    }

    /**
     * Fitted state.
     *
     * @param image        PCA of the image embedding (alignment input; its first components feed the history)
     * @param titlePca     PCA of the title embedding for the author histories
     * @param toTitle      image → title ridge, or null when no training post had both
     * @param toTags       image → tags ridge, or null
     * @param imageHistory authors' reduced image vectors over time
     * @param titleHistory authors' reduced title vectors over time
     * @param catImage     per category, the sum of training posts' reduced image vectors (count [0] first)
     * @param catTitle     per category, the sum of training posts' title vectors (count [0] first)
     * @param clip         whether the CLIP similarity column exists
     */
    @JsonTypeName("crossmodal")
    public record Fitted(SpacePca image, SpacePca titlePca, Ridge toTitle, Ridge toTags, AuthorHistory imageHistory,
                         AuthorHistory titleHistory, Map<String, float[]> catImage, Map<String, float[]> catTitle,
                         boolean clip) implements FittedGroup {

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>();
            CORE.forEach(s -> n.add(NAME + "#" + s));
            if (clip) {
                n.add(NAME + "#clip_sim");
            }
            return n;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            Embeddings e = ctx.embeddings();
            SpacePca title = new SpacePca(Spaces.TITLE, 1, true, null);
            SpacePca tags = new SpacePca(Spaces.TAGS, 1, true, null);
            int h = imageHistory.dims();
            double[][] zs = new double[posts.size()][];
            double[][] heads = new double[posts.size()][];
            double[][] titles = new double[posts.size()][];
            for (int r = 0; r < posts.size(); r++) {
                zs[r] = image.project(posts.get(r), e);
                heads[r] = head(zs[r], h);
                titles[r] = titlePca.project(posts.get(r), e);
            }
            double[] authorImg = imageHistory.similarities(posts, heads);
            double[] authorTitle = titleHistory.similarities(posts, titles);
            double[][] out = new double[posts.size()][names().size()];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                double[] z = zs[r];
                double[] t = raw(title, p, e);
                double[] g = raw(tags, p, e);
                double[] row = out[r];
                row[0] = z == null || toTitle == null ? Double.NaN : Vectors.cosine(toTitle.predict(z), t);
                row[1] = z == null || toTags == null ? Double.NaN : Vectors.cosine(toTags.predict(z), g);
                row[2] = Vectors.cosine(t, g);
                row[3] = authorImg[r];
                row[4] = authorTitle[r];
                String c = p.category();
                row[5] = c == null ? Double.NaN : cosine(catImage.get(c), z);
                row[6] = c == null ? Double.NaN : cosine(catTitle.get(c), t);
                if (clip) {
                    row[7] = Vectors.cosine(e.get(Spaces.CLIP_IMAGE, p.key()), e.get(Spaces.CLIP_TEXT, p.key()));
                }
            }
            return out;
        }
    }

    static double[] raw(SpacePca access, Post p, Embeddings e) {
        float[] v = access.vector(p, e);
        return v == null ? null : Vectors.toDouble(v);
    }

    static double[] head(double[] v, int n) {
        return v == null ? null : Arrays.copyOf(v, n);
    }

    /** Cosine of {@code v} to a stored category sum ({@code [count, sum...]}); NaN when either is missing. */
    static double cosine(float[] countAndSum, double[] v) {
        if (countAndSum == null || v == null) {
            return Double.NaN;
        }
        return Vectors.cosine(Vectors.toDouble(Arrays.copyOfRange(countAndSum, 1, countAndSum.length)), v);
    }

    /** Cosine of {@code v} to the sum of its category's other rows; NaN when it is alone or missing. */
    static double leaveOneOut(double[] countAndSum, double[] v) {
        if (countAndSum == null || v == null || countAndSum[0] < 2) {
            return Double.NaN;
        }
        double[] rest = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            rest[j] = countAndSum[j + 1] - v[j];
        }
        return Vectors.cosine(v, rest);
    }

    private static void addTo(Map<String, double[]> sums, String key, double[] v) {
        if (v != null) {
            double[] s = sums.computeIfAbsent(key, k -> new double[v.length + 1]);
            s[0]++;
            for (int j = 0; j < v.length; j++) {
                s[j + 1] += v[j];
            }
        }
    }

    private static Map<String, float[]> toFloat(Map<String, double[]> m) {
        Map<String, float[]> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, Vectors.toFloat(v)));
        return out;
    }
}
