package io.hyperfusion.api;

import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.app.cli.PredictCommand;
import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.serve.Prediction;
import io.hyperfusion.app.serve.ServedModel;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.features.FeatureContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A trained model: a verified model bundle with its native models and encoders open. Scores posts built in code
 * exactly as the HTTP server's {@code /v1/predict} does, and data sets as {@code hyperfusion predict} does.
 * Thread-safe: {@link #predict}, {@link #explain} and {@link #advise} may be called from many threads at once (the
 * underlying {@code PopularityModel}, its native boosters and the encoders are thread-safe; the server calls them
 * so). {@link #evaluate} opens the embedding cache, a DuckDB file: run one evaluation per cache file at a time.
 * Holds native memory: close it, after the last call has returned.
 *
 * <pre>{@code
 * try (Model model = Model.load(Path.of("model"))) {
 *     double score = model.predict(HyperFusion.post("u1", "p1", Instant.now(), "sunset at the beach", List.of("sea")));
 * }
 * }</pre>
 */
public final class Model implements AutoCloseable {
    private final ServedModel served;
    private final EmbedOptions embed;
    /** A temporary folder this model owns (the bundle of {@link Trainer#train(Dataset)}), deleted on close; or null. */
    private final Path owned;

    private Model(ServedModel served, EmbedOptions embed, Path owned) {
        this.served = served;
        this.embed = embed;
        this.owned = owned;
    }

    /** Loads and verifies the bundle in {@code dir}; encoder models come from {@code $HYPERFUSION_HOME/models}. */
    public static Model load(Path dir) {
        return load(dir, null, null);
    }

    /**
     * Loads and verifies the bundle in {@code dir}.
     *
     * @param modelsDir installed encoder models, or null for the default
     * @param cacheFile embedding cache used by {@link #evaluate}, or null for the default
     * @throws IllegalArgumentException when the bundle is missing, altered, or needs encoders that are not installed
     */
    public static Model load(Path dir, Path modelsDir, Path cacheFile) {
        return open(Objects.requireNonNull(dir, "dir"), EmbedOptions.of(modelsDir, cacheFile), null);
    }

    static Model open(Path dir, EmbedOptions embed, Path owned) {
        ServedModel served = ServedModel.open(dir, new ServedModel.Settings(embed.modelsDir(), null, embed.threads(),
                40_000_000L), new PrintWriter(Writer.nullWriter()));
        return new Model(served, embed, owned);
    }

    /** The predicted popularity of one post (no image, no author profile). */
    public double predict(Post post) {
        return predict(List.of(post))[0];
    }

    /** The predicted popularity of each post, in order (no images; authors without a profile). */
    public double[] predict(List<Post> posts) {
        return predict(posts, Map.of(), Collections.nCopies(posts.size(), null));
    }

    /**
     * The predicted popularity of each post, in order.
     *
     * @param users  author profiles by user id
     * @param images per post its image file's bytes, or null for a post without an image
     * @throws IllegalArgumentException when an image cannot be decoded (the post's index is named)
     */
    public double[] predict(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images) {
        if (images.size() != posts.size()) {
            throw new IllegalArgumentException("images must hold one entry per post: " + images.size() + " for "
                    + posts.size() + " posts");
        }
        return served.predictor().scores(posts, users, images);
    }

    /**
     * The score of one post with its parts: each tier-1 expert's and tier-2 member's output, the blend weights (the
     * weighted terms plus the intercept sum to the score) and the top feature contributions (TreeSHAP) of the
     * explained member.
     */
    public Prediction explain(Post post) {
        return served.predictor().predict(List.of(post), Map.of(), Collections.singletonList(null), true).get(0);
    }

    /**
     * Posting advice for a draft: its predicted score for each hour of the week from {@code from} (best first) and
     * the score change from adding each of the most frequent training tags or removing each of its own tags.
     */
    public Advisor.Advice advise(Post draft, Instant from) {
        return new Advisor(served.predictor(), served.trainingTags()).advise(draft, Map.of(), null, from, null);
    }

    /**
     * SRC, MAE, RMSE, R² and MAPE on the labelled posts of {@code data}, scored as {@code hyperfusion predict} scores
     * a data set (embeddings through the cache, the data set's author profiles).
     *
     * @throws IllegalArgumentException when {@code data} has no labelled post
     */
    public RegressionReport evaluate(Dataset data) {
        PostDataset ds = data.posts();
        List<Post> posts = ds.labelled();
        if (posts.isEmpty()) {
            throw new IllegalArgumentException("the data set has no labelled post to evaluate on");
        }
        var model = served.predictor().model();
        FeatureContext ctx = PredictCommand.context(model, ds, posts, embed, new PrintWriter(Writer.nullWriter()));
        double[] predicted = model.predict(posts, ctx);
        double[] truth = posts.stream().mapToDouble(Post::label).toArray();
        return Metrics.report(truth, predicted);
    }

    /** {@code <first 16 hex of the manifest's SHA-256>@<created-at>}: names exactly this bundle. */
    public String id() {
        return served.modelId();
    }

    /** The bundle folder this model was loaded from. */
    public Path bundleDir() {
        return served.bundle().dir();
    }

    /**
     * Copies this model's bundle (every file the manifest's checksums cover) to {@code target}, which must not
     * exist; the copy is written next to it and renamed, so {@code target} is complete or absent.
     */
    public void save(Path target) {
        if (Files.exists(target)) {
            throw new IllegalArgumentException("model bundle target exists already: " + target);
        }
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + System.nanoTime());
        Path src = bundleDir();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, tmp.resolve(src.relativize(f).toString()));
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("cannot write the model bundle to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        served.close();
        if (owned != null) {
            deleteTree(owned);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(Comparator.reverseOrder());
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // Best effort: a temporary folder left behind is reported nowhere else and harms nothing.
        }
    }
}
