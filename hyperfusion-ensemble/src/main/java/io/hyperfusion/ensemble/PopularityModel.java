package io.hyperfusion.ensemble;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FittedPipeline;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fitted popularity predictor: the fitted feature pipeline and the model that scores its output. It is
 * what a bundle holds, what {@code predict} and the server load, and what Spark executors will load from a
 * path. Immutable and thread-safe; holds native memory until {@link #close()}.
 */
public final class PopularityModel implements AutoCloseable {
    static final String PIPELINE_DIR = "features";
    static final String MODEL_DIR = "model";

    private final FittedPipeline pipeline;
    private final RegressionModel model;

    public PopularityModel(FittedPipeline pipeline, RegressionModel model) {
        pipeline.schema().requireSame(model.schema(), "popularity model");
        this.pipeline = pipeline;
        this.model = model;
    }

    public FittedPipeline pipeline() {
        return pipeline;
    }

    public RegressionModel model() {
        return model;
    }

    /** The features of {@code posts}, as the model sees them. */
    public FeatureMatrix features(List<Post> posts, FeatureContext ctx) {
        return pipeline.transform(posts, ctx);
    }

    /** One popularity score per post, in order. */
    public double[] predict(List<Post> posts, FeatureContext ctx) {
        if (posts.isEmpty()) {
            return new double[0];
        }
        return model.predict(features(posts, ctx));
    }

    /** Writes the pipeline and the model into {@code dir} (two sub-folders). */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir.resolve(PIPELINE_DIR));
            pipeline.save(dir.resolve(PIPELINE_DIR));
            model.save(dir.resolve(MODEL_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save popularity model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #save(Path)} wrote. */
    public static PopularityModel load(Path dir) {
        FittedPipeline pipeline = FittedPipeline.load(dir.resolve(PIPELINE_DIR));
        try {
            return new PopularityModel(pipeline, ModelIO.load(dir.resolve(MODEL_DIR)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model from " + dir.resolve(MODEL_DIR) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
