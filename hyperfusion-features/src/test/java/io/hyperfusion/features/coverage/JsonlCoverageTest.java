package io.hyperfusion.features.coverage;

import static io.hyperfusion.features.coverage.Field.added;
import static io.hyperfusion.features.coverage.Field.appended;
import static io.hyperfusion.features.coverage.Field.flipped;
import static io.hyperfusion.features.coverage.Field.ignored;
import static io.hyperfusion.features.coverage.Field.otherThan;
import static io.hyperfusion.features.coverage.Field.scaled;
import static io.hyperfusion.features.coverage.Field.shiftedHours;
import static io.hyperfusion.features.coverage.Field.to;
import static io.hyperfusion.features.coverage.Field.vectorChanged;
import static io.hyperfusion.features.coverage.FixtureFiles.rec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.jsonl.JsonlPostReader;
import io.hyperfusion.features.coverage.FixtureFiles.Layout;
import io.hyperfusion.features.coverage.FixtureWorld.Author;
import io.hyperfusion.features.coverage.FixtureWorld.Item;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own JSON-lines format: every post key and every profile key, and the keys inside {@code numeric}
 * and {@code categorical}, reach a feature, or are listed as deliberately ignored with the reason. Images are real
 * JPEGs embedded by MobileNetV2; the image key's mutation points a post at another post's picture.
 */
class JsonlCoverageTest {
    private static final String FORMAT = "JSONL";
    private static final String ID = "id: says which post or author a record belongs to (the author id groups"
            + " posts for the user and history statistics); not itself a value";
    private static final FixtureWorld WORLD = new FixtureWorld();

    static String uid(Author a) {
        return String.format("u%02d", a.n());
    }

    static String pid(Item p) {
        return String.format("p%03d", p.n());
    }

    /** The fixture: posts.jsonl (train then test posts), users.jsonl and one JPEG per post under images/. */
    static FixtureFiles fixture() {
        FixtureFiles f = new FixtureFiles();
        List<Map<String, Object>> posts = f.file("posts.jsonl", "posts.jsonl", Layout.JSON_LINES).records();
        for (Item it : WORLD.posts) {
            Map<String, Object> r = rec("post_id", pid(it), "user_id", uid(it.author()),
                    // Both time forms the format allows: ISO-8601 and unix seconds.
                    "posted_at", it.n() % 6 == 5 ? (Object) it.at().getEpochSecond() : it.at().toString(),
                    "title", it.title(), "tags", new ArrayList<>(it.tags()), "image", "images/" + pid(it) + ".jpg",
                    "category", it.category(), "subcategory", it.subcategory(), "concept", it.concept());
            if (it.lat() != null) {
                r.putAll(rec("latitude", it.lat(), "longitude", it.lon(), "geo_accuracy", it.accuracy()));
            }
            r.put("numeric", rec("views", it.views(), "faves", it.faves()));
            r.put("categorical", rec("device", it.device(), "license", it.license()));
            if (!it.test()) {
                r.put("label", it.label());
            }
            r.put("split", it.test() ? "test" : "train");
            posts.add(r);
            f.picture("images/" + pid(it) + ".jpg", it.picture());
        }
        List<Map<String, Object>> users = f.file("users.jsonl", "users.jsonl", Layout.JSON_LINES).records();
        for (Author a : WORLD.authors) {
            Map<String, Object> r = rec("user_id", uid(a), "photo_count", a.photoCount(), "is_pro", a.pro(),
                    "can_buy_pro", a.canBuyPro(), "first_photo_date", a.firstDate().toString(),
                    "first_photo_taken", a.firstTaken().toString(), "timezone_offset_minutes", a.offsetMinutes());
            if (a.zoneId() != null) {
                r.put("timezone_id", a.zoneId());
            }
            if (a.description().length > 0) {
                r.put("user_description", floats(a.description()));
            }
            if (a.location().length > 0) {
                r.put("location_description", floats(a.location()));
            }
            r.put("numeric", rec("followers", a.counts()[1], "following", a.counts()[0]));
            users.add(r);
        }
        return f;
    }

    /** The table: every key of both files, mutated in one record or ignored with the reason. */
    static List<Field> table() {
        return List.of(
                ignored("posts.jsonl", "post_id", ID), ignored("posts.jsonl", "user_id", ID),
                post("posted_at", 71, shiftedHours(7)), // unix seconds, a test post
                post("title", 75, appended(" ", "at dawn")),
                post("tags", 14, added("nightshot")),
                post("image", 10, to("images/p030.jpg")), // another post's (different) picture
                post("category", 12, otherThan("Sports", "Food")),
                post("subcategory", 30, otherThan("City", "Beach")),
                post("concept", 70, otherThan("cake", "coffee")),
                post("latitude", 12, scaled(1.01)),
                post("longitude", 40, scaled(1.01)),
                post("geo_accuracy", 30, otherThan(16, 12)),
                post("numeric.views", 20, scaled(3)),
                post("numeric.faves", 77, scaled(3)),
                post("categorical.device", 26, otherThan("canon", "pixel")),
                post("categorical.license", 44, otherThan("cc-by", "all-rights")),
                ignored("posts.jsonl", "label", "the label: the target the models learn, never an input of the post's row"),
                ignored("posts.jsonl", "split", "decides whether a post's label is used (train) or dropped (test); not a value"),
                ignored("users.jsonl", "user_id", ID),
                user("photo_count", 5, scaled(3)),
                user("is_pro", 6, flipped()),
                user("can_buy_pro", 8, flipped()),
                user("first_photo_date", 4, shiftedHours(-24 * 100)),
                user("first_photo_taken", 9, shiftedHours(-24 * 300)),
                user("timezone_offset_minutes", 11, to(-180)), // author 11 has no zone id: the offset sets the hour
                user("timezone_id", 10, to("America/Los_Angeles")),
                user("user_description", 1, vectorChanged()),
                user("location_description", 1, vectorChanged()),
                user("numeric.followers", 12, scaled(3)),
                user("numeric.following", 13, scaled(3)));
    }

    @Test
    void tableListsExactlyTheFieldsTheFixtureWritesAndTheReaderKnows(@TempDir Path dir) {
        FixtureFiles f = fixture();
        f.write(dir);
        CoverageAssertions.tableMatchesFixture(FORMAT, table(), f.writtenKeys(dir));
        CoverageAssertions.coversReaderKeys(FORMAT, table(), Map.of("posts.jsonl", JsonlPostReader.POST_KEYS,
                "users.jsonl", JsonlPostReader.USER_KEYS));
    }

    @Test
    void everyFieldReachesAFeature(@TempDir Path dir) {
        try (CoverageRun run = new CoverageRun(FORMAT, new JsonlPostReader(), dir, true)) {
            CoverageRun.Snapshot base = run.fit(fixture());
            CoverageAssertions.cleanRead(FORMAT, base.ds(), FixtureWorld.POSTS, FixtureWorld.POSTS - FixtureWorld.TEST_POSTS);
            int present = run.pipeline().schema().indexOf("image#present");
            assertEquals(FixtureWorld.POSTS, base.rows().values().stream().filter(r -> r[present] == 1.0).count(),
                    "every post's picture is embedded");
            CoverageRun.Snapshot again = run.snapshot(fixture());
            for (PostKey k : base.rows().keySet()) {
                assertArrayEquals(base.rows().get(k), again.rows().get(k), "unchanged fixture, unchanged row " + k);
            }
            List<Field> table = table();
            Map<Field, CoverageRun.Outcome> outcomes = run.mutateAll(table, JsonlCoverageTest::fixture);
            System.out.print(CoverageAssertions.report(FORMAT, table, outcomes));
            CoverageAssertions.everyFieldReachesAFeature(FORMAT, outcomes);
        }
    }

    private static Field post(String key, int i, UnaryOperator<Object> op) {
        Item it = WORLD.posts.get(i);
        return Field.changed("posts.jsonl", key, Field.Target.post(uid(it.author()), pid(it)), "post_id", "user_id", op);
    }

    private static Field user(String key, int a, UnaryOperator<Object> op) {
        return Field.changed("users.jsonl", key, Field.Target.user(uid(WORLD.authors.get(a))), "post_id", "user_id", op);
    }

    private static List<Double> floats(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float x : v) {
            out.add((double) x);
        }
        return out;
    }
}
