package io.hyperfusion.data.synth;

import io.hyperfusion.data.Seeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The project's built-in data: a synthetic Flickr-like world written in the exact SMPD-Image layout, whose
 * popularity labels follow a known formula, so every layer can be tested end to end and scored against a
 * known ceiling without the (non-redistributable) real data.
 *
 * <p>The label formula (constants in {@link LabelFormula} and in {@code ground_truth.json}):
 * <pre>
 * label = clip(base + author(q) + category + hour(local) + weekday(local) + tags(count, hot tags)
 *              + title(length, strong words) + colour(saturation) + sharpness(blur) + exposure(gain)
 *              + agreement(title/tags name the depicted scene) + N(0, noise_sd), 1, 16.5)
 * </pre>
 * The author's latent quality q shows in photo_count, ispro and account age; the image terms are visible
 * in the pixels (drawn by {@link SceneRenderer}); agreement needs image and text together. Labels have mean
 * about 6.4 and sd about 2.4 like the real SMPD train labels.
 *
 * <p>The world's character (knobs of {@link WorldSpec}, presets in {@link WorldCharacter}) can add author
 * drift over time, more late authors who post rarely (cold start), and hidden signal (geo, a profile vector,
 * the depicted scene); all off by default, when the files are exactly those of the original world.
 *
 * <p>Layout under {@code out}: {@code train/} with the seven SMPD files and images at
 * {@code train/<Uid>/<Pid>.jpg}; {@code test/} the same without the label file; {@code hidden/} with
 * {@code test_labels.csv} ({@code uid,pid,popularity_score}), {@code test_label.txt} and
 * {@code components.csv} (every post's formula inputs and terms); {@code ground_truth.json}; {@code README.md}.
 * The test split is the latest {@code testFraction} of posts by time.
 *
 * <p>Deterministic: the same spec writes byte-identical files whatever the thread count, because every
 * image is drawn from its own seed ({@link Seeds#sub(String)} "images", child = Pid). Atomic: the world is
 * written into a temporary folder next to {@code out} and renamed at the end; a non-empty {@code out} is
 * never touched.
 */
public final class SyntheticWorld {

    private SyntheticWorld() {
    }

    /**
     * Generates the world described by {@code spec} into {@code out}.
     *
     * @throws IllegalArgumentException when {@code out} exists and is a file or a non-empty folder
     * @throws UncheckedIOException     when writing fails (nothing is left at {@code out} then)
     */
    public static WorldSummary generate(WorldSpec spec, Path out) {
        return generate(spec, out, done -> { });
    }

    /**
     * As {@link #generate(WorldSpec, Path)}, reporting the number of posts whose image is written so far to
     * {@code progress} (called from the image threads; must be thread-safe).
     */
    public static WorldSummary generate(WorldSpec spec, Path out, java.util.function.LongConsumer progress) {
        long t0 = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        checkTarget(target);
        Path tmp;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder next to " + target, e);
        }
        try {
            WorldSummary s = write(spec, tmp, target, progress);
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new WorldSummary(target, s.trainPosts(), s.testPosts(), s.authors(), s.testOnlyAuthors(),
                    s.labelMean(), s.labelSd(), s.ceilingSrcTest(), s.ceilingMaeTest(), s.ceilingSrcTrain(),
                    s.ceilingMaeTrain(), s.imageBytes(), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write synthetic world to " + target, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void checkTarget(Path target) {
        if (Files.isRegularFile(target)) {
            throw new IllegalArgumentException("output " + target + " is a file, expected a new or empty folder");
        }
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
                if (ds.iterator().hasNext()) {
                    throw new IllegalArgumentException("refusing to overwrite non-empty folder " + target
                            + "; remove it or choose another output folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target, e);
            }
        }
    }

    private static WorldSummary write(WorldSpec spec, Path dir, Path target,
                                      java.util.function.LongConsumer progress) throws IOException {
        WorldSampler sampler = new WorldSampler(spec);
        List<WorldUser> users = sampler.users();
        List<WorldPost> posts = byTime(sampler.posts(users));
        int nTest = spec.testPosts();
        List<WorldPost> train = List.copyOf(posts.subList(0, posts.size() - nTest));
        List<WorldPost> test = List.copyOf(posts.subList(posts.size() - nTest, posts.size()));

        long imageBytes = writeImages(dir, Map.of("train", train, "test", test), spec.threads(), progress);
        Files.createDirectories(dir.resolve("hidden"));
        SmpdWriter.writeSplit(dir.resolve("train"), "train", train, true);
        SmpdWriter.writeSplit(dir.resolve("test"), "test", test, false);
        GroundTruthWriter.writeHidden(dir.resolve("hidden"), test);
        GroundTruthWriter.writeComponents(dir.resolve("hidden/components.csv"), train, test,
                !spec.defaultCharacter());

        Set<String> trainAuthors = new HashSet<>();
        train.forEach(p -> trainAuthors.add(p.user().uid()));
        Set<String> testOnly = new HashSet<>();
        test.stream().map(p -> p.user().uid()).filter(u -> !trainAuthors.contains(u)).forEach(testOnly::add);
        Set<String> authors = new HashSet<>(trainAuthors);
        test.forEach(p -> authors.add(p.user().uid()));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("train_posts", train.size());
        counts.put("test_posts", test.size());
        counts.put("authors", authors.size());
        counts.put("test_only_authors", testOnly.size());
        counts.put("blurred_images", posts.stream().filter(p -> p.image().blurSigma() > 0).count());
        counts.put("agreeing_posts", posts.stream().filter(p -> p.inputs().agreement() == 1).count());
        if (!spec.defaultCharacter()) { // a default world keeps its original counts, byte for byte
            counts.put("late_authors", users.stream().filter(WorldUser::late).count());
            counts.put("late_author_posts", posts.stream().filter(p -> p.user().late()).count());
        }
        GroundTruthWriter.writeGroundTruth(dir.resolve("ground_truth.json"), spec, sampler.hidden(), train, test,
                counts);
        WorldReadme.write(dir.resolve("README.md"), spec, train.size(), test.size(), authors.size(), testOnly.size());

        double[] y = posts.stream().mapToDouble(WorldPost::label).toArray();
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / (y.length - 1));
        double[] te = GroundTruthWriter.ceiling(test);
        double[] tr = GroundTruthWriter.ceiling(train);
        return new WorldSummary(target, train.size(), test.size(), authors.size(), testOnly.size(), mean, sd,
                te[0], te[1], tr[0], tr[1], imageBytes, Duration.ZERO);
    }

    /** The posts in file order: by time, ties by author, then post id; the latest ones form the test split. */
    static List<WorldPost> byTime(List<WorldPost> posts) {
        List<WorldPost> out = new ArrayList<>(posts);
        out.sort(Comparator.comparing(WorldPost::postedAt).thenComparing(p -> p.user().uid())
                .thenComparingLong(WorldPost::pid));
        return out;
    }

    /** Draws and writes every image on a fixed pool; output does not depend on scheduling. */
    private static long writeImages(Path dir, Map<String, List<WorldPost>> splits, int threads,
                                    java.util.function.LongConsumer progress) throws IOException {
        for (String split : List.of("train", "test")) {
            Set<String> uids = new HashSet<>();
            splits.get(split).forEach(p -> uids.add(p.user().uid()));
            for (String uid : uids) {
                Files.createDirectories(dir.resolve(split).resolve(uid));
            }
        }
        AtomicLong bytes = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synthetic-world-images");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String split : List.of("train", "test")) {
                for (WorldPost p : splits.get(split)) {
                    Path file = dir.resolve(p.imagePath(split));
                    futures.add(pool.submit(() -> {
                        byte[] jpeg = SceneRenderer.jpeg(SceneRenderer.render(p.image()), p.image().jpegQuality());
                        Files.write(file, jpeg);
                        bytes.addAndGet(jpeg.length);
                        progress.accept(done.incrementAndGet());
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing images", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("image generation failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the temporary folder is hidden and named after its target
        }
    }
}
