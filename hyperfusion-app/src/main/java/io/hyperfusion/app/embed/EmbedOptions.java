package io.hyperfusion.app.embed;

import io.hyperfusion.features.encode.mobilenet.MobileNetPrecision;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where models and the embedding cache live, and how embeddings are computed. */
public final class EmbedOptions {

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Installed encoder models (default: $HYPERFUSION_HOME/models, HYPERFUSION_HOME defaulting to the working folder).")
    Path modelsDir;

    @Option(names = "--cache", paramLabel = "FILE",
            description = "Embedding cache, a DuckDB file (default: $HYPERFUSION_CACHE, else $HYPERFUSION_HOME/cache/embeddings.duckdb).")
    Path cache;

    @Option(names = "--clip-model", paramLabel = "DIR",
            description = "A CLIP export (vision.onnx, text.onnx, vocab.json, merges.txt, optional clip.json): adds CLIP's "
                    + "joint image-text embeddings (see docs/CLIP.md).")
    Path clipModel;

    @Option(names = "--embed-batch", defaultValue = "32", paramLabel = "N",
            description = "Images or texts encoded and committed to the cache per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--embed-threads", paramLabel = "N", description = "Encoder threads (default: min(2, cores)).")
    Integer threads;

    @Option(names = "--image-precision", paramLabel = "fp32|int8", defaultValue = "fp32",
            description = "MobileNetV2 arithmetic: fp32, or int8 (a data-free quantised copy derived from the installed "
                    + "model; about 1.6x the images per CPU second, features within 0.99 cosine; cached and trained "
                    + "as a different encoder; predict and serve follow the model's own). Default: ${DEFAULT-VALUE}.")
    String imagePrecision = "fp32";

    /**
     * Options for a program that is not the command line (the {@code io.hyperfusion.api} facade): the same defaults
     * as the options' (batch 32, min(2, cores) threads, no CLIP).
     *
     * @param modelsDir installed encoder models, or null for {@code $HYPERFUSION_HOME/models}
     * @param cacheFile the embedding cache (DuckDB file), or null for the default
     */
    public static EmbedOptions of(Path modelsDir, Path cacheFile) {
        EmbedOptions o = new EmbedOptions();
        o.modelsDir = modelsDir;
        o.cache = cacheFile;
        o.batch = 32;
        return o;
    }

    /** The folder that holds models/ and cache/ by default. */
    public static Path home() {
        String h = System.getenv("HYPERFUSION_HOME");
        return Path.of(h == null || h.isBlank() ? "." : h).toAbsolutePath().normalize();
    }

    public Path modelsDir() {
        return modelsDir != null ? modelsDir : home().resolve("models");
    }

    public Path cacheFile() {
        if (cache != null) {
            return cache;
        }
        String env = System.getenv("HYPERFUSION_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : home().resolve("cache").resolve("embeddings.duckdb");
    }

    /** The CLIP folder, or null. */
    public Path clipModel() {
        return clipModel;
    }

    public int batch() {
        if (batch < 1) {
            throw new IllegalArgumentException("--embed-batch must be >= 1, got " + batch);
        }
        return batch;
    }

    /** A copy with the given image precision (what a trained model's recorded encoder version says). */
    public EmbedOptions withImagePrecision(MobileNetPrecision precision) {
        EmbedOptions o = new EmbedOptions();
        o.modelsDir = modelsDir;
        o.cache = cache;
        o.clipModel = clipModel;
        o.batch = batch;
        o.threads = threads;
        o.imagePrecision = precision.label();
        return o;
    }

    /** The image encoder's precision. */
    public MobileNetPrecision imagePrecision() {
        return MobileNetPrecision.parse(imagePrecision);
    }

    public int threads() {
        int t = threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors());
        if (t < 1) {
            throw new IllegalArgumentException("--embed-threads must be >= 1, got " + t);
        }
        return t;
    }
}
