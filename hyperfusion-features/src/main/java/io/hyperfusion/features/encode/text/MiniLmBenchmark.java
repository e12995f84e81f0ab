package io.hyperfusion.features.encode.text;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prints MiniLM throughput (sentences per second) on synthetic short titles (~8 words) and tag strings for
 * 1 and 2 intra-op threads, one sequence per model call (the deterministic default) or padded batches of 32,
 * and 1 or 2 model calls at once ({@code parallelism}). A program, not a test:
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

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        List<String> titles = titles(n, seed);
        List<String> tags = tagStrings(n, seed + 1);
        System.out.printf("MiniLM throughput, %d texts each, %d cores available%n", n,
                Runtime.getRuntime().availableProcessors());
        MiniLmTextEncoder.Options[] configs = {
            new MiniLmTextEncoder.Options(1, 256, 1, 1), new MiniLmTextEncoder.Options(1, 256, 32, 1),
            new MiniLmTextEncoder.Options(2, 256, 1, 1), new MiniLmTextEncoder.Options(2, 256, 32, 1),
            new MiniLmTextEncoder.Options(1, 256, 1, 2), new MiniLmTextEncoder.Options(1, 256, 32, 2)};
        for (MiniLmTextEncoder.Options o : configs) {
            try (MiniLmTextEncoder enc = MiniLmTextEncoder.create(o)) {
                enc.encode(titles.subList(0, Math.min(64, n)));
                System.out.printf("intra-op %d, batch %2d, parallel %d: titles %s, tags %s%n", o.intraOpThreads(),
                        o.maxBatchSize(), o.parallelism(), rate(enc, titles), rate(enc, tags));
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Texts per wall-clock second, and per CPU-second of the whole process (native threads included), which
     * is what otherwise idle cores would give on a busy machine; texts are passed in calls of 32.
     */
    private static String rate(MiniLmTextEncoder enc, List<String> texts) {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        for (int from = 0; from < texts.size(); from += 32) {
            enc.encode(texts.subList(from, Math.min(texts.size(), from + 32)));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        return String.format("%5.0f/s (%5.0f per CPU-s)", texts.size() / wall, texts.size() / cpu);
    }
}
