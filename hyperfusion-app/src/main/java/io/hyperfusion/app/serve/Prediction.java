package io.hyperfusion.app.serve;

import java.util.List;
import java.util.Map;

/**
 * The server's answer for one post: the score, every tier's output when the model is a hierarchy, and the
 * largest feature contributions of one tier-2 member.
 *
 * @param score       the popularity score, exactly what {@code hyperfusion predict} writes for the post
 * @param tiers       tier outputs, or null when the model is not a hierarchy
 * @param topFeatures contributions by decreasing |value| (at most {@link Predictor#TOP_FEATURES}), empty when no
 *                    member supports them or explanations were not asked for
 */
public record Prediction(double score, Tiers tiers, List<Contribution> topFeatures) {

    public Prediction {
        topFeatures = List.copyOf(topFeatures);
    }

    /**
     * Every tier's output for one post.
     *
     * @param tier1     expert name → prediction
     * @param tier2     fusion member name → prediction
     * @param weights   fusion member name → blend weight
     * @param weighted  fusion member name → weight × prediction
     * @param intercept the blend's bias; score = intercept + Σ weighted
     */
    public record Tiers(Map<String, Double> tier1, Map<String, Double> tier2, Map<String, Double> weights,
                        Map<String, Double> weighted, double intercept) { }

    /**
     * One feature's additive contribution (TreeSHAP) to a tier-2 member's prediction.
     *
     * @param member  the tier-2 member explained
     * @param feature the column name, e.g. {@code time#hour} or {@code tier1#visual}
     * @param value   the feature's value for this post (NaN when missing)
     * @param contribution its contribution to the member's prediction
     */
    public record Contribution(String member, String feature, double value, double contribution) { }
}
