package io.hyperfusion.spark;

import io.hyperfusion.features.cache.EmbeddingCache;
import io.hyperfusion.features.embed.PostEmbedder;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.image.ImageDecoder;
import io.hyperfusion.features.encode.image.ImageStatistics;
import io.hyperfusion.features.encode.mobilenet.MobileNetV2Encoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import org.apache.spark.SparkEnv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoders, the embedding cache and the {@link PostEmbedder} of one executor JVM, held in
 * {@link JvmResources} so they are opened once per executor and shared by its concurrent tasks (the encoders
 * and the cache are thread-safe; the cache serialises its own writes).
 */
final class ExecutorEmbedder implements AutoCloseable {
    private final ImageEncoder image;
    private final TextEncoder text;
    private final EmbeddingCache cache;
    private final PostEmbedder embedder;

    private ExecutorEmbedder(ImageEncoder image, TextEncoder text, EmbeddingCache cache, int batch) {
        this.image = image;
        this.text = text;
        this.cache = cache;
        this.embedder = new PostEmbedder(cache, image, text, null, null, ImageDecoder.Options.defaults(), batch);
    }

    /** This JVM's embedder for {@code s}, opened on first use. */
    static ExecutorEmbedder of(EmbedSettings s) {
        Path cacheFile = cacheFile(s);
        return JvmResources.get(s.key(cacheFile.toString()), ExecutorEmbedder.class, () -> open(s, cacheFile));
    }

    /** {@code <cacheDir>/embeddings-<executor id>.duckdb}; the driver (and local mode) uses id "driver". */
    static Path cacheFile(EmbedSettings s) {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "driver" : env.executorId();
        return Path.of(s.cacheDir()).toAbsolutePath().resolve("embeddings-" + id.replaceAll("[^A-Za-z0-9_.-]", "_") + ".duckdb");
    }

    private static ExecutorEmbedder open(EmbedSettings s, Path cacheFile) {
        ImageEncoder image = null;
        TextEncoder text = null;
        try {
            Files.createDirectories(cacheFile.getParent());
            if (s.images()) {
                image = MobileNetV2Encoder.open(Path.of(s.modelsDir()), s.threads(),
                        io.hyperfusion.features.encode.mobilenet.MobileNetPrecision.parse(s.imagePrecision()));
            }
            if (s.texts()) {
                text = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults().withParallelism(s.threads()));
            }
            return new ExecutorEmbedder(image, text, EmbeddingCache.open(cacheFile), s.batch());
        } catch (IOException e) {
            closeQuietly(image, text);
            throw new UncheckedIOException("cannot create the embedding cache folder " + cacheFile.getParent(), e);
        } catch (RuntimeException e) {
            closeQuietly(image, text);
            throw e;
        }
    }

    PostEmbedder embedder() {
        return embedder;
    }

    /** Encoder id → version of the encoders in use (recorded next to the embeddings, checked at scoring). */
    Map<String, String> encoders() {
        Map<String, String> m = new LinkedHashMap<>();
        if (image != null) {
            m.put(image.id(), image.version());
        }
        if (text != null) {
            m.put(text.id(), text.version());
        }
        return m;
    }

    /** The spaces this embedder fills, each with its component names, in output column order. */
    Map<String, List<String>> spaces() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (image != null) {
            List<String> names = image.outputNames();
            int nsfwFrom = (int) names.stream().takeWhile(n -> !n.startsWith("nsfw_")).count();
            m.put(Spaces.IMAGE, List.copyOf(names.subList(0, nsfwFrom)));
            if (nsfwFrom < names.size()) {
                m.put(Spaces.NSFW, List.copyOf(names.subList(nsfwFrom, names.size())));
            }
            m.put(Spaces.IMGSTATS, ImageStatistics.names());
        }
        if (text != null) {
            List<String> d = new ArrayList<>();
            for (int i = 0; i < text.dimension(); i++) {
                d.add("d" + i);
            }
            m.put(Spaces.TITLE, List.copyOf(d));
            m.put(Spaces.TAGS, List.copyOf(d));
        }
        return m;
    }

    @Override
    public void close() {
        try {
            cache.close();
        } finally {
            closeQuietly(image, text);
        }
    }

    private static void closeQuietly(ImageEncoder image, TextEncoder text) {
        if (image != null) {
            image.close();
        }
        if (text != null) {
            text.close();
        }
    }
}
