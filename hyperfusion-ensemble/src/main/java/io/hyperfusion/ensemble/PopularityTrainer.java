package io.hyperfusion.ensemble;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.Seeds;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.data.split.Split;
import io.hyperfusion.data.split.TimeHoldout;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeaturePipeline;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.lightgbm.LightGbmModel;
import io.hyperfusion.models.lightgbm.LightGbmTrainer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains the metadata expert end to end, honestly:
 * <ol>
 *   <li>hold out the latest {@code validFraction} of labelled posts (time order, as the SMP test split is);</li>
 *   <li>fit the feature pipeline on the rest, train LightGBM with early stopping on the held-out posts, and
 *       measure the held-out metrics;</li>
 *   <li>refit the pipeline on all labelled posts and train the final model for the early-stopped number of
 *       rounds scaled by the data it gained.</li>
 * </ol>
 * Holds settings only; safe to reuse.
 */
public final class PopularityTrainer {
    private final TrainConfig config;

    public PopularityTrainer(TrainConfig config) {
        this.config = config;
    }

    public TrainConfig config() {
        return config;
    }

    /** A trained model and what the run measured. */
    public record Outcome(PopularityModel model, TrainReport report) { }

    /** Trains on the labelled part of {@code ds} without embeddings; {@code log} receives one line per step. */
    public Outcome train(PostDataset ds, Consumer<String> log) {
        return train(ds, FeatureContext.of(ds), Map.of(), log);
    }

    /**
     * Trains on the labelled part of {@code ds}.
     *
     * @param ctx      profiles, corpus and the posts' embeddings
     * @param encoders encoder id → version of those embeddings, recorded in the model
     */
    public Outcome train(PostDataset ds, FeatureContext ctx, Map<String, String> encoders, Consumer<String> log) {
        long t0 = System.nanoTime();
        List<Post> labelled = ds.labelled();
        if (labelled.size() < 20) {
            throw new IllegalArgumentException("need at least 20 labelled posts to train, got " + labelled.size());
        }
        Seeds seeds = new Seeds(config.seed());
        FeaturePipeline pipeline = FeatureGroups.select(config.features());

        Split split = new TimeHoldout(config.validFraction()).split(labelled);
        List<Post> fitPosts = pick(labelled, split.train());
        List<Post> validPosts = pick(labelled, split.valid());
        log.accept(String.format("held-out fit: %,d posts, validation: %,d latest posts", fitPosts.size(), validPosts.size()));

        FeaturePipeline.Fit heldOut = pipeline.fit(fitPosts, ctx, seeds.child("features"));
        FeatureMatrix validX = heldOut.pipeline().transform(validPosts, ctx);
        double[] validY = labels(validPosts);
        LightGbmTrainer trainer = new LightGbmTrainer(config.lightgbm(), seeds.child("lightgbm"), config.threads());
        RegressionReport validation;
        int best;
        try (LightGbmModel m = trainer.train(new TrainingData(heldOut.trainMatrix(), labels(fitPosts), null, validX, validY))) {
            validation = Metrics.report(validY, m.predict(validX));
            best = Math.max(1, m.bestIteration());
        }
        log.accept(String.format("held-out SRC %.4f  MAE %.4f  (best iteration %d)", validation.src(), validation.mae(), best));

        int finalRounds = (int) Math.ceil(best * (double) labelled.size() / fitPosts.size());
        FeaturePipeline.Fit full = pipeline.fit(labelled, ctx, seeds.child("features"));
        LightGbmTrainer finalTrainer = new LightGbmTrainer(config.lightgbm().toBuilder()
                .numIterations(finalRounds).earlyStoppingRounds(0).build(), seeds.child("lightgbm"), config.threads());
        LightGbmModel finalModel = finalTrainer.train(TrainingData.of(full.trainMatrix(), labels(labelled)));
        log.accept(String.format("final model: %,d posts, %d rounds, %d features", labelled.size(), finalRounds,
                full.pipeline().schema().size()));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Outcome(new PopularityModel(full.pipeline(), finalModel, encoders),
                new TrainReport(fitPosts.size(), validPosts.size(), validation, best, labelled.size(), finalRounds, millis));
    }

    static List<Post> pick(List<Post> posts, int[] idx) {
        return Arrays.stream(idx).mapToObj(posts::get).toList();
    }

    static double[] labels(List<Post> posts) {
        return posts.stream().mapToDouble(Post::label).toArray();
    }
}
