package io.hyperfusion.features.cache;

import io.hyperfusion.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    static Map<String, float[]> vectors(int from, int to, int dim, long seed) {
        Random r = new Random(seed);
        Map<String, float[]> m = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = (float) r.nextGaussian();
            }
            m.put(Hashing.sha256("item " + i), v);
        }
        return m;
    }

    @Test
    void hitsAndMisses() {
        try (EmbeddingCache c = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            Map<String, float[]> stored = vectors(0, 3, 5, 1);
            c.putAll("enc", "v1", stored);
            List<String> asked = new ArrayList<>(stored.keySet());
            asked.add(Hashing.sha256("missing 1"));
            asked.add(Hashing.sha256("missing 2"));
            Map<String, float[]> got = c.getAll("enc", "v1", asked);
            assertEquals(stored.keySet(), got.keySet());
            stored.forEach((k, v) -> assertArrayEquals(v, got.get(k)));
            assertTrue(c.getAll("enc", "v2", asked).isEmpty(), "another version is a miss");
            assertTrue(c.getAll("other", "v1", asked).isEmpty(), "another encoder is a miss");
            assertEquals(3, c.count("enc", "v1"));
            // Replacing a key keeps one row with the new value.
            float[] replacement = {9, 8, 7, 6, 5};
            String k0 = asked.get(0);
            c.putAll("enc", "v1", Map.of(k0, replacement));
            assertArrayEquals(replacement, c.getAll("enc", "v1", List.of(k0)).get(k0));
            assertEquals(3, c.count("enc", "v1"));
        }
    }

    @Test
    void invalidationTouchesOnlyThatEncoder() {
        try (EmbeddingCache c = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            c.putAll("img", "v1", vectors(0, 4, 3, 1));
            c.putAll("img", "v2", vectors(0, 2, 6, 2));
            c.putAll("txt", "v1", vectors(0, 5, 3, 3));
            assertEquals(4, c.invalidateOtherVersions("img", "v2"));
            assertEquals(0, c.count("img", "v1"));
            assertEquals(2, c.count("img", "v2"));
            assertEquals(5, c.count("txt", "v1"));
            // The old version's dimension registration is gone too, so it may come back with another length.
            c.putAll("img", "v1", vectors(0, 1, 4, 4));
        }
    }

    @Test
    void resumeAfterReopen() {
        Path f = dir.resolve("sub/resume.duckdb");
        Map<String, float[]> all = vectors(0, 100, 16, 5);
        Map<String, float[]> firstHalf = new LinkedHashMap<>();
        all.entrySet().stream().limit(50).forEach(e -> firstHalf.put(e.getKey(), e.getValue()));
        try (EmbeddingCache c = EmbeddingCache.open(f)) {
            c.putAll("enc", "v1", firstHalf);
        }
        try (EmbeddingCache c = EmbeddingCache.open(f)) {
            Map<String, float[]> got = c.getAll("enc", "v1", all.keySet());
            assertEquals(firstHalf.keySet(), got.keySet());
            firstHalf.forEach((k, v) -> assertArrayEquals(v, got.get(k)));
        }
    }

    @Test
    void garbageFileIsAClearError() throws Exception {
        Path f = dir.resolve("garbage.duckdb");
        byte[] junk = new byte[8192];
        new Random(3).nextBytes(junk);
        Files.write(f, junk);
        DataFormatException e = assertThrows(DataFormatException.class, () -> EmbeddingCache.open(f));
        assertTrue(e.getMessage().contains("garbage.duckdb"), e.getMessage());
    }

    @Test
    void foreignDatabaseAndWrongSchemaVersionAreClearErrors() throws Exception {
        Path foreign = dir.resolve("foreign.duckdb");
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + foreign);
             Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE people (name VARCHAR)");
        }
        DataFormatException e1 = assertThrows(DataFormatException.class, () -> EmbeddingCache.open(foreign));
        assertTrue(e1.getMessage().contains("foreign.duckdb") && e1.getMessage().contains("people"), e1.getMessage());

        Path old = dir.resolve("old.duckdb");
        EmbeddingCache.open(old).close();
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + old);
             Statement st = conn.createStatement()) {
            st.execute("UPDATE hf_cache_meta SET value = '99' WHERE key = 'schema_version'");
        }
        DataFormatException e2 = assertThrows(DataFormatException.class, () -> EmbeddingCache.open(old));
        assertTrue(e2.getMessage().contains("old.duckdb") && e2.getMessage().contains("99"), e2.getMessage());
    }

    @Test
    void blobOfWrongLengthIsReportedNotMisread() throws Exception {
        Path f = dir.resolve("blob.duckdb");
        String good = Hashing.sha256("good");
        String bad = Hashing.sha256("bad");
        try (EmbeddingCache c = EmbeddingCache.open(f)) {
            c.putAll("enc", "v1", Map.of(good, new float[] {1, 2, 3, 4}));
        }
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + f);
             PreparedStatement ps = conn.prepareStatement("INSERT INTO hf_embeddings VALUES ('enc', 'v1', ?, ?)")) {
            ps.setString(1, bad);
            ps.setBytes(2, EmbeddingCache.encode(new float[] {1, 2, 3}));
            ps.executeUpdate();
        }
        try (EmbeddingCache c = EmbeddingCache.open(f)) {
            assertArrayEquals(new float[] {1, 2, 3, 4}, c.getAll("enc", "v1", List.of(good)).get(good));
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> c.getAll("enc", "v1", List.of(good, bad)));
            assertTrue(e.getMessage().contains("blob.duckdb") && e.getMessage().contains(bad)
                    && e.getMessage().contains("12 bytes, expected 16"), e.getMessage());
        }
    }

    @Test
    void badInputIsRejectedBeforeWriting() {
        try (EmbeddingCache c = EmbeddingCache.open(dir.resolve("c.duckdb"))) {
            c.putAll("enc", "v1", vectors(0, 2, 4, 1));
            IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                    () -> c.putAll("enc", "v1", vectors(5, 7, 5, 1)));
            assertTrue(dim.getMessage().contains("length 4, got 5"), dim.getMessage());
            assertEquals(2, c.count("enc", "v1"), "the failed batch left nothing behind");
            assertThrows(IllegalArgumentException.class, () -> c.putAll("enc", "v1", Map.of("not-a-hash", new float[4])));
            Map<String, float[]> mixed = new LinkedHashMap<>(vectors(8, 9, 4, 1));
            mixed.putAll(vectors(9, 10, 3, 1));
            assertThrows(IllegalArgumentException.class, () -> c.putAll("enc", "v1", mixed));
            assertThrows(IllegalArgumentException.class, () -> c.count("", "v1"));
            assertThrows(IllegalArgumentException.class, () -> EmbeddingCache.open(dir.resolve("x.duckdb"), 0));
        }
    }

    @Test
    void concurrentPutsAndGets() throws Exception {
        try (EmbeddingCache c = EmbeddingCache.open(dir.resolve("c.duckdb"), 2)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int base = t * 1000;
                    fs.add(pool.submit(() -> {
                        for (int b = 0; b < 5; b++) {
                            Map<String, float[]> batch = vectors(base + b * 20, base + b * 20 + 20, 8, base + b);
                            c.putAll("enc", "v1", batch);
                            Map<String, float[]> back = c.getAll("enc", "v1", batch.keySet());
                            batch.forEach((k, v) -> assertArrayEquals(v, back.get(k)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(400, c.count("enc", "v1"));
        }
    }

    @Test
    void hashing() throws Exception {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256("abc"));
        Path f = dir.resolve("h.bin");
        Files.write(f, new byte[] {'a', 'b', 'c'});
        assertEquals(Hashing.sha256("abc"), Hashing.sha256(f));
        assertTrue(Hashing.isSha256Hex(Hashing.sha256(new byte[0])));
        assertTrue(!Hashing.isSha256Hex("ABC"));
    }
}
