package io.hyperfusion.app.serve;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.models.RegressionModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores posts the way {@code hyperfusion predict} does (the model's fitted pipeline, then the model), from posts
 * with inline author profiles and optional image bytes, and explains them: every tier's output and the TreeSHAP
 * contributions (Lundberg et al., "Consistent Individualized Feature Attribution for Tree Ensembles", 2018, as
 * computed by LightGBM and XGBoost) of the best tier-2 member that supports them. Thread-safe.
 */
public final class Predictor {
    /** Contributions returned per post. */
    public static final int TOP_FEATURES = 10;

    private final PopularityModel model;
    private final OnlineEmbedder embedder;
    private final int explained;

    /**
     * @param model     the fitted model
     * @param embedder  encoders of the model (must match {@link PopularityModel#encoders()})
     * @param memberSrc tier-2 member name → held-out SRC (from the bundle), used to pick the member to explain;
     *                  empty to pick the one with the largest blend weight
     */
    public Predictor(PopularityModel model, OnlineEmbedder embedder, Map<String, Double> memberSrc) {
        this.model = model;
        this.embedder = embedder;
        this.explained = explainedMember(model.model(), memberSrc);
    }

    public PopularityModel model() {
        return model;
    }

    /** The encoders of the model (decoding ahead of scoring goes through it). */
    public OnlineEmbedder embedder() {
        return embedder;
    }

    /** Name of the tier-2 member whose contributions are reported, or null when none supports them. */
    public String explainedMember() {
        return explained < 0 ? null : ((HierarchicalModel) model.model()).fusion().get(explained).spec().name();
    }

    /** Only the scores, for many variants of posts (advice); {@code images.get(i)} may be null. */
    public double[] scores(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images) {
        return scores(posts, users, images, OnlineEmbedder.Decoded.none());
    }

    /** Only the scores, with images decoded ahead where {@code decoded} holds them. */
    public double[] scores(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images,
                           OnlineEmbedder.Decoded decoded) {
        if (posts.isEmpty()) {
            return new double[0];
        }
        return model.predict(posts, context(posts, users, images, decoded));
    }

    /**
     * Scores and explanations of {@code posts}.
     *
     * @param users   inline author profiles by id (authors absent here are unknown)
     * @param images  per post its image bytes, or null
     * @param explain whether to compute feature contributions
     * @throws OnlineEmbedder.BadImage when an image cannot be decoded or is too large
     */
    public List<Prediction> predict(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images,
                                    boolean explain) {
        return predict(posts, users, images, OnlineEmbedder.Decoded.none(), explain);
    }

    /** As {@link #predict(List, Map, List, boolean)}, with images decoded ahead where {@code decoded} holds them. */
    public List<Prediction> predict(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images,
                                    OnlineEmbedder.Decoded decoded, boolean explain) {
        if (posts.isEmpty()) {
            return List.of();
        }
        FeatureMatrix x = model.features(posts, context(posts, users, images, decoded));
        if (!(model.model() instanceof HierarchicalModel h)) {
            double[] s = model.model().predict(x);
            List<Prediction> out = new ArrayList<>(s.length);
            for (double v : s) {
                out.add(new Prediction(v, null, List.of()));
            }
            return out;
        }
        HierarchicalModel.Detail d = h.predictDetailed(x);
        List<List<Prediction.Contribution>> top = explain && explained >= 0 ? explain(h, x, d) : null;
        double[] w = h.blender().weights();
        List<Prediction> out = new ArrayList<>(posts.size());
        for (int r = 0; r < posts.size(); r++) {
            Map<String, Double> t1 = new LinkedHashMap<>();
            for (int e = 0; e < h.experts().size(); e++) {
                t1.put(h.experts().get(e).spec().name(), d.tier1()[e][r]);
            }
            Map<String, Double> t2 = new LinkedHashMap<>();
            Map<String, Double> weights = new LinkedHashMap<>();
            Map<String, Double> weighted = new LinkedHashMap<>();
            for (int f = 0; f < h.fusion().size(); f++) {
                String name = h.fusion().get(f).spec().name();
                t2.put(name, d.tier2()[f][r]);
                weights.put(name, w[f]);
                weighted.put(name, w[f] * d.tier2()[f][r]);
            }
            out.add(new Prediction(d.score()[r], new Prediction.Tiers(t1, t2, weights, weighted, h.blender().intercept()),
                    top == null ? List.of() : top.get(r)));
        }
        return out;
    }

    private FeatureContext context(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images,
                                   OnlineEmbedder.Decoded decoded) {
        Embeddings e = embedder.active() ? embedder.embed(posts, images, decoded) : Embeddings.none();
        // No corpus: fitted groups read only the post, its author's profile and its embeddings.
        return new FeatureContext(users, null, e, List.of());
    }

    /** The explained member's input, rebuilt from the tier-1 outputs already computed (as {@code tier2Input} would). */
    private List<List<Prediction.Contribution>> explain(HierarchicalModel h, FeatureMatrix x, HierarchicalModel.Detail d) {
        HierarchicalModel.Fusion member = h.fusion().get(explained);
        FeatureMatrix x2 = x.appendColumns(HierarchicalModel.tier1Names(h.experts().stream()
                .map(HierarchicalModel.Expert::spec).toList()), d.tier1()).selectColumns(member.columns());
        double[][] c = member.model().contributions(x2);
        List<String> names = x2.schema().names();
        List<List<Prediction.Contribution>> out = new ArrayList<>(c.length);
        for (int r = 0; r < c.length; r++) {
            List<Prediction.Contribution> row = new ArrayList<>(names.size());
            for (int j = 0; j < names.size(); j++) {
                row.add(new Prediction.Contribution(member.spec().name(), names.get(j), x2.get(r, j), c[r][j]));
            }
            row.sort(Comparator.comparingDouble((Prediction.Contribution k) -> -Math.abs(k.contribution()))
                    .thenComparing(Prediction.Contribution::feature));
            out.add(List.copyOf(row.subList(0, Math.min(TOP_FEATURES, row.size()))));
        }
        return out;
    }

    /** The tier-2 member with contributions and the best held-out SRC (else the largest blend weight); -1 if none. */
    static int explainedMember(RegressionModel m, Map<String, Double> memberSrc) {
        if (!(m instanceof HierarchicalModel h)) {
            return -1;
        }
        double[] w = h.blender().weights();
        int best = -1;
        for (int f = 0; f < h.fusion().size(); f++) {
            if (!h.fusion().get(f).model().hasContributions()) {
                continue;
            }
            if (best < 0 || rank(h, f, w, memberSrc) > rank(h, best, w, memberSrc)) {
                best = f;
            }
        }
        return best;
    }

    private static double rank(HierarchicalModel h, int f, double[] w, Map<String, Double> memberSrc) {
        Double src = memberSrc.get(h.fusion().get(f).spec().name());
        return src != null && !memberSrc.isEmpty() ? src : w[f];
    }
}
