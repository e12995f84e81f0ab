package io.hyperfusion.ensemble.suite;

import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The strong simple baselines the suite measures every configuration against, on the same features as the
 * configuration under test (so a difference is the ensemble's, not the features'):
 * <ul>
 *   <li><b>lgbm-tuned</b>: one LightGBM, early-stopped on the latest 10% of its training rows, with
 *       {@code num_leaves} and {@code min_data_in_leaf} chosen from a grid by the SRC of the trainer's own time
 *       hold-out inside the training posts (never the window it is then scored on), refitted on all of them;</li>
 *   <li><b>lgbm+xgb</b>: the plain average of the default LightGBM and XGBoost members, no experts, no
 *       pseudo-labels.</li>
 * </ul>
 */
public final class Baselines {
    public static final String TUNED = "lgbm-tuned";
    public static final String PAIR = "lgbm+xgb";

    private static final int[] LEAVES = {7, 15, 31, 63};
    private static final int[] MIN_LEAF = {10, 40};

    private Baselines() {
    }

    /** The plain LightGBM + XGBoost average with {@code like}'s features, folds and seed. */
    public static HierarchyConfig pair(HierarchyConfig like) {
        HierarchyConfig d = HierarchyConfig.defaults(like.seed());
        // Exactly the default's LightGBM and XGBoost members, whatever else the defaults hold, so the baseline stays
        // the same two models when a default member is added or removed.
        List<MemberSpec> t2 = d.tier2().stream()
                .filter(m -> m.family().equals("lightgbm") || m.family().equals("xgboost")).toList();
        if (t2.size() != 2) {
            throw new IllegalStateException("the lgbm+xgb baseline expects one LightGBM and one XGBoost default member, "
                    + "got " + t2);
        }
        return like.withTiers(List.of(), t2).withBlend("mean").withPseudo(PseudoLabelSpec.off()).withRefit(true);
    }

    /** One LightGBM with the given leaves and minimum leaf size, early-stopped, with {@code like}'s features. */
    public static HierarchyConfig lightgbm(HierarchyConfig like, int leaves, int minLeaf) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("num_iterations", 2000);
        o.put("early_stopping_rounds", 100);
        o.put("learning_rate", 0.03);
        o.put("num_leaves", leaves);
        o.put("min_data_in_leaf", minLeaf);
        o.put("feature_fraction", 0.7);
        o.put("bagging_fraction", 0.8);
        o.put("bagging_freq", 1);
        o.put("lambda_l2", 1.0);
        return like.withTiers(List.of(), List.of(new MemberSpec("lgbm", "lightgbm", List.of(), o))).withBlend("mean")
                .withPseudo(PseudoLabelSpec.off()).withRefit(true);
    }

    /**
     * The tuned single LightGBM for a run: every grid point is trained with refit off on {@code train} and scored on
     * the trainer's own time hold-out inside it; the best is returned (refit on).
     */
    public static HierarchyConfig tuned(HierarchyConfig like, PostDataset train, FeatureContext ctx, Consumer<String> log) {
        HierarchyConfig best = null;
        double bestSrc = Double.NEGATIVE_INFINITY;
        List<String> tried = new ArrayList<>();
        for (int leaves : LEAVES) {
            for (int minLeaf : MIN_LEAF) {
                HierarchyConfig c = lightgbm(like, leaves, minLeaf);
                PopularityTrainer.Outcome o = new PopularityTrainer(c.withRefit(false)).train(train, ctx, Map.of(), s -> { });
                double src = o.report().validation().src();
                o.model().close();
                tried.add(String.format("%d/%d: %.4f", leaves, minLeaf, src));
                if (src > bestSrc) {
                    bestSrc = src;
                    best = c;
                }
            }
        }
        log.accept("  lgbm-tuned grid (num_leaves/min_data_in_leaf: inner hold-out SRC) " + String.join(", ", tried));
        return best;
    }
}
