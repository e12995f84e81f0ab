package io.hyperfusion.data.smpd;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SMPD-Image variants built in a temporary folder: label JSON, broken files, images, other JSON layouts. */
class SmpdImageQuirksTest {
    private static final ReadOptions SKIP = new ReadOptions(BadRowPolicy.SKIP, false);
    private static final String LIST = "train/a/1.jpg\ntrain/a/2.jpg\ntrain/b/3.jpg\ntrain/b/4.jpg\n";

    @TempDir
    Path root;

    private PostDataset read(ReadOptions o) {
        return new SmpdImageReader().read(root, o);
    }

    @Test
    void labelJsonAcceptsEveryLabelKeyAndJoinsByKey() throws IOException {
        Fixtures.write(root, "train/train_img_path.txt", LIST);
        Fixtures.write(root, "train/train_label.json", """
                [{"Uid": "a", "Pid": 2, "label": 2.5},
                 {"Uid": "a", "Pid": "1", "Label": "1.5"},
                 {"Uid": "b", "Pid": 3.0, "popularity": 3.5},
                 {"Uid": "z", "Pid": 9, "popularity_score": 9.0}]""");
        PostDataset ds = read(SKIP);
        assertEquals(List.of("1", "2", "3"), ds.labelled().stream().map(Post::postId).toList());
        assertEquals(List.of(1.5, 2.5, 3.5), ds.labelled().stream().map(Post::label).toList());
        LoadSummary s = ds.summary();
        assertEquals(Map.of("train/train_img_path.txt", 4L, "train/train_label.json", 4L), s.rows());
        assertEquals(Map.of("train/train_label.json", 1L), s.unmatched());
        assertEquals(List.of(new LoadSummary.Skip("train/train_img_path.txt", "line 4",
                "no label: b/4 has no record in train/train_label.json")), s.skips());
    }

    @Test
    void prefersTextLabelsAndNotesTheIgnoredJson() throws IOException {
        Fixtures.write(root, "train/train_img_filepath.txt", "train/a/1.jpg\n");
        Fixtures.write(root, "train/train_label.txt", "4.0\n");
        Fixtures.write(root, "train/train_label.json", "[{\"Uid\": \"a\", \"Pid\": 1, \"label\": 9.0}]");
        PostDataset ds = read(SKIP);
        assertEquals(4.0, ds.labelled().get(0).label());
        assertTrue(ds.summary().notes().contains("train/train_label.json ignored: train/train_label.txt is used"));
    }

    @Test
    void nonFiniteLabelDropsThePostUnderSkipAndFailsUnderFail() throws IOException {
        Fixtures.write(root, "train/train_img_filepath.txt", "train/a/1.jpg\ntrain/a/2.jpg\n");
        Fixtures.write(root, "train/train_label.txt", "1.0\nInfinity\n");
        assertEquals(1, read(SKIP).labelled().size());
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(ReadOptions.strict()));
        assertTrue(e.getMessage().contains("train_label.txt (line 2): bad label"), e.getMessage());
    }

    @Test
    void labelCountMismatchNamesBothFilesAndCounts() throws IOException {
        Fixtures.write(root, "train/train_img_filepath.txt", LIST);
        Fixtures.write(root, "train/train_label.txt", "1\n2\n3\n\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(SKIP));
        assertTrue(e.getMessage().contains("train_label.txt: has 3 labels but train/train_img_filepath.txt has 4 paths"),
                e.getMessage());
    }

    @Test
    void unparseableJsonNamesFileLineAndColumn() throws IOException {
        Fixtures.write(root, "test/test_img_filepath.txt", "test/a/1.jpg\n");
        Fixtures.write(root, "test/test_category.json", "[\n {\"Uid\": \"a\", \"Pid\": 1},\n {\"Uid\": \"a\" \"Pid\": 2}\n]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(SKIP));
        assertTrue(e.getMessage().contains("test_category.json (line 3, column "), e.getMessage());
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void requiredFilesAndFoldersAreChecked() throws IOException {
        DataFormatException none = assertThrows(DataFormatException.class, () -> read(SKIP));
        assertTrue(none.getMessage().contains("expected a train/ or test/ folder"), none.getMessage());
        Files.createDirectories(root.resolve("test"));
        DataFormatException list = assertThrows(DataFormatException.class, () -> read(SKIP));
        assertTrue(list.getMessage().contains("test_img_filepath.txt: the image list is required"), list.getMessage());
        Fixtures.write(root, "train/train_img_filepath.txt", "train/a/1.jpg\n");
        Fixtures.write(root, "test/test_img_filepath.txt", "test/a/9.jpg\n");
        DataFormatException labels = assertThrows(DataFormatException.class, () -> read(SKIP));
        assertTrue(labels.getMessage().contains("the train split needs labels"), labels.getMessage());
    }

    @Test
    void countsMissingEmptyAndCorruptImagesAndKeepsThePosts() throws IOException {
        Fixtures.write(root, "train/train_label.txt", "1\n2\n3\n4\n5\n");
        Fixtures.image(root, "train/a/1.jpg", "jpg");
        Fixtures.image(root, "train/a/2.jpg", "png"); // the content decides, not the name
        Fixtures.write(root, "train/train_img_filepath.txt",
                "train/a/1.jpg\ntrain/a/2.jpg\ntrain/b/3.jpg\nb/4.jpg\ntrain/c/5.jpg\n");
        Files.createDirectories(root.resolve("train/b"));
        Files.write(root.resolve("train/b/3.jpg"), new byte[0]);
        Fixtures.write(root, "train/b/4.jpg", "<html>not found</html>");
        PostDataset ds = read(new ReadOptions(BadRowPolicy.SKIP, true));
        assertEquals(5, ds.labelled().size());
        assertEquals("train/b/4.jpg", ds.labelled().get(3).imagePath(), "paths without the split are under it");
        assertEquals(1, ds.summary().missingImages());
        assertEquals(2, ds.summary().unreadableImages());
        assertEquals(0, read(SKIP).summary().unreadableImages(), "no checks unless asked");
    }

    @Test
    void duplicateAndShortPathsAreBadRows() throws IOException {
        Fixtures.write(root, "test/test_img_filepath.txt", "test/a/1.jpg\ntest/a/1.0.jpg\ntest/1.jpg\n\ntest/b/2.jpg\n");
        PostDataset ds = read(SKIP);
        assertEquals(List.of("1", "2"), ds.unlabelled().stream().map(Post::postId).toList());
        assertEquals(List.of("line 2", "line 3", "line 4"),
                ds.summary().skips().stream().map(LoadSummary.Skip::location).toList());
        assertEquals(Map.of("duplicate post", 1L, "bad path", 2L), ds.summary().skipsByReason());
    }

    @Test
    void badFieldFailsUnderFailNamingTheRecord() throws IOException {
        Fixtures.write(root, "test/test_img_filepath.txt", "test/a/1.jpg\n");
        Fixtures.write(root, "test/test_temporalspatial_information.json",
                "[{\"Uid\": \"a\", \"Pid\": \"1\", \"Latitude\": \"12.5\", \"Longitude\": \"4\", \"Geoaccuracy\": \"17\"}]");
        assertEquals(12.5, read(SKIP).unlabelled().get(0).latitude(), "only the bad field is dropped");
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(ReadOptions.strict()));
        assertEquals("record 1", e.location());
        assertTrue(e.getMessage().contains("bad Geoaccuracy: expected an integer 0-16"), e.getMessage());
    }

    @Test
    void readsPandasIndexLayoutAndJsonLinesLayout() throws IOException {
        Fixtures.write(root, "test/test_img_filepath.txt", "test/a/1.jpg\ntest/a/2.jpg\n");
        Fixtures.write(root, "test/test_category.json",
                "{\"0\": {\"Uid\": \"a\", \"Pid\": 1, \"Category\": \"X\"}, \"1\": {\"Uid\": \"a\", \"Pid\": 2, \"Category\": \"Y\"}}");
        Fixtures.write(root, "test/test_text.json",
                "{\"Uid\": \"a\", \"Pid\": 1, \"Title\": \"one\"}\n{\"Uid\": \"a\", \"Pid\": 2, \"Title\": \"two\"}\n");
        Fixtures.write(root, "test/test_user_data.json",
                "{\"photo_count\": {\"0\": \"3\", \"1\": \"4\"}, \"ispro\": {\"0\": 1}}");
        PostDataset ds = read(SKIP);
        assertEquals(List.of("X", "Y"), ds.unlabelled().stream().map(Post::category).toList());
        assertEquals(List.of("one", "two"), ds.unlabelled().stream().map(Post::title).toList());
        assertEquals(3.0, ds.users().get("a").photoCount(), "rows without ids join by row number");
        assertEquals(true, ds.users().get("a").isPro());
        assertEquals(2L, ds.summary().rows().get("test/test_user_data.json"));
    }

    @Test
    void unknownKeysAreNotedPerFileWithCounts() throws IOException {
        Fixtures.write(root, "test/test_img_filepath.txt", "test/a/1.jpg\ntest/a/2.jpg\n");
        Fixtures.write(root, "test/test_additional_information.json", """
                [{"Uid": "a", "Pid": 1, "Ispublic": "1", "Views": "12"},
                 {"Uid": "a", "Pid": 2, "Ispublic": "1", "Views": "3", "Faves": "1"}]""");
        Fixtures.write(root, "test/test_user_data.json", "{\"Pid\": {\"0\": 1}, \"Uid\": {\"0\": \"a\"}, \"nsid\": {\"0\": \"x\"}}");
        List<String> notes = read(SKIP).summary().notes();
        assertTrue(notes.contains("ignored unknown key 'Faves' in 1 records of test/test_additional_information.json"), notes.toString());
        assertTrue(notes.contains("ignored unknown key 'Views' in 2 records of test/test_additional_information.json"), notes.toString());
        assertTrue(notes.contains("ignored unknown key 'nsid' in 1 records of test/test_user_data.json"), notes.toString());
        assertEquals(3, notes.stream().filter(n -> n.startsWith("ignored unknown key")).count(), notes.toString());
        assertEquals(List.of("label.json", "category.json", "text.json", "temporalspatial_information.json",
                "additional_information.json", "user_data.json"), List.copyOf(SmpdImageReader.JSON_KEYS.keySet()));
    }
}
