package io.hyperfusion.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.stats.TargetStatistics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturePipelineTest {

    static List<Post> posts(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Post> out = new ArrayList<>();
        String[] cats = {"Animal", "Food", "Urban", "Whether&Season"};
        for (int i = 0; i < n; i++) {
            out.add(Post.builder(String.valueOf(1000 + i), "u" + r.nextInt(20))
                    .postedAt(Instant.ofEpochSecond(1_450_000_000L + 3600L * i))
                    .title(i % 7 == 0 ? "" : "title number " + i)
                    .tags(List.of("a", "b", "c").subList(0, r.nextInt(4)))
                    .category(cats[r.nextInt(cats.length)])
                    .categorical("mediatype", i % 3 == 0 ? "video" : "photo")
                    .numeric("ispublic", 1)
                    .geo(i % 2 == 0 ? 51.5 : null, i % 2 == 0 ? -0.12 : null, i % 2 == 0 ? 16 : null)
                    .label(r.nextDouble(1, 12))
                    .build());
        }
        return out;
    }

    static FeatureContext ctx() {
        return new FeatureContext(Map.of(
                "u1", new UserProfile("u1", 120.0, true, false, Instant.ofEpochSecond(1_300_000_000L), null,
                        -480, "America/Los_Angeles", null, null, Map.of("followers", 10.0)),
                "u2", new UserProfile("u2", 5.0, false, true, null, null, 60, "Not/AZone", null, null, null)),
                null);
    }

    @Test
    void saveLoadGivesIdenticalFeatures(@TempDir Path dir) {
        List<Post> train = posts(200, 1);
        FeaturePipeline.Fit fit = FeatureGroups.select("all").fit(train, ctx(), 42);
        List<Post> fresh = posts(50, 2);
        FeatureMatrix before = fit.pipeline().transform(fresh, ctx());
        fit.pipeline().save(dir);
        FittedPipeline loaded = FittedPipeline.load(dir);
        assertEquals(fit.pipeline().schema(), loaded.schema());
        assertArrayEquals(before.values(), loaded.transform(fresh, ctx()).values());
        assertTrue(loaded.schema().names().contains("meta#cat_mediatype"));
        assertTrue(loaded.schema().names().contains("user#followers"));
        assertTrue(loaded.schema().isCategorical(loaded.schema().indexOf("meta#category")));
    }

    @Test
    void theSavedFileIsGzippedDeterministicAndAnOldPlainFileStillLoads(@TempDir Path dir) throws Exception {
        FeaturePipeline.Fit fit = FeatureGroups.select("all").fit(posts(200, 1), ctx(), 42);
        Path a = java.nio.file.Files.createDirectories(dir.resolve("a"));
        Path b = java.nio.file.Files.createDirectories(dir.resolve("b"));
        fit.pipeline().save(a);
        fit.pipeline().save(b);
        byte[] gz = java.nio.file.Files.readAllBytes(a.resolve(FittedPipeline.FILE_GZ));
        assertArrayEquals(gz, java.nio.file.Files.readAllBytes(b.resolve(FittedPipeline.FILE_GZ)));
        assertEquals(0x1f, gz[0] & 0xff); // gzip magic
        assertEquals(0x8b, gz[1] & 0xff);
        // A bundle written before compression holds the plain JSON, which still loads.
        Path old = java.nio.file.Files.createDirectories(dir.resolve("old"));
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(a.resolve(FittedPipeline.FILE_GZ)))) {
            java.nio.file.Files.write(old.resolve(FittedPipeline.FILE), in.readAllBytes());
        }
        List<Post> fresh = posts(50, 2);
        assertArrayEquals(fit.pipeline().transform(fresh, ctx()).values(),
                FittedPipeline.load(old).transform(fresh, ctx()).values());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FittedPipeline.load(dir));
        assertTrue(e.getMessage().contains(FittedPipeline.FILE_GZ), e.getMessage());
    }

    @Test
    void sameSeedSameTrainingMatrixOtherSeedOtherFolds() {
        List<Post> train = posts(300, 3);
        double[] a = FeatureGroups.select("all").fit(train, ctx(), 7).trainMatrix().values();
        double[] b = FeatureGroups.select("all").fit(train, ctx(), 7).trainMatrix().values();
        double[] c = FeatureGroups.select("all").fit(train, ctx(), 8).trainMatrix().values();
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }

    @Test
    void noColumnSeesItsOwnLabelAndOrderedOnesNoLaterLabel() {
        for (TargetStatistics.Mode mode : TargetStatistics.Mode.values()) {
            List<Post> train = posts(300, 4);
            FeaturePipeline pipe = FeatureGroups.select("all",
                    FeatureOptions.of(Map.of("target_stats", mode.name().toLowerCase(java.util.Locale.ROOT),
                            "category_stats", true, "frequencies", true, "ratios", true)));
            FeatureMatrix m1 = pipe.fit(train, ctx(), 9).trainMatrix();
            int row = 123;
            List<Post> changed = new ArrayList<>(train);
            changed.set(row, train.get(row).withLabel(train.get(row).label() + 50));
            FeatureMatrix m2 = pipe.fit(changed, ctx(), 9).trainMatrix();
            List<String> moved = new ArrayList<>();
            for (int col = 0; col < m1.cols(); col++) {
                if (Double.compare(m1.get(row, col), m2.get(row, col)) != 0) {
                    moved.add(m1.schema().name(col));
                }
                if (mode == TargetStatistics.Mode.ORDERED) {
                    // Posts are hourly in index order: no earlier row may see the change either.
                    for (int r = 0; r < row; r++) {
                        assertEquals(m1.get(r, col), m2.get(r, col), 0.0,
                                "row " + r + " saw a later label in " + m1.schema().name(col));
                    }
                }
            }
            assertEquals(List.of(), moved, mode + ": columns of row " + row + " saw its own label");
            // The label-derived columns do react to the other rows' labels (the test can fail).
            for (String c : List.of("user#te_mean", "meta#te_category", "textlin#ridge", "geo#te_1_0", "trend#last_label")) {
                int col = m1.schema().indexOf(c);
                assertTrue(java.util.stream.IntStream.range(row + 1, 300).anyMatch(r -> m1.get(r, col) != m2.get(r, col)),
                        mode + ": " + c + " ignores the labels");
            }
        }
    }

    @Test
    void authorZoneDrivesHour() {
        Post p = Post.builder("1", "u1").postedAt(Instant.parse("2016-03-01T20:00:00Z")).label(1.0).build();
        FeatureMatrix m = FeatureGroups.select("time").fit(List.of(p), ctx(), 1).trainMatrix();
        assertEquals(12.0, m.get(0, m.schema().indexOf("time#hour")), "20:00Z is noon in Los Angeles");
        Post q = Post.builder("2", "u2").postedAt(Instant.parse("2016-03-01T20:00:00Z")).label(1.0).build();
        FeatureMatrix n = FeatureGroups.select("time").fit(List.of(q), ctx(), 1).trainMatrix();
        assertEquals(21.0, n.get(0, n.schema().indexOf("time#hour")), "invalid zone id falls back to +60 min");
    }

    @Test
    void selectionSyntax() {
        assertEquals(List.of("meta", "time", "geo", "text", "textlin", "history", "trend", "image", "textemb",
                "crossmodal", "cluster"), FeatureGroups.parse("all,-user"));
        assertEquals(List.of("time", "user"), FeatureGroups.parse("user,time"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureGroups.parse("all,-bogus"));
        assertTrue(e.getMessage().contains("bogus"));
        assertThrows(IllegalArgumentException.class, () -> FeatureGroups.parse(
                "all,-meta,-time,-geo,-text,-textlin,-user,-history,-trend,-image,-textemb,-crossmodal,-cluster"));
    }

    @Test
    void historyIgnoresLaterPosts() {
        List<Post> train = posts(200, 5);
        FeaturePipeline pipe = FeatureGroups.select("history");
        FeatureContext c1 = new FeatureContext(Map.of(), null, null, train);
        FeatureMatrix m1 = pipe.fit(train, c1, 1).trainMatrix();
        // Change the tags of the last 50 posts and drop 20 others from the end: earlier rows must not move.
        List<Post> changed = new ArrayList<>(train.subList(0, 150));
        for (Post p : train.subList(150, 180)) {
            changed.add(Post.builder(p.postId(), p.userId()).postedAt(p.postedAt()).tags(List.of("a", "zzz"))
                    .label(p.label()).build());
        }
        FeatureContext c2 = new FeatureContext(Map.of(), null, null, changed);
        FeatureMatrix m2 = pipe.fit(changed, c2, 1).trainMatrix();
        for (int r = 0; r < 150; r++) {
            assertArrayEquals(m1.row(r), m2.row(r), "row " + r + " depends on a later post");
        }
        int prev = m1.schema().indexOf("history#prev_posts");
        assertEquals(0.0, m1.get(0, prev), "the first post has no history");
        assertTrue(java.util.stream.IntStream.range(0, 200).anyMatch(r -> m1.get(r, prev) > 3));
    }

    /** A group whose rows are narrower or wider than its names is caught, not laid over its neighbour's columns. */
    @Test
    void aGroupWhoseRowsDoNotMatchItsNamesIsRefused() {
        for (int width : new int[] {1, 3}) {
            FittedGroup wrong = new FittedGroup() {
                @Override public List<String> names() { return List.of("odd#a", "odd#b"); }
                @Override public double[][] transform(List<Post> posts, FeatureContext c) {
                    return new double[posts.size()][width];
                }
            };
            FittedPipeline p = new FittedPipeline(List.of(wrong));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.transform(posts(3, 1), ctx()));
            assertTrue(e.getMessage().contains("row of " + width + " values for its 2 columns"), e.getMessage());
        }
    }
}
