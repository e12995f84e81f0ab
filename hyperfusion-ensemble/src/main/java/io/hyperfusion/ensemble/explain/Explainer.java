package io.hyperfusion.ensemble.explain;

import io.hyperfusion.data.Post;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.RegressionModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Explains the predictions of a fitted {@link HierarchicalModel} at two levels. The tier-3 blend is linear, so a
 * score splits exactly into {@code intercept + Σ w_j · tier2_j}. Below it, the additive contributions of one tier-2
 * member, the one with the largest blend weight whose family supports them, attribute that member's output to
 * its inputs: every feature plus the tier-1 predictions ({@code tier1#visual}, ...). For the boosted trees these
 * are TreeSHAP values (Lundberg et al., "From local explanations to global understanding with explainable AI for
 * trees", Nature MI 2020); for a ridge member, its exact linear shares {@code coef · (x − mean)} (which member
 * explains is reported as {@code member}). Stateless apart from the model; thread-safe as the model is.
 */
public final class Explainer {
    private final HierarchicalModel model;
    private final int member;

    public Explainer(HierarchicalModel model) {
        this.model = model;
        this.member = chooseMember(model);
    }

    /** The explainer of a popularity model, whose model must be a hierarchy. */
    public static Explainer of(PopularityModel m) {
        if (!(m.model() instanceof HierarchicalModel h)) {
            throw new IllegalArgumentException("explanations need a hierarchical model, got family " + m.model().family());
        }
        return new Explainer(h);
    }

    /**
     * One feature's share of the explained member's output.
     *
     * @param name         feature name as in the tier-2 input, e.g. {@code user#followers} or {@code tier1#visual}
     * @param value        the feature's value for the post
     * @param contribution its TreeSHAP value
     */
    public record FeatureContribution(String name, double value, double contribution) { }

    /**
     * The explanation of one prediction.
     *
     * @param uid          author
     * @param pid          post
     * @param score        the blended prediction
     * @param tier1        expert name → its prediction
     * @param tier2        fusion member name → its prediction
     * @param blend        fusion member name → blend weight × prediction
     * @param intercept    blend intercept; {@code intercept + Σ blend = score}
     * @param explainedBy  the tier-2 member whose TreeSHAP values are in {@code topFeatures}, or null when none
     *                     supports them
     * @param topFeatures  the largest contributions by magnitude, largest first
     */
    public record Explanation(String uid, String pid, double score, Map<String, Double> tier1,
                              Map<String, Double> tier2, Map<String, Double> blend, double intercept,
                              String explainedBy, List<FeatureContribution> topFeatures) { }

    /** Name of the tier-2 member whose TreeSHAP values are reported, or null when no member has them. */
    public String explainedMember() {
        return member < 0 ? null : model.fusion().get(member).spec().name();
    }

    public HierarchicalModel model() {
        return model;
    }

    /**
     * Explains every row of {@code x} (the model's input features of {@code posts}, same order).
     *
     * @param top how many feature contributions to keep per post
     */
    public List<Explanation> explain(FeatureMatrix x, List<Post> posts, int top) {
        if (posts.size() != x.rows()) {
            throw new IllegalArgumentException("expected one post per row: " + x.rows() + " rows, " + posts.size() + " posts");
        }
        if (top < 0) {
            throw new IllegalArgumentException("top must be >= 0, got " + top);
        }
        HierarchicalModel.Detail d = model.predictDetailed(x);
        // The tier-2 input from the tier-1 outputs just computed (what tier2Input would recompute).
        FeatureMatrix x2 = member < 0 ? null
                : x.appendColumns(tier1Names(), d.tier1()).selectColumns(model.fusion().get(member).columns());
        double[][] shap = member < 0 ? null : model.fusion().get(member).model().contributions(x2);
        double[] w = model.blender().weights();
        List<Explanation> out = new ArrayList<>(posts.size());
        for (int r = 0; r < posts.size(); r++) {
            Map<String, Double> t1 = new LinkedHashMap<>();
            for (int e = 0; e < model.experts().size(); e++) {
                t1.put(model.experts().get(e).spec().name(), d.tier1()[e][r]);
            }
            Map<String, Double> t2 = new LinkedHashMap<>();
            Map<String, Double> blend = new LinkedHashMap<>();
            for (int f = 0; f < model.fusion().size(); f++) {
                String name = model.fusion().get(f).spec().name();
                t2.put(name, d.tier2()[f][r]);
                blend.put(name, w[f] * d.tier2()[f][r]);
            }
            List<FeatureContribution> feats = shap == null ? List.of() : top(x2, r, shap[r], top);
            out.add(new Explanation(posts.get(r).userId(), posts.get(r).postId(), d.score()[r], t1, t2, blend,
                    model.blender().intercept(), explainedMember(), feats));
        }
        return out;
    }

    /**
     * TreeSHAP values of the explained member on the tier-2 input of {@code x}: {@code [rows][columns + 1]},
     * bias last.
     *
     * @throws IllegalStateException when no tier-2 member supports them
     */
    public double[][] memberContributions(FeatureMatrix x) {
        if (member < 0) {
            throw new IllegalStateException("no tier-2 member of this model supports TreeSHAP contributions");
        }
        HierarchicalModel.Fusion f = model.fusion().get(member);
        return f.model().contributions(model.tier2Input(x).selectColumns(f.columns()));
    }

    private List<String> tier1Names() {
        return HierarchicalModel.tier1Names(model.experts().stream().map(HierarchicalModel.Expert::spec).toList());
    }

    /**
     * Column names the explained member reads: the features (less identifier columns), then
     * {@code tier1#<expert>}; all of the tier-2 input when no member is explained.
     */
    public List<String> tier2Names() {
        List<String> names = new ArrayList<>(model.schema().names());
        names.addAll(tier1Names());
        if (member < 0) {
            return names;
        }
        return java.util.Arrays.stream(model.fusion().get(member).columns()).mapToObj(names::get).toList();
    }

    /**
     * Global importance: mean |TreeSHAP| per tier-2 input column over the rows of {@code x}, largest first.
     */
    public Map<String, Double> meanAbsContributions(FeatureMatrix x) {
        double[][] c = memberContributions(x);
        List<String> names = tier2Names();
        double[] sum = new double[names.size()];
        for (double[] row : c) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += Math.abs(row[j]);
            }
        }
        Integer[] order = IntStream.range(0, sum.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -sum[j]).thenComparing(j -> names.get(j)));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j : order) {
            out.put(names.get(j), c.length == 0 ? 0.0 : sum[j] / c.length);
        }
        return out;
    }

    private static List<FeatureContribution> top(FeatureMatrix x2, int row, double[] shap, int k) {
        int cols = x2.cols();
        Integer[] order = IntStream.range(0, cols).boxed().toArray(Integer[]::new);
        // Largest magnitude first; ties by column index so the list is reproducible.
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(shap[j])).thenComparingInt(j -> j));
        List<FeatureContribution> out = new ArrayList<>(Math.min(k, cols));
        for (int i = 0; i < Math.min(k, cols); i++) {
            int j = order[i];
            out.add(new FeatureContribution(x2.schema().name(j), x2.get(row, j), shap[j]));
        }
        return out;
    }

    /** The TreeSHAP-capable fusion member with the largest blend weight (first on ties), or -1. */
    static int chooseMember(HierarchicalModel m) {
        double[] w = m.blender().weights();
        int best = -1;
        for (int f = 0; f < m.fusion().size(); f++) {
            RegressionModel rm = m.fusion().get(f).model();
            if (rm.hasContributions() && (best < 0 || w[f] > w[best])) {
                best = f;
            }
        }
        return best;
    }
}
