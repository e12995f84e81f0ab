package io.hyperfusion.app.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hyperfusion.features.encode.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded cache of one text encoder's vectors, by text (Caffeine, W-TinyLFU eviction). Exact: it is used only
 * for encoders whose vectors do not depend on their batch-mates ({@link TextEncoder#batchIndependent()}), so a
 * cached vector is the one an uncached call returns. Titles and tags repeat across requests (the drafting page
 * re-scores the same texts on every keystroke; popular tags recur across posts), and on two cores an encoder call
 * costs more than every model of the ensemble together. Thread-safe; vectors are shared, never modified.
 */
final class TextCache {
    private final TextEncoder encoder;
    private final Cache<String, float[]> cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param encoder    the encoder whose vectors are cached
     * @param maxEntries texts kept (≥ 1); each costs about {@code 4 × dimension} bytes plus the text
     * @throws IllegalArgumentException when the encoder's vectors depend on their batch-mates
     */
    TextCache(TextEncoder encoder, long maxEntries) {
        if (!encoder.batchIndependent()) {
            throw new IllegalArgumentException("the vectors of text encoder " + encoder.id() + " " + encoder.version()
                    + " depend on their batch-mates, so caching them would change scores");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("text cache entries must be >= 1, got " + maxEntries);
        }
        this.encoder = encoder;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The vectors of {@code texts}, in order; the texts not cached are encoded together in one call. */
    float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            String t = texts.get(i);
            float[] v = t == null ? null : cache.getIfPresent(t);
            if (v != null) {
                out[i] = v;
            } else {
                missing.add(t); // a null text reaches the encoder, which names it
                at.add(i);
            }
        }
        hits.addAndGet(out.length - missing.size());
        misses.addAndGet(missing.size());
        if (!missing.isEmpty()) {
            float[][] v = encoder.encode(missing);
            for (int k = 0; k < v.length; k++) {
                out[at.get(k)] = v[k];
                cache.put(missing.get(k), v[k]);
            }
        }
        return out;
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    long size() {
        return cache.estimatedSize();
    }
}
