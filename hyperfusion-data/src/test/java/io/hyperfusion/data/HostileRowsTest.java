package io.hyperfusion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.jsonl.JsonlPostReader;
import io.hyperfusion.data.smpd.Fixtures;
import io.hyperfusion.data.smpd.SmpdImageReader;
import io.hyperfusion.data.smpd.SmpdVideoReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out-of-range values and paths leading out of the data set: a counted skip naming file, line and field, or an error naming them. */
class HostileRowsTest {
    private static final ReadOptions SKIP = new ReadOptions(BadRowPolicy.SKIP, false);
    private static final ReadOptions FAIL = new ReadOptions(BadRowPolicy.FAIL, false);

    @TempDir
    Path root;

    private void jsonl(String users) throws IOException {
        Fixtures.write(root, "posts.jsonl", """
                {"post_id": "a", "user_id": "u1", "posted_at": "2024-03-01T18:00:00Z", "label": 5}
                {"post_id": "b", "user_id": "u2", "posted_at": "2024-03-01T19:00:00Z", "label": 6}
                """);
        Fixtures.write(root, "users.jsonl", users);
    }

    @Test
    void aPoisonedAuthorRowIsCountedAndTheOtherRowsKept() throws IOException {
        jsonl("""
                {"user_id": "u1", "photo_count": 10}
                {"user_id": "u2", "photo_count": 1e40, "is_pro": true}
                """);
        PostDataset ds = new JsonlPostReader().read(root, SKIP);
        assertEquals(2, ds.labelled().size(), "no post is lost");
        assertNull(ds.users().get("u2").photoCount(), "the bad field is dropped");
        assertEquals(Boolean.TRUE, ds.users().get("u2").isPro(), "the rest of the row is kept");
        LoadSummary.Skip s = ds.summary().skips().get(0);
        assertEquals("users.jsonl", s.file());
        assertEquals("line 2", s.location());
        assertTrue(s.reason().startsWith("bad photo_count: out of range: 1.0E40"), s.reason());

        DataFormatException e = assertThrows(DataFormatException.class, () -> new JsonlPostReader().read(root, FAIL));
        assertTrue(e.getMessage().contains("users.jsonl (line 2): bad photo_count: out of range"), e.getMessage());
    }

    @Test
    void absurdMomentsAndNumbersOfPostsAreBadFields() throws IOException {
        Fixtures.write(root, "posts.jsonl", """
                {"post_id": "a", "user_id": "u", "posted_at": "+999999999-01-01T00:00:00Z", "label": 5}
                {"post_id": "b", "user_id": "u", "posted_at": 1e300, "label": 5}
                {"post_id": "c", "user_id": "u", "latitude": 91, "longitude": 0, "label": 5}
                {"post_id": "d", "user_id": "u", "numeric": {"views": "Infinity"}, "label": 5}
                {"post_id": "e", "user_id": "u", "tags": ["ok", {"x": 1}], "label": 5}
                {"post_id": true, "user_id": "u", "label": 5}
                """);
        PostDataset ds = new JsonlPostReader().read(root, SKIP);
        assertEquals(List.of("a", "b", "c", "d", "e"), ds.labelled().stream().map(Post::postId).toList());
        assertNull(ds.labelled().get(0).postedAt());
        assertNull(ds.labelled().get(1).postedAt(), "1e300 seconds is refused, not clamped to the year 292,278,994");
        assertNull(ds.labelled().get(2).latitude());
        assertTrue(ds.labelled().get(3).numeric().isEmpty());
        assertTrue(ds.labelled().get(4).tags().isEmpty(), "an object is not a tag");
        List<String> reasons = ds.summary().skips().stream().map(LoadSummary.Skip::reason).toList();
        assertTrue(reasons.get(0).startsWith("bad posted_at: out of range"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("bad posted_at: out of range: unix seconds"), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("bad latitude: out of range"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("bad numeric: out of range: 'views' Infinity"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("bad tags: expected an array of strings, element 1"), reasons.get(4));
        assertTrue(reasons.get(5).startsWith("bad id: an id must be a string or number, got true"), reasons.get(5));
    }

    @Test
    void anIdOfControlCharactersIsNoId() throws IOException {
        // Found by ReaderPropertiesTest: trim() strips "\u0000" to "", which the Post constructor refused unnamed.
        Fixtures.write(root, "posts.jsonl", "{\"post_id\": \"\\u0000\", \"user_id\": \"u\", \"label\": 5}\n");
        PostDataset ds = new JsonlPostReader().read(root, SKIP);
        assertTrue(ds.all().isEmpty());
        assertEquals("no id: a post needs post_id and user_id", ds.summary().skips().get(0).reason());
    }

    @Test
    void smpdImageAndVideoRowsAreCheckedToo() throws IOException {
        Fixtures.write(root, "train/train_img_filepath.txt", "train/a/1.jpg\ntrain/b/2.jpg\n");
        Fixtures.write(root, "train/train_label.txt", "4.0\n5.0\n");
        Fixtures.write(root, "train/train_user_data.json", """
                [{"Uid": "a", "Pid": 1, "photo_count": "1e40"}, {"Uid": "b", "Pid": 2, "photo_count": 3}]""");
        PostDataset ds = new SmpdImageReader().read(root, SKIP);
        assertEquals(2, ds.labelled().size());
        assertEquals(new LoadSummary.Skip("train/train_user_data.json", "record 1",
                "bad photo_count: out of range: 1.0E40 is not a finite number within ±1.0E15"), ds.summary().skips().get(0));

        Path video = root.resolve("video");
        Fixtures.write(video, "train/SMP-Video_anonymized_posts_train.jsonl",
                "{\"pid\": \"p1\", \"uid\": \"u1\", \"post_time\": \"2023-07-29 18:21\"}\n");
        Fixtures.write(video, "train/SMP-Video_anonymized_users_train.jsonl",
                "{\"uid\": \"u1\", \"user_follower_count\": 1e300, \"user_likes_count\": 12}\n");
        PostDataset v = new SmpdVideoReader().read(video, SKIP);
        assertEquals(java.util.Map.of("user_likes_count", 12.0), v.users().get("u1").numeric());
        assertTrue(v.summary().skips().get(0).reason().startsWith("bad user_follower_count: out of range"),
                v.summary().skips().toString());
    }

    @Test
    void imagePathsLeavingTheRootAreRefusedAndNamed() throws IOException {
        Fixtures.image(root, "data/pics/a.jpg", "jpg");
        Fixtures.write(root, "data/posts.jsonl", """
                {"post_id": "a", "user_id": "u", "image": "pics/a.jpg", "label": 5}
                {"post_id": "b", "user_id": "u", "image": "../../../../etc/passwd", "label": 5}
                {"post_id": "c", "user_id": "u", "image": "/etc/passwd", "label": 5}
                {"post_id": "d", "user_id": "u", "image": "pics/../../data/pics/a.jpg", "label": 5}
                """);
        Path data = root.resolve("data");
        PostDataset ds = new JsonlPostReader().read(data, ReadOptions.defaults());
        assertEquals(List.of("pics/a.jpg", "null", "null", "pics/../../data/pics/a.jpg"),
                ds.labelled().stream().map(p -> String.valueOf(p.imagePath())).toList());
        List<LoadSummary.Skip> skips = ds.summary().skips();
        assertEquals(2, skips.size());
        assertEquals("line 2", skips.get(0).location());
        assertTrue(skips.get(0).reason().contains("path outside the data set root")
                && skips.get(0).reason().contains("'../../../../etc/passwd'"), skips.get(0).reason());
        assertEquals(0, ds.summary().unreadableImages(), "the refused files were never opened");

        PostDataset allowed = new JsonlPostReader().read(data, SKIP.withOutsideRoot(true));
        assertEquals("../../../../etc/passwd", allowed.labelled().get(1).imagePath());
        DataFormatException e = assertThrows(DataFormatException.class, () -> new JsonlPostReader().read(data, FAIL));
        assertTrue(e.getMessage().contains("(line 2): bad image: path outside"), e.getMessage());
    }

    @Test
    void smpdImageListPathsLeavingTheRootAreRefused() throws IOException {
        Fixtures.write(root, "train/train_img_filepath.txt", "train/a/1.jpg\ntrain/../../../x/2.jpg\n");
        Fixtures.write(root, "train/train_label.txt", "4.0\n5.0\n");
        PostDataset ds = new SmpdImageReader().read(root, ReadOptions.defaults());
        assertEquals("train/a/1.jpg", ds.labelled().get(0).imagePath());
        assertNull(ds.labelled().get(1).imagePath());
        LoadSummary.Skip s = ds.summary().skips().get(0);
        assertEquals("train/train_img_filepath.txt", s.file());
        assertTrue(s.reason().contains("'train/../../../x/2.jpg'"), s.reason());
    }
}
