package io.hyperfusion.data.smpd;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.UserProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture {@code fixtures/smpd-video} with and without its popularity file. */
class SmpdVideoReaderTest {
    private static final String TRAIN = "train/SMP-Video_anonymized_";

    private final PostDataset ds = new SmpdVideoReader().read(Fixtures.fixture("smpd-video"), ReadOptions.defaults());

    @Test
    void joinsPostsVideosAndLabels() {
        assertEquals(List.of("POST00000001", "POST00000002"), ds.labelled().stream().map(Post::postId).toList());
        assertEquals(List.of(7.25, 3.5), ds.labelled().stream().map(Post::label).toList());
        Post p = ds.labelled().get(0);
        assertEquals("USER00000001", p.userId());
        assertEquals("falconry birds training", p.title());
        assertEquals(List.of("falconry", "birds", "training", "big bird"), p.tags());
        assertEquals(Instant.parse("2022-08-25T16:15:00Z"), p.postedAt());
        assertEquals(Map.of("location", "CA", "language", "en", "video_ratio", "540p", "video_format", "mp4",
                "music_title", "song"),
                p.categorical());
        assertEquals(Map.of("suggested_word_count", 2.0, "video_height", 1024.0, "video_width", 576.0,
                "video_duration", 15.2, "music_duration", 15.0), p.numeric());
        assertNull(p.imagePath());
        Post empty = ds.labelled().get(1);
        assertEquals("", empty.title());
        assertEquals(List.of(), empty.tags());
        assertEquals(720.0, empty.numeric().get("video_height"), "numbers as strings");
    }

    @Test
    void testSplitIsUnlabelledEvenWithAPopularityFile() {
        assertEquals(List.of("POST00000101"), ds.unlabelled().stream().map(Post::postId).toList());
        assertNull(ds.unlabelled().get(0).label());
        assertEquals(List.of("falconry", "hawk"), ds.unlabelled().get(0).tags());
    }

    @Test
    void usersBecomeProfilesWithNumericCounts() {
        assertEquals(2, ds.users().size());
        UserProfile u = ds.users().get("USER00000001");
        assertEquals(7, u.numeric().size());
        assertEquals(2500.0, u.numeric().get("user_follower_count"));
        assertEquals(Map.of("user_following_count", 1.0), ds.users().get("USER00000002").numeric());
    }

    @Test
    void summaryIsExact() {
        LoadSummary s = ds.summary();
        assertEquals(Map.of(TRAIN + "posts_train.jsonl", 5L, TRAIN + "users_train.jsonl", 3L,
                TRAIN + "videos_train.jsonl", 3L, TRAIN + "popularity_train.jsonl", 3L,
                "test/SMP-Video_anonymized_posts_test.jsonl", 1L), s.rows());
        assertEquals(Map.of(TRAIN + "users_train.jsonl", 1L, TRAIN + "videos_train.jsonl", 1L,
                TRAIN + "popularity_train.jsonl", 1L), s.unmatched());
        List<LoadSummary.Skip> skips = s.skips();
        assertEquals(5, skips.size(), skips.toString());
        assertEquals(new LoadSummary.Skip(TRAIN + "posts_train.jsonl", "line 3",
                "bad post_time: expected unix seconds or a date-time, got \"yesterday\""), skips.get(0));
        assertEquals("line 4", skips.get(1).location());
        assertTrue(skips.get(1).reason().startsWith("bad JSON: Unrecognized token 'broken'"), skips.get(1).reason());
        assertEquals(new LoadSummary.Skip(TRAIN + "posts_train.jsonl", "line 6",
                "no id: a post needs both pid and uid"), skips.get(2));
        assertEquals(new LoadSummary.Skip(TRAIN + "users_train.jsonl", "line 2",
                "bad user_follower_count: expected a number, got \"many\""), skips.get(3));
        assertEquals(new LoadSummary.Skip(TRAIN + "popularity_train.jsonl", "pid POST00000003",
                "no label: the post has no popularity record"), skips.get(4));
        assertEquals(3, s.postsWithoutImage());
        assertEquals(List.of("test/SMP-Video_anonymized_users_test.jsonl absent: no user profiles from this split",
                "test/SMP-Video_anonymized_videos_test.jsonl absent: no video metadata"), s.notes());
    }

    @Test
    void withoutPopularityTrainPostsAreUnlabelled(@TempDir Path dir) throws IOException {
        Path root = Fixtures.copy("smpd-video", dir);
        Files.delete(root.resolve(TRAIN + "popularity_train.jsonl"));
        PostDataset d = new SmpdVideoReader().read(root, ReadOptions.defaults());
        assertEquals(List.of(), d.labelled());
        assertEquals(List.of("POST00000001", "POST00000002", "POST00000003", "POST00000101"),
                d.unlabelled().stream().map(Post::postId).toList());
        assertEquals("train/SMP-Video_anonymized_popularity_train.jsonl absent: train posts are unlabelled",
                d.summary().notes().get(0));
        assertEquals(4, d.summary().skipCount());
    }

    @Test
    void failPolicyNamesFileAndLine() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new SmpdVideoReader()
                .read(Fixtures.fixture("smpd-video"), new ReadOptions(BadRowPolicy.FAIL, false)));
        assertEquals("line 3", e.location());
        assertTrue(e.getMessage().contains("posts_train.jsonl (line 3): bad post_time"), e.getMessage());
    }

    @Test
    void missingPostsFileOrFoldersAreErrors(@TempDir Path dir) throws IOException {
        assertThrows(DataFormatException.class, () -> new SmpdVideoReader().read(dir, ReadOptions.defaults()));
        Files.createDirectories(dir.resolve("test"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new SmpdVideoReader().read(dir, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("SMP-Video_anonymized_posts_test.jsonl: the posts file"), e.getMessage());
    }

    @Test
    void unknownKeysAreNotedButVideoPathVidAndNumericUserFieldsAreKnown(@TempDir Path dir) throws IOException {
        Path root = Fixtures.copy("smpd-video", dir);
        Fixtures.write(root, "test/SMP-Video_anonymized_users_test.jsonl",
                "{\"uid\": \"USER00000001\", \"user_follower_count\": 3, \"score\": 2.5, \"nickname\": \"al\"}\n");
        Fixtures.write(root, "test/SMP-Video_anonymized_videos_test.jsonl",
                "{\"vid\": \"V1\", \"pid\": \"POST00000101\", \"video_fps\": 30}\n");
        PostDataset d = new SmpdVideoReader().read(root, ReadOptions.defaults());
        assertEquals(2.5, d.users().get("USER00000001").numeric().get("score"), "other numeric user keys are read");
        assertEquals(List.of("ignored unknown key 'nickname' in 1 records of test/SMP-Video_anonymized_users_test.jsonl",
                "ignored unknown key 'video_fps' in 1 records of test/SMP-Video_anonymized_videos_test.jsonl"),
                d.summary().notes().stream().filter(n -> n.startsWith("ignored")).toList());
        assertTrue(SmpdVideoReader.KEYS.get("posts").contains("video_path"));
        assertTrue(SmpdVideoReader.KEYS.get("videos").contains("vid"));
    }
}
