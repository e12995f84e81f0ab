package io.hyperfusion.app.report;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.ensemble.TrainReport;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.explain.Explainer;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.bundle.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the HTML report shows, computed once from a model bundle and a set of scored posts with true labels.
 *
 * @param title        report title
 * @param source       what the evaluated posts are, said on every plot built from them
 * @param honest       false when the evaluated posts were seen in training (the plots then carry a warning)
 * @param posts        the evaluated posts
 * @param truth        their true labels
 * @param predicted    the model's scores
 * @param metrics      metrics of {@code predicted} against {@code truth}
 * @param categories   category → (posts, SRC), categories with at least {@link #MIN_CATEGORY_POSTS} posts
 * @param importance   tier-2 input column → mean |TreeSHAP| of {@code explainedBy}, largest first
 * @param explainedBy  the tier-2 member whose TreeSHAP values are shown, or null
 * @param tiers        one row per tier-3 input
 * @param intercept    the blend's intercept
 * @param train        the bundle's training report
 * @param config       the run configuration
 * @param manifest     the bundle's manifest (provenance)
 * @param pseudoLabels pseudo-labelled posts in the final model
 */
public record ReportData(String title, String source, boolean honest, List<Post> posts, double[] truth,
                         double[] predicted, RegressionReport metrics, Map<String, CategoryScore> categories,
                         Map<String, Double> importance, String explainedBy, List<TierInput> tiers, double intercept,
                         TrainReport train, HierarchyConfig config, Manifest manifest, long pseudoLabels) {

    /** Categories with fewer evaluated posts get no SRC bar: a rank correlation of a handful of posts is noise. */
    public static final int MIN_CATEGORY_POSTS = 15;

    /**
     * SRC within one category.
     *
     * @param posts evaluated posts in it
     * @param src   Spearman correlation of predicted and true scores among them
     */
    public record CategoryScore(int posts, double src) { }

    /**
     * One tier-3 input (a tier-2 member).
     *
     * @param name           member name
     * @param weight         blend weight
     * @param meanAbs        mean |weight × output| over the evaluated posts
     * @param meanAbsCentred mean |weight × (output − its mean)|: how much the member moves scores between posts
     */
    public record TierInput(String name, double weight, double meanAbs, double meanAbsCentred) { }

    /**
     * Computes the report's figures.
     *
     * @param x the model's features of {@code posts}
     */
    public static ReportData compute(String title, String source, boolean honest, List<Post> posts, double[] truth,
                                     FeatureMatrix x, Explainer explainer, TrainReport train, HierarchyConfig config,
                                     Manifest manifest, long pseudoLabels) {
        if (posts.size() != truth.length || posts.size() != x.rows()) {
            throw new IllegalArgumentException("expected one label and one feature row per post: " + posts.size()
                    + " posts, " + truth.length + " labels, " + x.rows() + " rows");
        }
        HierarchicalModel h = explainer.model();
        HierarchicalModel.Detail d = h.predictDetailed(x);
        double[] predicted = d.score();
        Map<String, List<Integer>> byCat = new TreeMap<>();
        for (int i = 0; i < posts.size(); i++) {
            String c = posts.get(i).category() == null ? "(none)" : posts.get(i).category();
            byCat.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
        }
        Map<String, CategoryScore> cats = new LinkedHashMap<>();
        byCat.forEach((c, idx) -> {
            if (idx.size() >= MIN_CATEGORY_POSTS) {
                double[] t = idx.stream().mapToDouble(i -> truth[i]).toArray();
                double[] p = idx.stream().mapToDouble(i -> predicted[i]).toArray();
                cats.put(c, new CategoryScore(idx.size(), Metrics.src(t, p)));
            }
        });
        Map<String, Double> importance = explainer.explainedMember() == null ? Map.of() : explainer.meanAbsContributions(x);
        double[] w = h.blender().weights();
        List<TierInput> tiers = new ArrayList<>();
        for (int f = 0; f < w.length; f++) {
            double[] out = d.tier2()[f];
            double mean = java.util.Arrays.stream(out).average().orElse(0);
            double abs = 0;
            double centred = 0;
            for (double v : out) {
                abs += Math.abs(w[f] * v);
                centred += Math.abs(w[f] * (v - mean));
            }
            tiers.add(new TierInput(h.fusion().get(f).spec().name(), w[f], abs / out.length, centred / out.length));
        }
        return new ReportData(title, source, honest, posts, truth, predicted, Metrics.report(truth, predicted), cats,
                importance, explainer.explainedMember(), tiers, h.blender().intercept(), train, config, manifest,
                pseudoLabels);
    }
}
