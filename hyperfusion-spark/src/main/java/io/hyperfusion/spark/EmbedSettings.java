package io.hyperfusion.spark;

import java.io.Serializable;

/**
 * How executors embed posts; shipped to them with every task, so it is small and serialisable.
 *
 * @param modelsDir folder with the installed image model ({@code mobilenetv2-nsfwjs/}), readable on every
 *                  executor; may be null when {@code images} is false
 * @param cacheDir  folder for the embedding caches, one DuckDB file per executor:
 *                  {@code embeddings-<executor id>.duckdb} (DuckDB allows one writing process per file)
 * @param images    run the image encoder (MobileNetV2 features, NSFW probabilities, image statistics)
 * @param texts     run the text encoder (MiniLM, on titles and tags)
 * @param threads   encoder threads per executor JVM (ONNX Runtime intra-op threads, MiniLM parallelism)
 * @param batch     items encoded and committed to the cache per batch
 * @param imagePrecision MobileNetV2 arithmetic, {@code fp32} or {@code int8} (see {@code MobileNetInt8})
 */
public record EmbedSettings(String modelsDir, String cacheDir, boolean images, boolean texts, int threads,
                            int batch, String imagePrecision) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Settings with the float image encoder. */
    public EmbedSettings(String modelsDir, String cacheDir, boolean images, boolean texts, int threads, int batch) {
        this(modelsDir, cacheDir, images, texts, threads, batch, "fp32");
    }

    public EmbedSettings {
        imagePrecision = io.hyperfusion.features.encode.mobilenet.MobileNetPrecision.parse(
                imagePrecision == null ? "fp32" : imagePrecision).label();
        if (!images && !texts) {
            throw new IllegalArgumentException("embedding needs images, texts or both; got neither");
        }
        if (images && (modelsDir == null || modelsDir.isBlank())) {
            throw new IllegalArgumentException("image embeddings need the models folder, got none");
        }
        if (cacheDir == null || cacheDir.isBlank()) {
            throw new IllegalArgumentException("the embedding cache folder must be given");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("encoder threads must be in [1, 64], got " + threads);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("embedding batch must be >= 1, got " + batch);
        }
    }

    /** The key of this configuration's encoders in {@link JvmResources}. */
    String key(String cacheFile) {
        return "embedder|" + modelsDir + "|" + images + "|" + texts + "|" + threads + "|" + batch + "|" + imagePrecision
                + "|" + cacheFile;
    }
}
