package io.hyperfusion.ensemble.suite;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one configuration on one validation window exactly as a user runs {@code train} then {@code predict}: the
 * posts before the window are the labelled data (the trainer makes its own hold-out inside them, decides
 * pseudo-labels on its inner split and refits, per the configuration), the window's posts are the unlabelled
 * test period (their labels removed, so pseudo-labelling may use their features and nothing else), and the final
 * model predicts them. Posts after the window are not part of the run at all. Stateless.
 */
public final class SuiteRunner {

    private SuiteRunner() {
    }

    /**
     * What one run produced.
     *
     * @param posts       the window's posts, labels included (for scoring)
     * @param predictions one per post
     * @param seconds     wall time of training and prediction
     */
    public record Outcome(List<Post> posts, double[] predictions, double seconds) { }

    /**
     * The data of one run.
     *
     * @param data   the posts before the window (labelled) and the window's posts without labels (unlabelled)
     * @param ctx    the feature context whose corpus is exactly those posts
     * @param window the window's posts with their labels, for scoring only
     */
    public record Subset(PostDataset data, FeatureContext ctx, List<Post> window) { }

    /** The run data of window {@code w} of {@code ds}. */
    public static Subset subset(PostDataset ds, FeatureContext ctx, ValidationWindows.Window w) {
        List<Post> labelled = ds.labelled();
        List<Post> train = pick(labelled, w.train());
        List<Post> window = pick(labelled, w.valid());
        List<Post> pool = window.stream().map(p -> p.withLabel(null)).toList();
        PostDataset sub = new PostDataset(ds.root(), train, pool, ds.users(), ds.summary());
        List<Post> corpus = new ArrayList<>(train);
        corpus.addAll(pool);
        return new Subset(sub, new FeatureContext(ctx.users(), ctx.imageRoot(), ctx.embeddings(), corpus), window);
    }

    /** Trains {@code config} on the subset's labelled posts and predicts its window. */
    public static Outcome run(HierarchyConfig config, Subset s, Consumer<String> log) {
        long t0 = System.nanoTime();
        PopularityTrainer.Outcome o = new PopularityTrainer(config).train(s.data(), s.ctx(), Map.of(), log);
        try (PopularityModel model = o.model()) {
            double[] p = model.predict(s.data().unlabelled(), s.ctx());
            return new Outcome(s.window(), p, (System.nanoTime() - t0) / 1e9);
        }
    }

    static List<Post> pick(List<Post> posts, int[] idx) {
        return Arrays.stream(idx).mapToObj(posts::get).toList();
    }
}
