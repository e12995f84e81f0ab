package io.hyperfusion.ensemble;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.data.split.Split;
import io.hyperfusion.data.split.TimeHoldout;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.hierarchy.FoldPlan;
import io.hyperfusion.ensemble.hierarchy.HierarchyTrainer;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeaturePipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains HyperFusion end to end, honestly:
 * <ol>
 *   <li>hold out the latest {@code validFraction} of labelled posts (time order, like the SMP test split);</li>
 *   <li>fit the feature pipeline and the three tiers on the rest (out-of-fold at every tier) and measure every
 *       member and tier on the held-out posts (the leaderboard);</li>
 *   <li>two-stage training: pseudo-label the unlabelled posts the members agree on, retrain, keep the round
 *       only if the SRC of an inner time split of the fitting posts improves, up to K rounds
 *       ({@link PseudoLabeler}); the hold-out of step 1 never decides anything; no test label is read;</li>
 *   <li>refit the pipeline and the hierarchy on all labelled posts and repeat the accepted rounds.</li>
 * </ol>
 * Holds settings only; safe to reuse.
 */
public final class PopularityTrainer {
    private final HierarchyConfig config;
    private final PseudoLabeler.StageProgress progress;
    private final HierarchyTrainer.TrainerFactory members;

    public PopularityTrainer(HierarchyConfig config) {
        this(config, PseudoLabeler.StageProgress.NONE);
    }

    /** A trainer reporting the progress of every hierarchy fit (for progress bars). */
    public PopularityTrainer(HierarchyConfig config, PseudoLabeler.StageProgress progress) {
        this(config, progress, HierarchyTrainer.REGISTERED);
    }

    /** As above, with the members' trainers from {@code members} instead of the registered families. */
    public PopularityTrainer(HierarchyConfig config, PseudoLabeler.StageProgress progress,
                             HierarchyTrainer.TrainerFactory members) {
        this.config = config;
        this.progress = progress;
        this.members = members;
    }

    public HierarchyConfig config() {
        return config;
    }

    /**
     * A trained model, what the run measured, and the pseudo-labels of the final fit.
     *
     * @param pseudoLabels the pseudo-labelled posts of the final model, per accepted round
     */
    public record Outcome(PopularityModel model, TrainReport report, List<PseudoLabeler.Label> pseudoLabels) { }

    /** Trains without embeddings. */
    public Outcome train(PostDataset ds, Consumer<String> log) {
        return train(ds, FeatureContext.of(ds), Map.of(), log);
    }

    /**
     * Trains on the labelled part of {@code ds}; the unlabelled part is the pseudo-label pool.
     *
     * @param ctx      profiles, corpus and the posts' embeddings
     * @param encoders encoder id → version of those embeddings, recorded in the model
     */
    public Outcome train(PostDataset ds, FeatureContext ctx, Map<String, String> encoders, Consumer<String> log) {
        long t0 = System.nanoTime();
        List<Post> labelled = ds.labelled();
        if (labelled.size() < 50) {
            throw new IllegalArgumentException("need at least 50 labelled posts to train, got " + labelled.size());
        }
        Seeds seeds = new Seeds(config.seed());
        FeaturePipeline pipeline = config.pipeline();
        HierarchyConfig cfg = withoutMissingExperts(config, FeatureGroups.parse(config.features()), log);

        Split split = new TimeHoldout(cfg.validFraction()).split(labelled);
        List<Post> fitPosts = pick(labelled, split.train());
        List<Post> validPosts = pick(labelled, split.valid());
        log.accept(String.format("hold-out: fit on %,d posts, measure on the latest %,d", fitPosts.size(), validPosts.size()));
        FeaturePipeline.Fit heldOut = pipeline.fit(fitPosts, ctx, seeds.child("features"));
        FeatureMatrix validX = heldOut.pipeline().transform(validPosts, ctx);
        double[] validY = labels(validPosts);
        List<Post> pool = ds.unlabelled();
        FeatureMatrix poolX = pool.isEmpty() ? null : heldOut.pipeline().transform(pool, ctx);

        PseudoLabeler labeler = new PseudoLabeler(cfg, log, progress, members);
        PseudoLabeler.Run measured = labeler.run(heldOut.trainMatrix(), labels(fitPosts), fitPosts, poolX, pool, -1);
        Leaderboard board = leaderboard(measured.stage1(), validX, validY);
        RegressionReport stage1 = Metrics.report(validY, measured.stage1().model().predict(validX));
        RegressionReport finalValid = Metrics.report(validY, measured.best().model().predict(validX));
        log.accept("leaderboard (held-out, stage 1):\n" + board.render().stripTrailing());
        log.accept(String.format("blend held-out SRC %.4f (stage 1) → %.4f with the %d pseudo-label round(s) the inner "
                + "split accepted", stage1.src(), finalValid.src(), measured.accepted()));

        PopularityModel model;
        List<PseudoLabeler.Label> labels;
        int finalRows;
        if (cfg.refit()) {
            io.hyperfusion.ensemble.hierarchy.Blender keptBlend = measured.best().model().blender();
            measured.best().model().close();
            measured.stage1().model().close();
            log.accept(String.format("refit on all %,d labelled posts", labelled.size()));
            FeaturePipeline.Fit full = pipeline.fit(labelled, ctx, seeds.child("features"));
            FeatureMatrix poolAll = pool.isEmpty() ? null : full.pipeline().transform(pool, ctx);
            // "reuse": the measured hierarchy's blend is kept, so the refit fits each tier-2 member once, not K + 1 times.
            PseudoLabeler.Run fin = labeler.run(full.trainMatrix(), labels(labelled), labelled, poolAll, pool,
                    measured.accepted(), cfg.refitBlend().equals("reuse") ? keptBlend : null);
            if (fin.best() != fin.stage1()) {
                fin.stage1().model().close();
            }
            model = new PopularityModel(full.pipeline(), fin.best().model(), encoders);
            labels = fin.labels();
            finalRows = labelled.size();
        } else {
            if (measured.best() != measured.stage1()) {
                measured.stage1().model().close();
            }
            model = new PopularityModel(heldOut.pipeline(), measured.best().model(), encoders);
            labels = measured.labels();
            finalRows = fitPosts.size();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        TrainReport report = new TrainReport(fitPosts.size(), validPosts.size(), finalValid, stage1, board,
                measured.rounds(), finalRows, millis);
        return new Outcome(model, report, labels);
    }

    /** Held-out SRC/MAE of every member and of the blend of a fitted hierarchy. */
    static Leaderboard leaderboard(HierarchyTrainer.Fit fit, FeatureMatrix validX, double[] validY) {
        return Leaderboard.of(fit.model(), validX, validY, fit.seconds());
    }

    /** Drops tier-1 experts whose every feature group is switched off, saying so. */
    static HierarchyConfig withoutMissingExperts(HierarchyConfig c, List<String> groups, Consumer<String> log) {
        List<MemberSpec> kept = new ArrayList<>();
        for (MemberSpec m : c.tier1()) {
            if (m.groups().stream().anyMatch(groups::contains)) {
                kept.add(m);
            } else {
                log.accept("tier-1 expert '" + m.name() + "' dropped: its groups " + m.groups() + " are switched off");
            }
        }
        return c.withTiers(kept, c.tier2());
    }

    static List<Post> pick(List<Post> posts, int[] idx) {
        return Arrays.stream(idx).mapToObj(posts::get).toList();
    }

    static double[] labels(List<Post> posts) {
        return posts.stream().mapToDouble(Post::label).toArray();
    }

    /** The shared fold plan of a set of rows. */
    static int[] folds(List<Post> posts, HierarchyConfig c) {
        return FoldPlan.assign(posts, c.folds(), c.foldScheme(), new Seeds(c.seed()).child("folds"));
    }
}
