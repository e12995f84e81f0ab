package io.hyperfusion.features.encode.text;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints MiniLM throughput (sentences per second) on synthetic short titles (~8 words) and tag strings for
 * 1 and 2 intra-op threads, one sequence per call (the deterministic default) and padded batches of 32, and
 * two caller threads sharing one session. A program, not a test:
 * {@code java -cp <features classpath> io.hyperfusion.features.encode.text.MiniLmBenchmark [count] [seed]}.
 */
public final class MiniLmBenchmark {
    private static final String[] WORDS = {"sunset", "over", "the", "lake", "with", "my", "friends", "street",
            "food", "in", "bangkok", "morning", "coffee", "and", "a", "good", "book", "city", "lights", "at", "night",
            "first", "snow", "of", "winter", "wedding", "day", "beach", "walk", "puppy", "playing", "garden",
            "mountain", "hike", "summer", "vibes", "portrait", "studio", "session", "new", "york", "vintage",
            "car", "show", "concert", "crowd", "family", "dinner", "rainy", "afternoon"};
    private static final String[] TAGS = {"travel", "photography", "nature", "instagood", "photooftheday",
            "nofilter", "love", "beautiful", "happy", "fashion", "style", "art", "food", "foodporn", "sky",
            "landscape", "streetphotography", "blackandwhite", "canon", "nikon", "sonyalpha", "portrait", "model",
            "summer", "beach", "sunset", "urban", "architecture", "dog", "cat", "cute", "fitness", "music"};

    private MiniLmBenchmark() {
    }

    /** Titles of 6 to 10 words drawn from a fixed vocabulary. */
    public static List<String> titles(int n, long seed) {
        return phrases(n, seed, WORDS, 6, 10, " ");
    }

    /** Space-separated tag strings of 8 to 15 tags, as in Flickr posts. */
    public static List<String> tagStrings(int n, long seed) {
        return phrases(n, seed, TAGS, 8, 15, " ");
    }

    private static List<String> phrases(int n, long seed, String[] vocab, int min, int max, String sep) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(min, max + 1);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < k; j++) {
                sb.append(j == 0 ? "" : sep).append(vocab[r.nextInt(vocab.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        List<String> titles = titles(n, seed);
        List<String> tags = tagStrings(n, seed + 1);
        System.out.printf("MiniLM throughput, %d texts each, %d cores available%n", n,
                Runtime.getRuntime().availableProcessors());
        for (int threads : new int[] {1, 2}) {
            for (int batch : new int[] {1, 32}) {
                try (MiniLmTextEncoder enc = MiniLmTextEncoder.create(new MiniLmTextEncoder.Options(threads, 256, batch))) {
                    enc.encode(titles.subList(0, Math.min(64, n)));
                    System.out.printf("intra-op threads %d, batch %2d: titles %6.0f/s, tags %6.0f/s%n", threads, batch,
                            rate(enc, titles, 1), rate(enc, tags, 1));
                }
            }
        }
        try (MiniLmTextEncoder enc = MiniLmTextEncoder.create(MiniLmTextEncoder.Options.defaults())) {
            enc.encode(titles.subList(0, Math.min(64, n)));
            System.out.printf("2 callers x 1 intra-op thread, batch  1: titles %6.0f/s, tags %6.0f/s%n",
                    rate(enc, titles, 2), rate(enc, tags, 2));
        }
    }

    /** Texts per second, the list split evenly across {@code callers} threads calling in chunks of 32. */
    private static double rate(MiniLmTextEncoder enc, List<String> texts, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int part = c;
                fs.add(pool.submit(() -> {
                    for (int from = part * 32; from < texts.size(); from += 32 * callers) {
                        enc.encode(texts.subList(from, Math.min(texts.size(), from + 32)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            return texts.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
