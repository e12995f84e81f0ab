package io.hyperfusion.features.coverage;

import static io.hyperfusion.features.coverage.Field.added;
import static io.hyperfusion.features.coverage.Field.appended;
import static io.hyperfusion.features.coverage.Field.ignored;
import static io.hyperfusion.features.coverage.Field.otherThan;
import static io.hyperfusion.features.coverage.Field.scaled;
import static io.hyperfusion.features.coverage.Field.shiftedHours;
import static io.hyperfusion.features.coverage.FixtureFiles.rec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.smpd.SmpdVideoReader;
import io.hyperfusion.features.coverage.FixtureFiles.Layout;
import io.hyperfusion.features.coverage.FixtureWorld.Author;
import io.hyperfusion.features.coverage.FixtureWorld.Item;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMPD-Video: every key of the posts, users, videos and popularity files reaches a feature, or is listed as
 * deliberately ignored with the reason. Posts have no image (video files are not read), so MobileNetV2 is not
 * opened; titles and tags are embedded with MiniLM as the project does.
 */
class SmpdVideoCoverageTest {
    private static final String FORMAT = "SMPD-Video";
    private static final String ID = "id and join key: says which post or author a record belongs to (the author id groups"
            + " posts for the user and history statistics); not itself a value";
    private static final String VIDEO = "names the video file; video files are not read (the project has no video encoder)";
    private static final String[] COUNTS = {"user_following_count", "user_follower_count", "user_likes_count",
        "user_video_count", "user_digg_count", "user_heart_count", "user_friend_count"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final FixtureWorld WORLD = new FixtureWorld();

    static String uid(Author a) {
        return String.format("USER%08d", 1 + a.n());
    }

    static String pid(Item p) {
        return String.format("POST%08d", 1 + p.n());
    }

    /** The fixture: a train and a test split, each with its posts, users and videos files; popularity for train. */
    static FixtureFiles fixture() {
        FixtureFiles f = new FixtureFiles();
        for (boolean test : new boolean[] {false, true}) {
            String s = test ? "test" : "train";
            String p = s + "/SMP-Video_anonymized_";
            List<Map<String, Object>> posts = f.file(p + "posts_" + s + ".jsonl", "posts", Layout.JSON_LINES).records();
            List<Map<String, Object>> users = f.file(p + "users_" + s + ".jsonl", "users", Layout.JSON_LINES).records();
            List<Map<String, Object>> videos = f.file(p + "videos_" + s + ".jsonl", "videos", Layout.JSON_LINES).records();
            List<Map<String, Object>> pop = test ? null
                    : f.file(p + "popularity_train.jsonl", "popularity", Layout.JSON_LINES).records();
            Set<Author> authors = new LinkedHashSet<>();
            for (Item it : WORLD.split(test)) {
                String u = uid(it.author());
                String id = pid(it);
                String vid = String.format("VIDEO%08d", 1 + it.n());
                authors.add(it.author());
                posts.add(rec("pid", id, "uid", u, "post_content", String.join(",", it.tags()),
                        "post_location", it.author().country(), "post_suggested_words", it.suggested(),
                        "post_text_language", it.author().language(), "video_path", s + "/" + u + "/" + vid + ".mp4",
                        "post_time", TIME.format(it.at())));
                videos.add(rec("vid", vid, "pid", id, "uid", u, "video_height", it.height(), "video_width", it.width(),
                        "video_duration", it.duration(), "video_ratio", it.ratio(), "video_format", it.format(),
                        "music_title", it.music(), "music_duration", it.musicDuration()));
                if (pop != null) {
                    pop.add(rec("pid", id, "uid", u, "popularity", it.label()));
                }
            }
            for (Author a : authors) {
                Map<String, Object> r = rec("uid", uid(a));
                for (int k = 0; k < COUNTS.length; k++) {
                    // Some copies write counts as strings; the reader takes both.
                    r.put(COUNTS[k], k == 1 && a.n() % 3 == 0 ? (Object) Long.toString((long) a.counts()[k]) : a.counts()[k]);
                }
                users.add(r);
            }
        }
        return f;
    }

    /** The table: every key of every file, mutated in one record or ignored with the reason. */
    static List<Field> table() {
        return List.of(
                ignored("posts", "pid", ID), ignored("posts", "uid", ID),
                post("posts", "post_content", 14, appended(",", "nightshot")),
                post("posts", "post_location", 20, otherThan("US", "GB")),
                post("posts", "post_suggested_words", 72, added("slowmo")),
                post("posts", "post_text_language", 26, otherThan("de", "en")),
                ignored("posts", "video_path", VIDEO),
                post("posts", "post_time", 77, shiftedHours(7)),
                ignored("users", "uid", ID),
                user(COUNTS[0], 4), user(COUNTS[1], 6), user(COUNTS[2], 9), user(COUNTS[3], 12),
                user(COUNTS[4], 0), user(COUNTS[5], 3), user(COUNTS[6], 8),
                ignored("videos", "vid", VIDEO), ignored("videos", "pid", ID), ignored("videos", "uid", ID),
                post("videos", "video_height", 5, scaled(1.5)),
                post("videos", "video_width", 9, scaled(1.5)),
                post("videos", "video_duration", 33, scaled(2)),
                post("videos", "video_ratio", 44, otherThan("720p", "540p")),
                post("videos", "video_format", 50, otherThan("webm", "mp4")),
                post("videos", "music_title", 61, otherThan("Levitating", "original sound")),
                post("videos", "music_duration", 83, scaled(2)),
                ignored("popularity", "pid", ID), ignored("popularity", "uid", ID),
                ignored("popularity", "popularity", "the label: the target the models learn, never an input of the post's row"));
    }

    @Test
    void tableListsExactlyTheFieldsTheFixtureWritesAndTheReaderKnows(@TempDir Path dir) {
        FixtureFiles f = fixture();
        f.write(dir);
        CoverageAssertions.tableMatchesFixture(FORMAT, table(), f.writtenKeys(dir));
        CoverageAssertions.coversReaderKeys(FORMAT, table(), SmpdVideoReader.KEYS);
    }

    @Test
    void everyFieldReachesAFeature(@TempDir Path dir) {
        try (CoverageRun run = new CoverageRun(FORMAT, new SmpdVideoReader(), dir, false)) {
            CoverageRun.Snapshot base = run.fit(fixture());
            CoverageAssertions.cleanRead(FORMAT, base.ds(), FixtureWorld.POSTS, FixtureWorld.POSTS - FixtureWorld.TEST_POSTS);
            CoverageRun.Snapshot again = run.snapshot(fixture());
            for (PostKey k : base.rows().keySet()) {
                assertArrayEquals(base.rows().get(k), again.rows().get(k), "unchanged fixture, unchanged row " + k);
            }
            List<Field> table = table();
            Map<Field, CoverageRun.Outcome> outcomes = run.mutateAll(table, SmpdVideoCoverageTest::fixture);
            System.out.print(CoverageAssertions.report(FORMAT, table, outcomes));
            CoverageAssertions.everyFieldReachesAFeature(FORMAT, outcomes);
        }
    }

    private static Field post(String kind, String key, int i, UnaryOperator<Object> op) {
        Item it = WORLD.posts.get(i);
        return Field.changed(kind, key, Field.Target.post(uid(it.author()), pid(it)), "pid", "uid", op);
    }

    private static Field user(String key, int a) {
        return Field.changed("users", key, Field.Target.user(uid(WORLD.authors.get(a))), "pid", "uid", scaled(3));
    }
}
