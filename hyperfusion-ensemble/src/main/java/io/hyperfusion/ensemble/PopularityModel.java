package io.hyperfusion.ensemble;

import io.hyperfusion.data.Jackson;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fitted popularity predictor: the fitted feature pipeline and the model that scores its output. It is
 * what a bundle holds, what {@code predict} and the server load, and what Spark executors will load from a
 * path. Immutable and thread-safe; holds native memory until {@link #close()}.
 */
public final class PopularityModel implements AutoCloseable {
    static final String PIPELINE_DIR = "features";
    static final String MODEL_DIR = "model";
    private static final ObjectMapper JSON = Jackson.json();

    static final String ENCODERS_FILE = "encoders.json";

    private final FittedPipeline pipeline;
    private final RegressionModel model;
    private final Map<String, String> encoders;

    /**
     * @param encoders encoder id → version of the embeddings the pipeline was fitted on (empty when none);
     *                 new posts must be embedded with exactly these
     */
    public PopularityModel(FittedPipeline pipeline, RegressionModel model, Map<String, String> encoders) {
        pipeline.schema().requireSame(model.schema(), "popularity model");
        this.pipeline = pipeline;
        this.model = model;
        this.encoders = Collections.unmodifiableMap(new TreeMap<>(encoders));
    }

    /** Encoder id → version that new posts must be embedded with. */
    public Map<String, String> encoders() {
        return encoders;
    }

    /** Throws when {@code used} (id → version) differs from the encoders the model was trained with. */
    public void requireEncoders(Map<String, String> used) {
        if (!encoders.equals(new TreeMap<>(used))) {
            throw new IllegalArgumentException("the model was trained on embeddings of " + encoders
                    + " but this run computed " + new TreeMap<>(used) + "; use the same encoder models");
        }
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
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ENCODERS_FILE).toFile(), encoders);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save popularity model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #save(Path)} wrote. */
    public static PopularityModel load(Path dir) {
        FittedPipeline pipeline = FittedPipeline.load(dir.resolve(PIPELINE_DIR));
        try {
            Map<String, String> enc = JSON.readValue(dir.resolve(ENCODERS_FILE).toFile(),
                    new TypeReference<Map<String, String>>() { });
            return new PopularityModel(pipeline, ModelIO.load(dir.resolve(MODEL_DIR)), enc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model from " + dir.resolve(MODEL_DIR) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
