package io.hyperfusion.data.smpd;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.UserProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture {@code fixtures/smpd-image}: every file, every quirk, read under SKIP and FAIL. */
class SmpdImageReaderTest {
    private static final ReadOptions SKIP_NO_IMAGES = new ReadOptions(BadRowPolicy.SKIP, false);

    private final PostDataset ds = new SmpdImageReader().read(Fixtures.fixture("smpd-image"), SKIP_NO_IMAGES);

    @Test
    void imageListFixesPostsAndOrderAndTrainIsLabelled() {
        assertEquals(List.of("775", "776", "900"), ds.labelled().stream().map(Post::postId).toList());
        assertEquals(List.of(6.0375, 7.5, 3.25), ds.labelled().stream().map(Post::label).toList());
        assertEquals(List.of("564687", "564688"), ds.unlabelled().stream().map(Post::postId).toList());
        assertTrue(ds.unlabelled().stream().noneMatch(Post::isLabelled), "test labels are never read");
        assertEquals("train/59@N75/775.jpg", ds.labelled().get(0).imagePath());
        assertEquals("test/70478@N10/564688.jpg", ds.unlabelled().get(1).imagePath());
    }

    @Test
    void joinsEveryJsonFileWithNumericPidsNormalised() {
        Post p = ds.labelled().get(0);
        assertEquals("59@N75", p.userId());
        assertEquals("Whether&Season", p.category());
        assertEquals("Raining", p.subcategory());
        assertEquals("umbrella", p.concept());
        assertEquals("rainy walk in soho", p.title());
        assertEquals(List.of("rain", "umbrella", "london"), p.tags());
        assertEquals(Instant.ofEpochSecond(1457068974), p.postedAt());
        assertEquals(51.513, p.latitude());
        assertEquals(-0.1318, p.longitude());
        assertEquals(16, p.geoAccuracy());
        assertEquals(Map.of("ispublic", 1.0), p.numeric());
        assertEquals(Map.of("mediatype", "photo", "mediastatus", "ready"), p.categorical(), "Pathalias None is absent");
    }

    @Test
    void toleratesMisspellingZeroGeoAndMissingFields() {
        Post p776 = ds.labelled().get(1);
        assertEquals("misspelt title", p776.title(), "the 'Tile' key is read as the title");
        assertEquals(List.of(), p776.tags());
        assertEquals(Instant.ofEpochSecond(1457068975), p776.postedAt(), "Postdate as a JSON number");
        assertNull(p776.latitude(), "\"0\",\"0\" means no geo tag");
        assertNull(p776.geoAccuracy());
        assertEquals("walker", p776.categorical().get("pathalias"));
        Post p900 = ds.labelled().get(2);
        assertEquals("Animal", p900.category());
        assertNull(p900.subcategory());
        assertEquals("", p900.title());
        assertNull(p900.latitude(), "a bad latitude drops the geo fields");
        assertNull(p900.longitude());
        assertEquals(11, p900.geoAccuracy());
        Post t = ds.unlabelled().get(0);
        assertEquals("rainy walk", t.title(), "older test_tags.json name");
        assertNull(ds.unlabelled().get(1).category());
    }

    @Test
    void buildsOneProfilePerUserFirstValueWins() {
        assertEquals(3, ds.users().size());
        UserProfile a = ds.users().get("59@N75");
        assertEquals(120.0, a.photoCount());
        assertEquals(true, a.isPro());
        assertEquals(false, a.canBuyPro());
        assertEquals(Instant.ofEpochSecond(1200000000), a.firstPhotoDate());
        assertEquals(Instant.ofEpochSecond(1199000000), a.firstPhotoTaken());
        assertEquals(330, a.timezoneOffsetMinutes());
        assertEquals("Asia/Kolkata", a.timezoneId());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, a.userDescription());
        assertArrayEquals(new float[0], a.locationDescription(), "empty, then a bad vector that is skipped");
        UserProfile b = ds.users().get("12@N01");
        assertEquals(5.0, b.photoCount());
        assertEquals(false, b.isPro());
        assertEquals(Instant.parse("2008-01-10T12:00:00Z"), b.firstPhotoDate());
        assertEquals(Instant.ofEpochSecond(1100000000), b.firstPhotoTaken(), "from a later row: the first was empty");
        assertEquals(-480, b.timezoneOffsetMinutes());
        assertArrayEquals(new float[] {9f, 9f}, b.userDescription());
        assertArrayEquals(new float[] {1.5f}, b.locationDescription());
        UserProfile c = ds.users().get("70478@N10");
        assertEquals(7.0, c.photoCount());
        assertEquals(330, c.timezoneOffsetMinutes(), "5.5 hours");
    }

    @Test
    void summaryCountsRowsUnmatchedSkipsAndNotesExactly() {
        LoadSummary s = ds.summary();
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("train/train_img_filepath.txt", 5L);
        rows.put("train/train_label.txt", 5L);
        rows.put("train/train_category.json", 5L);
        rows.put("train/train_text.json", 3L);
        rows.put("train/train_temporalspatial_information.json", 4L);
        rows.put("train/train_additional_information.json", 2L);
        rows.put("train/train_user_data.json", 5L);
        rows.put("test/test_img_path.txt", 2L);
        rows.put("test/test_tags.json", 1L);
        rows.put("test/test_user_data.json", 2L);
        assertEquals(rows, s.rows());
        assertEquals(List.copyOf(rows.keySet()), List.copyOf(s.rows().keySet()), "reading order");
        assertEquals(Map.of("train/train_category.json", 1L, "train/train_user_data.json", 1L,
                "test/test_user_data.json", 1L), s.unmatched());
        assertEquals(List.of(
                new LoadSummary.Skip("train/train_img_filepath.txt", "line 4",
                        "bad path: expected <split>/<Uid>/<Pid>.jpg, got 'nonsense'"),
                new LoadSummary.Skip("train/train_label.txt", "line 5", "bad label: expected a finite number, got 'abc'"),
                new LoadSummary.Skip("train/train_temporalspatial_information.json", "record 3",
                        "bad Latitude: expected a number, got \"abc\""),
                new LoadSummary.Skip("train/train_temporalspatial_information.json", "record 4",
                        "no Pid: the record cannot be joined"),
                new LoadSummary.Skip("train/train_user_data.json", "row key '1'",
                        "bad location_description: expected comma-separated numbers, element 1 is 'x'")), s.skips());
        assertEquals(List.of(
                "test/test_category.json absent: category levels absent",
                "test/test_temporalspatial_information.json absent: post dates and geo absent",
                "test/test_additional_information.json absent: path alias, public flag and media status absent"),
                s.notes());
        assertEquals(0, s.missingImages());
    }

    @Test
    void failPolicyStopsAtFirstBadRowNamingFileAndLine() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new SmpdImageReader()
                .read(Fixtures.fixture("smpd-image"), new ReadOptions(BadRowPolicy.FAIL, false)));
        assertTrue(e.getMessage().contains("train_img_filepath.txt (line 4): bad path"), e.getMessage());
        assertEquals("line 4", e.location());
    }
}
