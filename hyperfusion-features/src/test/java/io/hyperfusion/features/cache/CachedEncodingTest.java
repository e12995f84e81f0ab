package io.hyperfusion.features.cache;

import io.hyperfusion.features.cache.CachedEncoding.Item;
import io.hyperfusion.features.encode.ImageEncoder;
import io.hyperfusion.features.encode.TextEncoder;
import io.hyperfusion.features.encode.text.MiniLmTextEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedEncodingTest {
    @TempDir
    Path dir;

    /** Encodes a text as (length, first char, 1); records every batch it sees; can fail on the n-th call. */
    static class RecordingEncoder implements TextEncoder {
        final List<List<String>> batches = new ArrayList<>();
        int failOnCall = -1;
        int dimension = 3;

        @Override public String id() { return "rec"; }
        @Override public String version() { return "v1"; }
        @Override public int dimension() { return 3; }
        @Override public void close() { }

        @Override
        public float[][] encode(List<String> texts) {
            if (batches.size() == failOnCall) {
                throw new IllegalStateException("killed");
            }
            batches.add(List.copyOf(texts));
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                String t = texts.get(i);
                out[i] = new float[dimension];
                out[i][0] = t.length();
                out[i][1] = t.isEmpty() ? 0 : t.charAt(0);
            }
            return out;
        }
    }

    static List<Item<String>> items(String... texts) {
        List<Item<String>> out = new ArrayList<>();
        for (String t : texts) {
            out.add(Item.ofText(t));
        }
        return out;
    }

    @Test
    void encodesOnlyMissesInBatchesAndReportsProgress() {
        RecordingEncoder enc = new RecordingEncoder();
        List<long[]> progress = new ArrayList<>();
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            List<Item<String>> first = items("a", "bb", "a", "ccc", "dddd", "bb", "eeeee", "f");
            float[][] v = CachedEncoding.encode(cache, CachedEncoding.of(enc), first, 2,
                    (done, total) -> progress.add(new long[] {done, total}));
            assertEquals(List.of(List.of("a", "bb"), List.of("ccc", "dddd"), List.of("eeeee", "f")), enc.batches);
            assertArrayEquals(new float[] {2, 'b', 0}, v[1]);
            assertSame(v[0], v[2], "equal contents share a vector");
            assertEquals(List.of("0/6", "2/6", "4/6", "6/6"),
                    progress.stream().map(p -> p[0] + "/" + p[1]).toList());
            assertEquals(6, cache.count("rec", "v1"));

            enc.batches.clear();
            float[][] again = CachedEncoding.encode(cache, CachedEncoding.of(enc), items("ccc", "new", "a"), 2,
                    CachedEncoding.Progress.NONE);
            assertEquals(List.of(List.of("new")), enc.batches);
            assertArrayEquals(new float[] {3, 'c', 0}, again[0]);
        }
    }

    @Test
    void aKilledRunResumesFromTheLastCommittedBatch() {
        Path f = dir.resolve("kill.duckdb");
        List<Item<String>> all = items("one", "two", "three", "four", "five");
        RecordingEncoder dying = new RecordingEncoder();
        dying.failOnCall = 1;
        try (EmbeddingCache cache = EmbeddingCache.open(f)) {
            assertThrows(IllegalStateException.class, () -> CachedEncoding.encode(cache, CachedEncoding.of(dying),
                    all, 2, CachedEncoding.Progress.NONE));
        }
        RecordingEncoder fresh = new RecordingEncoder();
        try (EmbeddingCache cache = EmbeddingCache.open(f)) {
            CachedEncoding.encode(cache, CachedEncoding.of(fresh), all, 2, CachedEncoding.Progress.NONE);
        }
        assertEquals(List.of(List.of("three", "four"), List.of("five")), fresh.batches);
    }

    @Test
    void nullContentIsNotCachedAndBadEncoderOutputIsCaught() {
        RecordingEncoder enc = new RecordingEncoder();
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            List<Item<String>> list = List.of(new Item<>(Hashing.sha256("broken"), () -> null), Item.ofText("ok"));
            float[][] v = CachedEncoding.encode(cache, CachedEncoding.of(enc), list, 4, CachedEncoding.Progress.NONE);
            assertNull(v[0]);
            assertEquals(1, cache.count("rec", "v1"));
            enc.dimension = 5;
            assertThrows(IllegalStateException.class, () -> CachedEncoding.encode(cache, CachedEncoding.of(enc),
                    items("other"), 4, CachedEncoding.Progress.NONE));
            assertThrows(IllegalArgumentException.class, () -> new Item<>("xyz", () -> "x"));
        }
    }

    @Test
    void imageEncoderAdapter() {
        ImageEncoder meanRed = new ImageEncoder() {
            @Override public String id() { return "mean-red"; }
            @Override public String version() { return "1"; }
            @Override public int dimension() { return 1; }
            @Override public List<String> outputNames() { return List.of("red"); }
            @Override public void close() { }

            @Override
            public float[][] encode(List<BufferedImage> images) {
                return images.stream().map(im -> new float[] {(im.getRGB(0, 0) >> 16) & 0xFF}).toArray(float[][]::new);
            }
        };
        BufferedImage red = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, 0xC80000);
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            float[][] v = CachedEncoding.encode(cache, CachedEncoding.of(meanRed),
                    List.of(new Item<>(Hashing.sha256(new byte[] {1}), () -> red)), 8, CachedEncoding.Progress.NONE);
            assertArrayEquals(new float[] {200}, v[0]);
            assertEquals(1, cache.count("mean-red", "1"));
        }
    }

    @Test
    void miniLmVectorsSurviveTheCacheBitForBit() {
        Path f = dir.resolve("minilm.duckdb");
        List<Item<String>> titles = items("Sunset over the lake", "Street food in Bangkok", "");
        try (MiniLmTextEncoder enc = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults())) {
            float[][] direct = enc.encode(List.of("Sunset over the lake", "Street food in Bangkok", ""));
            try (EmbeddingCache cache = EmbeddingCache.open(f)) {
                CachedEncoding.encode(cache, CachedEncoding.of(enc), titles, 2, CachedEncoding.Progress.NONE);
            }
            try (EmbeddingCache cache = EmbeddingCache.open(f)) {
                RecordingEncoder never = new RecordingEncoder() {
                    @Override public String id() { return enc.id(); }
                    @Override public String version() { return enc.version(); }
                    @Override public int dimension() { return enc.dimension(); }
                };
                never.failOnCall = 0;
                float[][] cached = CachedEncoding.encode(cache, CachedEncoding.of(never), titles, 2,
                        CachedEncoding.Progress.NONE);
                for (int i = 0; i < direct.length; i++) {
                    assertArrayEquals(direct[i], cached[i]);
                }
            }
        }
    }

    /**
     * Loading the next batch on loader threads while the encoder runs gives the same batches, in the same order,
     * and the same vectors as loading between encoder calls; it does load ahead; a loader's failure reaches the caller.
     */
    @Test
    void loadersPrefetchTheNextBatchWithoutChangingBatchesOrVectors() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            texts.add("text number " + i + (i % 3 == 0 ? " with more words" : ""));
        }
        RecordingEncoder serial = new RecordingEncoder();
        RecordingEncoder ahead = new RecordingEncoder();
        java.util.Set<String> loadedBeforeEncoding = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger encodeCalls = new java.util.concurrent.atomic.AtomicInteger();
        List<Item<String>> tracked = new ArrayList<>();
        for (String t : texts) {
            tracked.add(new Item<>(Hashing.sha256(t), () -> {
                if (encodeCalls.get() == 0) {
                    loadedBeforeEncoding.add(t);
                }
                return t;
            }));
        }
        CachedEncoding.BatchEncoder<String> counting = new CachedEncoding.BatchEncoder<>() {
            @Override public String id() { return "rec"; }
            @Override public String version() { return "v1"; }
            @Override public int dimension() { return 3; }
            @Override public float[][] encode(List<String> batch) {
                float[][] v = ahead.encode(batch);
                try {
                    Thread.sleep(50); // a slow encoder: the loaders get ahead
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                encodeCalls.incrementAndGet();
                return v;
            }
        };
        try (EmbeddingCache c1 = EmbeddingCache.open(dir.resolve("serial.duckdb"));
             EmbeddingCache c2 = EmbeddingCache.open(dir.resolve("ahead.duckdb"))) {
            float[][] a = CachedEncoding.encode(c1, CachedEncoding.of(serial), items(texts.toArray(String[]::new)), 5,
                    CachedEncoding.Progress.NONE);
            float[][] b = CachedEncoding.encode(c2, counting, tracked, 5, 2, CachedEncoding.Progress.NONE);
            assertEquals(serial.batches, ahead.batches);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0f);
            }
            // The second batch (items 5..9) was loaded while the first was being encoded.
            assertTrue(loadedBeforeEncoding.containsAll(texts.subList(0, 10)), loadedBeforeEncoding.toString());
            List<Item<String>> failing = new ArrayList<>(items("a", "b", "c"));
            failing.add(new Item<>(Hashing.sha256("bad"), () -> {
                throw new IllegalArgumentException("cannot read bad.jpg");
            }));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CachedEncoding.encode(c2,
                    CachedEncoding.of(new RecordingEncoder()), failing, 2, 2, CachedEncoding.Progress.NONE));
            assertEquals("cannot read bad.jpg", e.getMessage());
        }
    }
}
