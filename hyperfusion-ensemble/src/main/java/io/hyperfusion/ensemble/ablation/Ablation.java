package io.hyperfusion.ensemble.ablation;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.split.Split;
import io.hyperfusion.data.split.TimeHoldout;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.hierarchy.Blender;
import io.hyperfusion.ensemble.hierarchy.FoldPlan;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
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
 * Ablation study of the ensemble: retrains without each component ({@link Variant}) and measures every variant on
 * the SAME held-out posts as the full model (the time hold-out of {@link PopularityTrainer}, refit off, so the
 * measured model is the one that never saw those posts), reporting ΔSRC against the full model with a paired
 * bootstrap interval ({@link PairedBootstrap}). Holds settings only.
 */
public final class Ablation {
    private final HierarchyConfig base;
    private final PairedBootstrap bootstrap;

    /** @param base the full configuration; its refit flag is ignored (always off) */
    public Ablation(HierarchyConfig base, PairedBootstrap bootstrap) {
        this.base = base.withRefit(false);
        this.bootstrap = bootstrap;
    }

    /** Trains the full model and every variant, in order; {@code ctx} must hold the embeddings the base needs. */
    public AblationResult run(PostDataset ds, FeatureContext ctx, List<Variant> variants, Consumer<String> log) {
        List<Post> labelled = ds.labelled();
        Split split = new TimeHoldout(base.validFraction()).split(labelled);
        List<Post> validPosts = Arrays.stream(split.valid()).mapToObj(labelled::get).toList();
        double[] y = validPosts.stream().mapToDouble(Post::label).toArray();

        log.accept("== ablation: full model");
        long t0 = System.nanoTime();
        double[] full = trainAndPredict(base, ds, ctx, validPosts, log);
        double fullSeconds = (System.nanoTime() - t0) / 1e9;
        var fullReport = Metrics.report(y, full);
        List<AblationResult.Row> rows = new ArrayList<>();
        for (Variant v : variants) {
            log.accept("== ablation: " + v.name() + " (without " + v.removes() + ")");
            long t1 = System.nanoTime();
            double[] p = v.expertBlend() ? expertBlend(v.config(), labelled, split, ctx, validPosts, log)
                    : trainAndPredict(v.config(), ds, ctx, validPosts, log);
            double seconds = (System.nanoTime() - t1) / 1e9;
            PairedBootstrap.Interval ci = bootstrap.deltaSrc(y, full, p);
            var r = Metrics.report(y, p);
            rows.add(new AblationResult.Row(v.name(), v.removes(), r.src(), r.mae(), ci.delta(), ci.low(), ci.high(),
                    seconds));
            log.accept(String.format("   SRC %.4f  ΔSRC %+.4f  [%+.4f, %+.4f]", r.src(), ci.delta(), ci.low(), ci.high()));
        }
        return new AblationResult(base.features(), fullReport.src(), fullReport.mae(), fullSeconds, y.length,
                bootstrap.resamples(), bootstrap.level(), bootstrap.seed(), base.toOptions(), rows);
    }

    /** Trains with {@link PopularityTrainer} (refit off) and predicts the held-out posts. */
    private static double[] trainAndPredict(HierarchyConfig c, PostDataset ds, FeatureContext ctx, List<Post> validPosts,
                                            Consumer<String> log) {
        PopularityTrainer.Outcome o = new PopularityTrainer(c).train(ds, ctx, Map.of(), log);
        try (var model = o.model()) {
            double[] p = model.predict(validPosts, ctx);
            double reported = o.report().validation().src();
            double measured = Metrics.src(validPosts.stream().mapToDouble(Post::label).toArray(), p);
            // The trainer measured its own hold-out; if ours differed, the variants would not share their rows.
            if (Math.abs(reported - measured) > 1e-9 || o.report().validRows() != validPosts.size()) {
                throw new IllegalStateException("the trainer's hold-out differs from the ablation's: SRC " + reported
                        + " on " + o.report().validRows() + " posts vs " + measured + " on " + validPosts.size());
            }
            return p;
        }
    }

    /**
     * The no-tier-2 variant: a non-negative blend of the tier-1 experts, fitted on their out-of-fold predictions
     * over the fitting posts, exactly as tier 3 is fitted on tier 2; features, folds and seeds as in the trainer.
     */
    static double[] expertBlend(HierarchyConfig c, List<Post> labelled, Split split, FeatureContext ctx,
                                List<Post> validPosts, Consumer<String> log) {
        Seeds seeds = new Seeds(c.seed());
        List<String> groups = FeatureGroups.parse(c.features());
        List<MemberSpec> experts = c.tier1().stream().filter(m -> m.groups().stream().anyMatch(groups::contains)).toList();
        if (experts.isEmpty()) {
            throw new IllegalArgumentException("no tier-1 expert has a feature group among " + groups);
        }
        HierarchyConfig cfg = c.withTiers(experts, c.tier2());
        List<Post> fitPosts = Arrays.stream(split.train()).mapToObj(labelled::get).toList();
        FeaturePipeline.Fit fit = cfg.pipeline().fit(fitPosts, ctx, seeds.child("features"));
        double[] y = fitPosts.stream().mapToDouble(Post::label).toArray();
        int[] folds = FoldPlan.assign(fitPosts, cfg.folds(), cfg.foldScheme(), seeds.child("folds"));
        HierarchyTrainer.Fit h = new HierarchyTrainer(cfg).fit(fit.trainMatrix(), y, null, folds,
                io.hyperfusion.ensemble.PseudoLabeler.timeRanks(fitPosts), log, io.hyperfusion.ensemble.hierarchy.FitProgress.NONE);
        try (HierarchicalModel m = h.model()) {
            Blender blend = Blender.fit(h.oofTier1(), y, null, cfg.blendRidge());
            FeatureMatrix validX = fit.pipeline().transform(validPosts, ctx);
            double[][] t1 = m.predictDetailed(validX).tier1();
            double[] out = new double[validPosts.size()];
            double[] row = new double[t1.length];
            for (int r = 0; r < out.length; r++) {
                for (int e = 0; e < t1.length; e++) {
                    row[e] = t1[e][r];
                }
                out[r] = blend.apply(row);
            }
            log.accept("   expert blend weights " + Arrays.toString(blend.weights()));
            return out;
        }
    }
}
