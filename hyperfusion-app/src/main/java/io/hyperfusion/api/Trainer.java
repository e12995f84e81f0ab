package io.hyperfusion.api;

import io.hyperfusion.app.cli.TrainGate;
import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.app.io.InputFiles;
import io.hyperfusion.app.page.TrainingSummary;
import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.LabelCheck;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fits the hierarchical ensemble exactly as {@code hyperfusion train} does: absurd labels skipped
 * ({@link LabelCheck#auto()}), embeddings computed through the cache when the configuration's feature groups read
 * them, the hierarchy trained, the result checked (a model that predicts a constant is refused) and written as a
 * verified model bundle. Immutable: each {@code with...} returns a new trainer; one trainer may train many times.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.of(HierarchyConfig.load(Path.of("configs/lightgbm-only.json"))).withSeed(7);
 * try (Model model = trainer.train(Dataset.read(Path.of("world"), "smpd-image"))) {
 *     model.save(Path.of("model"));
 * }
 * }</pre>
 */
public final class Trainer {
    private final HierarchyConfig config;
    private final Path modelsDir;
    private final Path cacheFile;
    private final PrintWriter log;

    private Trainer(HierarchyConfig config, Path modelsDir, Path cacheFile, PrintWriter log) {
        this.config = Objects.requireNonNull(config, "config");
        this.modelsDir = modelsDir;
        this.cacheFile = cacheFile;
        this.log = log;
    }

    /** The default ensemble ({@link HierarchyConfig#defaults(long)}) with this seed. */
    public static Trainer defaults(long seed) {
        return of(HierarchyConfig.defaults(seed));
    }

    /** A trainer with this configuration (from code, or {@link HierarchyConfig#load(Path)} for a JSON file). */
    public static Trainer of(HierarchyConfig config) {
        return new Trainer(config, null, null, new PrintWriter(Writer.nullWriter()));
    }

    /** The same trainer with another seed (every member's and the fold plan's). */
    public Trainer withSeed(long seed) {
        return new Trainer(config.withSeed(seed), modelsDir, cacheFile, log);
    }

    /** Installed encoder models (default {@code $HYPERFUSION_HOME/models}); the image model is installed when absent. */
    public Trainer withModelsDir(Path dir) {
        return new Trainer(config, dir, cacheFile, log);
    }

    /** The embedding cache, a DuckDB file (default {@code $HYPERFUSION_CACHE} or {@code $HYPERFUSION_HOME/cache}). */
    public Trainer withCacheFile(Path file) {
        return new Trainer(config, modelsDir, file, log);
    }

    /** Where the training log goes (per-stage lines, embedding rates); silent by default. */
    public Trainer withLog(PrintWriter out) {
        return new Trainer(config, modelsDir, cacheFile, Objects.requireNonNull(out, "out"));
    }

    /** The configuration trained. */
    public HierarchyConfig config() {
        return config;
    }

    /**
     * Trains on {@code data}'s labelled posts; the bundle lives in a temporary folder until {@link Model#save} copies
     * it and is deleted by {@link Model#close()}.
     *
     * @throws IllegalArgumentException when the data or labels cannot train a model (the reason is named)
     */
    public Model train(Dataset data) {
        Path dir;
        try {
            dir = Files.createTempDirectory("hyperfusion-model");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the model bundle", e);
        }
        try {
            return Model.open(write(data, dir.resolve("bundle")), options(), dir);
        } catch (RuntimeException e) {
            Model.deleteTree(dir);
            throw e;
        }
    }

    /** Trains on {@code data}'s labelled posts and writes the bundle to {@code bundleDir} (replaced atomically). */
    public Model train(Dataset data, Path bundleDir) {
        return Model.open(write(data, bundleDir), options(), null);
    }

    private EmbedOptions options() {
        return EmbedOptions.of(modelsDir, cacheFile);
    }

    /** TrainCommand's sequence, without its progress bars and printing. */
    private Path write(Dataset data, Path out) {
        PostDataset ds = LabelCheck.auto().apply(data.posts(), BadRowPolicy.SKIP);
        Map<String, String> encoders = new TreeMap<>();
        FeatureContext ctx = EmbeddingRun.context(ds, FeatureGroups.parse(config.features()), options(), encoders, log);
        PopularityTrainer.Outcome o = new PopularityTrainer(config)
                .train(ds, ctx, encoders, line -> {
                    log.println(line);
                    log.flush();
                });
        try (var model = o.model()) {
            TrainGate.check(model, o.report(), ds, ctx);
            List<String> tags = ds.labelled().stream().flatMap(p -> p.tags().stream()).toList();
            PopularityBundle.save(out, model, config, o.report(), o.pseudoLabels(),
                    InputFiles.of(ds.root(), ds.summary().rows()), tags, TrainingSummary.of(ds).files());
        }
        return out;
    }
}
