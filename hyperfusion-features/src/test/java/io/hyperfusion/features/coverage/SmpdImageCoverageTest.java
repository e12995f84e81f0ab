package io.hyperfusion.features.coverage;

import static io.hyperfusion.features.coverage.Field.appended;
import static io.hyperfusion.features.coverage.FixtureFiles.rec;
import static io.hyperfusion.features.coverage.Field.flipped;
import static io.hyperfusion.features.coverage.Field.ignored;
import static io.hyperfusion.features.coverage.Field.otherThan;
import static io.hyperfusion.features.coverage.Field.scaled;
import static io.hyperfusion.features.coverage.Field.shiftedHours;
import static io.hyperfusion.features.coverage.Field.to;
import static io.hyperfusion.features.coverage.Field.vectorChanged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.smpd.SmpdImageReader;
import io.hyperfusion.features.coverage.FixtureFiles.Layout;
import io.hyperfusion.features.coverage.FixtureWorld.Author;
import io.hyperfusion.features.coverage.FixtureWorld.Item;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * SMPD-Image: every field of every file of a split (image list, labels, category, text, temporal-spatial,
 * additional information, user data) reaches a feature, or is listed as deliberately ignored with the reason. The
 * image itself is covered for real: MobileNetV2 embeds the fixture's JPEGs, and another picture at a post's path
 * moves its image columns.
 */
class SmpdImageCoverageTest {
    private static final String FORMAT = "SMPD-Image";
    private static final String ID = "id and join key: says which post or author a record belongs to (the author id groups"
            + " posts for the user and history statistics); not itself a value";
    private static final String TARGET = "the label: the target the models learn, never an input of the post's row";
    private static final String[] LABEL_KEYS = {"label", "Label", "popularity", "popularity_score"};
    private static final FixtureWorld WORLD = new FixtureWorld();

    static String uid(Author a) {
        return (10_000 + 137 * a.n()) + "@N0" + a.n() % 10;
    }

    static String pid(Item p) {
        return Integer.toString(300_000 + 7 * p.n());
    }

    /** The fixture: a train and a test split of the world, every file of each, every field present. */
    static FixtureFiles fixture() {
        FixtureFiles f = new FixtureFiles();
        for (boolean test : new boolean[] {false, true}) {
            String s = test ? "test" : "train";
            String p = s + "/" + s + "_";
            List<Map<String, Object>> list = f.file(p + "img_filepath.txt", "img_filepath.txt", Layout.IMAGE_LIST).records();
            List<Map<String, Object>> labels = test ? null : f.file(p + "label.json", "label.json", Layout.JSON_ARRAY).records();
            List<Map<String, Object>> cat = f.file(p + "category.json", "category.json", Layout.JSON_ARRAY).records();
            List<Map<String, Object>> text = f.file(p + "text.json", "text.json", Layout.JSON_ARRAY).records();
            List<Map<String, Object>> geo = f.file(p + "temporalspatial_information.json", "temporalspatial_information.json",
                    Layout.JSON_ARRAY).records();
            List<Map<String, Object>> add = f.file(p + "additional_information.json", "additional_information.json",
                    Layout.JSON_ARRAY).records();
            List<Map<String, Object>> users = f.file(p + "user_data.json", "user_data.json", Layout.PANDAS_COLUMNS).records();
            for (Item it : WORLD.split(test)) {
                String u = uid(it.author());
                String id = pid(it);
                list.add(rec("Uid", u, "Pid", id, "image", it.picture()));
                if (labels != null) { // one copy per spelling the reader accepts, so that each is a written field
                    labels.add(rec("Uid", u, "Pid", id, LABEL_KEYS[Math.max(0, it.n() % 10 - 6)], it.label()));
                }
                cat.add(rec("Uid", u, "Pid", Integer.parseInt(id), "Category", it.category(), "Subcategory",
                        it.subcategory(), "Concept", it.concept()));
                text.add(rec("Uid", u, "Pid", id, it.n() % 10 == 7 ? "Tile" : "Title", it.title(), // the misspelt copy
                        "Mediatype", it.mediatype(), "Alltags", String.join(" ", it.tags())));
                geo.add(rec("Uid", u, "Pid", id, "Postdate", Long.toString(it.at().getEpochSecond()),
                        "Latitude", it.lat() == null ? "0" : fmt(it.lat()), "Longitude", it.lon() == null ? "0" : fmt(it.lon()),
                        "Geoaccuracy", it.accuracy() == null ? "0" : it.accuracy().toString()));
                add.add(rec("Uid", u, "Pid", id, "Pathalias", it.author().pathAlias() == null ? "None" : it.author().pathAlias(),
                        "Ispublic", it.isPublic() ? "1" : "0", "Mediastatus", it.mediaStatus()));
                users.add(userRow(it));
            }
        }
        return f;
    }

    private static Map<String, Object> userRow(Item it) {
        Author a = it.author();
        int off = Math.abs(a.offsetMinutes());
        return rec("Pid", Integer.parseInt(pid(it)), "Uid", uid(a), "photo_firstdate", Long.toString(a.firstDate().getEpochSecond()),
                "photo_count", a.photoCount(), "ispro", a.pro() ? 1 : 0, "canbuypro", a.canBuyPro() ? 1 : 0,
                "timezone_offset", String.format(Locale.ROOT, "%s%02d:%02d", a.offsetMinutes() < 0 ? "-" : "+", off / 60, off % 60),
                "photo_firstdatetaken", Long.toString(a.firstTaken().getEpochSecond()),
                "timezone_id", a.zoneId() == null ? "" : a.zoneId(),
                "user_description", csv(a.description()), "location_description", csv(a.location()));
    }

    /** The table: every field of every file, mutated in one record or ignored with the reason. */
    static List<Field> table() {
        return List.of(
                ignored("img_filepath.txt", "Uid", ID), ignored("img_filepath.txt", "Pid", ID),
                post("img_filepath.txt", "image", 10, to(50)), // another picture at the post's path
                ignored("label.json", "Uid", ID), ignored("label.json", "Pid", ID),
                ignored("label.json", "label", TARGET), ignored("label.json", "Label", TARGET),
                ignored("label.json", "popularity", TARGET), ignored("label.json", "popularity_score", TARGET),
                ignored("category.json", "Uid", ID), ignored("category.json", "Pid", ID),
                post("category.json", "Category", 12, otherThan("Sports", "Food")),
                post("category.json", "Subcategory", 30, otherThan("City", "Beach")),
                post("category.json", "Concept", 75, otherThan("cake", "coffee")),
                ignored("text.json", "Uid", ID), ignored("text.json", "Pid", ID),
                post("text.json", "Title", 70, appended(" ", "at dawn")),
                post("text.json", "Tile", 17, appended(" ", "at dawn")),
                post("text.json", "Mediatype", 12, otherThan("video", "photo")),
                post("text.json", "Alltags", 30, appended(" ", "nightshot")),
                ignored("temporalspatial_information.json", "Uid", ID), ignored("temporalspatial_information.json", "Pid", ID),
                post("temporalspatial_information.json", "Postdate", 75, shiftedHours(7)),
                post("temporalspatial_information.json", "Latitude", 12, scaled(1.01)),
                post("temporalspatial_information.json", "Longitude", 40, scaled(1.01)),
                post("temporalspatial_information.json", "Geoaccuracy", 30, otherThan("16", "12")),
                ignored("additional_information.json", "Uid", ID), ignored("additional_information.json", "Pid", ID),
                post("additional_information.json", "Pathalias", 12, to("alias_elsewhere")),
                post("additional_information.json", "Ispublic", 30, flipped()),
                post("additional_information.json", "Mediastatus", 40, otherThan("failed", "ready")),
                ignored("user_data.json", "Uid", ID), ignored("user_data.json", "Pid", ID),
                user("photo_firstdate", 4, shiftedHours(-24 * 100)),
                user("photo_count", 5, scaled(3)),
                user("ispro", 6, flipped()),
                user("canbuypro", 8, flipped()),
                user("timezone_offset", 3, to("-03:00")), // author 3 has no zone id: the offset sets the hour
                user("photo_firstdatetaken", 9, shiftedHours(-24 * 300)),
                user("timezone_id", 10, to("America/Los_Angeles")),
                user("user_description", 1, vectorChanged()),
                user("location_description", 1, vectorChanged()));
    }

    @Test
    void tableListsExactlyTheFieldsTheFixtureWritesAndTheReaderKnows(@TempDir Path dir) {
        FixtureFiles f = fixture();
        f.write(dir);
        List<Field> table = table();
        CoverageAssertions.tableMatchesFixture(FORMAT, table, f.writtenKeys(dir));
        CoverageAssertions.coversReaderKeys(FORMAT, table, SmpdImageReader.JSON_KEYS);
        List<Field> stale = table.stream().filter(x -> !x.key().equals("Mediastatus")).toList();
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> CoverageAssertions.tableMatchesFixture(FORMAT, stale, f.writtenKeys(dir)));
        assertTrue(e.getMessage().contains("must list exactly the fields the fixture writes"), e.getMessage());
        e = assertThrows(AssertionFailedError.class,
                () -> CoverageAssertions.coversReaderKeys(FORMAT, stale, SmpdImageReader.JSON_KEYS));
        assertTrue(e.getMessage().contains("table of additional_information.json must cover every key"), e.getMessage());
    }

    @Test
    void aFieldThatNoSelectedGroupReadsFailsNamingFormatFileAndField(@TempDir Path dir) {
        // Without the meta group nothing reads the media type: the check must say so, and still pass the title.
        try (CoverageRun run = new CoverageRun(FORMAT, new SmpdImageReader(), dir, "all,-meta", false, false)) {
            run.fit(fixture());
            List<Field> two = table().stream().filter(f -> f.key().equals("Mediatype") || f.key().equals("Title")).toList();
            Map<Field, CoverageRun.Outcome> o = run.mutateAll(two, SmpdImageCoverageTest::fixture);
            assertEquals(List.of("text", "textlin"), o.get(two.get(0)).groups(), "the title, without text embeddings");
            assertNull(o.get(two.get(0)).failure());
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> CoverageAssertions.everyFieldReachesAFeature(FORMAT, o));
            assertTrue(e.getMessage().startsWith("1 field(s) of SMPD-Image feed no feature:\n  [SMPD-Image] text.json field"
                    + " 'Mediatype' (post 11781@N03/300084): read, but no feature value of the post changed"), e.getMessage());
        }
    }

    @Test
    void everyFieldReachesAFeature(@TempDir Path dir) {
        try (CoverageRun run = new CoverageRun(FORMAT, new SmpdImageReader(), dir, true)) {
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
            Map<Field, CoverageRun.Outcome> outcomes = run.mutateAll(table, SmpdImageCoverageTest::fixture);
            System.out.print(CoverageAssertions.report(FORMAT, table, outcomes));
            CoverageAssertions.everyFieldReachesAFeature(FORMAT, outcomes);
        }
    }

    private static Field post(String kind, String key, int i, UnaryOperator<Object> op) {
        Item it = WORLD.posts.get(i);
        return Field.changed(kind, key, Field.Target.post(uid(it.author()), pid(it)), "Pid", "Uid", op);
    }

    private static Field user(String key, int a, UnaryOperator<Object> op) {
        return Field.changed("user_data.json", key, Field.Target.user(uid(WORLD.authors.get(a))), "Pid", "Uid", op);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private static String csv(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (float x : v) {
            sb.append(sb.length() == 0 ? "" : ",").append(x);
        }
        return sb.toString();
    }
}
