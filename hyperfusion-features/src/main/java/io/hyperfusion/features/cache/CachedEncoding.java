package io.hyperfusion.features.cache;

import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Encodes items through an {@link EmbeddingCache}: cached vectors are reused, only the misses are encoded, in
 * batches, and each batch is committed to the cache as soon as it is done, so a killed run resumes.
 *
 * <p>Items are identified by the SHA-256 of their content ({@link Hashing}); items with equal hashes are
 * encoded once and share one vector. Content is loaded lazily, only for misses, so cached images are never
 * decoded. A loader may return {@code null} (say, an image that failed to decode): that item gets a
 * {@code null} vector, nothing is cached for it, and it is retried on the next run.
 */
public final class CachedEncoding {
    private CachedEncoding() {
    }

    /** The part of an encoder this class needs; {@link #of(ImageEncoder)} and {@link #of(TextEncoder)} adapt. */
    public interface BatchEncoder<T> {
        String id();

        String version();

        int dimension();

        float[][] encode(List<T> batch);
    }

    /** One item: its content hash and a loader for the content, called only on a cache miss. */
    public record Item<T>(String sha256, Supplier<T> content) {
        public Item {
            if (!Hashing.isSha256Hex(sha256)) {
                throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got '" + sha256 + "'");
            }
            if (content == null) {
                throw new IllegalArgumentException("content loader is null for " + sha256);
            }
        }

        /** A text item, hashed from its UTF-8 bytes. */
        public static Item<String> ofText(String text) {
            return new Item<>(Hashing.sha256(text), () -> text);
        }
    }

    /** Progress: {@code done} of {@code total} distinct contents have a vector (or failed to load). */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }

    public static BatchEncoder<BufferedImage> of(ImageEncoder e) {
        return new Adapter<>(e.id(), e.version(), e.dimension(), e::encode);
    }

    public static BatchEncoder<String> of(TextEncoder e) {
        return new Adapter<>(e.id(), e.version(), e.dimension(), e::encode);
    }

    private record Adapter<T>(String id, String version, int dimension,
                              java.util.function.Function<List<T>, float[][]> fn) implements BatchEncoder<T> {
        @Override
        public float[][] encode(List<T> batch) {
            return fn.apply(batch);
        }
    }

    /**
     * Vectors for {@code items}, element i belonging to item i ({@code null} where the loader returned null); the
     * contents are loaded on the calling thread, between encoder calls.
     *
     * @param batchSize misses encoded and committed per batch (≥ 1)
     */
    public static <T> float[][] encode(EmbeddingCache cache, BatchEncoder<T> encoder, List<Item<T>> items,
                                       int batchSize, Progress progress) {
        return encode(cache, encoder, items, batchSize, 0, progress);
    }

    /**
     * As above, with {@code loaders} threads (≥ 1) loading the contents of the next batch while the encoder runs
     * on this one (decoding JPEGs costs a third of MobileNetV2's time and used to run between its calls). The
     * vectors are the same whatever {@code loaders} is: batches are composed and encoded in the same order. The
     * loaders must be thread-safe. 0 loads on the calling thread.
     */
    public static <T> float[][] encode(EmbeddingCache cache, BatchEncoder<T> encoder, List<Item<T>> items,
                                       int batchSize, int loaders, Progress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (loaders < 0) {
            throw new IllegalArgumentException("loaders must be >= 0, got " + loaders);
        }
        Map<String, Supplier<T>> distinct = new LinkedHashMap<>();
        for (Item<T> it : items) {
            distinct.putIfAbsent(it.sha256(), it.content());
        }
        long total = distinct.size();
        Map<String, float[]> found = new HashMap<>(cache.getAll(encoder.id(), encoder.version(), distinct.keySet()));
        long done = found.size();
        progress.update(done, total);

        List<String> misses = new ArrayList<>();
        for (String sha : distinct.keySet()) {
            if (!found.containsKey(sha)) {
                misses.add(sha);
            }
        }
        ExecutorService pool = loaders == 0 || misses.isEmpty() ? null : Executors.newFixedThreadPool(loaders, r -> {
            Thread t = new Thread(r, "embedding-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> next = pool == null ? null : load(pool, distinct, misses, 0, batchSize);
            for (int from = 0; from < misses.size(); from += batchSize) {
                List<String> shas = misses.subList(from, Math.min(misses.size(), from + batchSize));
                List<Future<T>> loading = next;
                if (pool != null) {
                    next = from + batchSize < misses.size() ? load(pool, distinct, misses, from + batchSize, batchSize) : null;
                }
                List<String> loadedShas = new ArrayList<>(shas.size());
                List<T> contents = new ArrayList<>(shas.size());
                for (int k = 0; k < shas.size(); k++) {
                    T content = loading == null ? distinct.get(shas.get(k)).get() : await(loading.get(k));
                    if (content != null) {
                        loadedShas.add(shas.get(k));
                        contents.add(content);
                    }
                }
                if (!contents.isEmpty()) {
                    float[][] vectors = encoder.encode(contents);
                    Map<String, float[]> batch = checked(encoder, loadedShas, vectors);
                    cache.putAll(encoder.id(), encoder.version(), batch);
                    found.putAll(batch);
                }
                done += shas.size();
                progress.update(done, total);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        float[][] out = new float[items.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = found.get(items.get(i).sha256());
        }
        return out;
    }

    /** Starts loading misses {@code from .. from + batchSize} on the pool, one task per item, in order. */
    private static <T> List<Future<T>> load(ExecutorService pool, Map<String, Supplier<T>> distinct, List<String> misses,
                                            int from, int batchSize) {
        List<Future<T>> out = new ArrayList<>();
        for (String sha : misses.subList(from, Math.min(misses.size(), from + batchSize))) {
            Supplier<T> s = distinct.get(sha);
            out.add(pool.submit(s::get));
        }
        return out;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading contents to encode", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Map<String, float[]> checked(BatchEncoder<?> encoder, List<String> shas, float[][] vectors) {
        if (vectors.length != shas.size()) {
            throw new IllegalStateException("encoder " + encoder.id() + " returned " + vectors.length
                    + " vectors for " + shas.size() + " inputs");
        }
        Map<String, float[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null || vectors[i].length != encoder.dimension()) {
                throw new IllegalStateException("encoder " + encoder.id() + " returned a vector of length "
                        + (vectors[i] == null ? "null" : vectors[i].length) + ", expected " + encoder.dimension());
            }
            batch.put(shas.get(i), vectors[i]);
        }
        return batch;
    }
}
