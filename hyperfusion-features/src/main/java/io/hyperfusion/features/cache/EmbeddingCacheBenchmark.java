package io.hyperfusion.features.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints put and get speed of {@link EmbeddingCache} for many vectors (default 10,000 × 1285 floats, written
 * in batches of 500 as {@link CachedEncoding} would). A program, not a test:
 * {@code java -cp <features classpath> io.hyperfusion.features.cache.EmbeddingCacheBenchmark [n] [dim] [batch]}.
 */
public final class EmbeddingCacheBenchmark {
    private EmbeddingCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 1285;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        SplittableRandom r = new SplittableRandom(7);
        List<Map<String, float[]>> batches = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            Map<String, float[]> m = new LinkedHashMap<>();
            for (int i = from; i < Math.min(n, from + batch); i++) {
                float[] v = new float[dim];
                for (int d = 0; d < dim; d++) {
                    v[d] = (float) r.nextDouble(-1, 1);
                }
                m.put(Hashing.sha256("item " + i), v);
            }
            batches.add(m);
        }
        Path dir = Files.createTempDirectory("hf-cache-bench");
        Path file = dir.resolve("bench.duckdb");
        try {
            long t0 = System.nanoTime();
            try (EmbeddingCache cache = EmbeddingCache.open(file)) {
                for (Map<String, float[]> m : batches) {
                    cache.putAll("bench", "v1", m);
                }
            }
            double put = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            long hits = 0;
            try (EmbeddingCache cache = EmbeddingCache.open(file)) {
                for (Map<String, float[]> m : batches) {
                    hits += cache.getAll("bench", "v1", m.keySet()).size();
                }
            }
            double get = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%d x %d floats in batches of %d: put %.2f s (%.0f vectors/s), get %.2f s "
                    + "(%.0f vectors/s, %d hits), file %.1f MB%n", n, dim, batch, put, n / put, get, n / get, hits,
                    Files.size(file) / 1e6);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
