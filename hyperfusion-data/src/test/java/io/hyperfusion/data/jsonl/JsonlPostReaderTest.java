package io.hyperfusion.data.jsonl;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.smpd.Fixtures;
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

/** The fixture {@code fixtures/jsonl}: every field form and every kind of bad row. */
class JsonlPostReaderTest {
    private final PostDataset ds = new JsonlPostReader().read(Fixtures.fixture("jsonl"), ReadOptions.defaults());

    @Test
    void readsEveryField() {
        assertEquals(List.of("p1", "2"), ds.labelled().stream().map(Post::postId).toList());
        Post p1 = ds.labelled().get(0);
        Post expected = Post.builder("p1", "u1").postedAt(Instant.parse("2024-03-01T18:00:00Z"))
                .title("sunset over the bay").tags(List.of("sunset", "bay")).imagePath("images/p1.jpg")
                .category("Travel").subcategory("Beach").concept("sunset").geo(37.8, -122.4, 16)
                .numeric("views", 3.0).categorical("device", "iphone").label(6.2).build();
        assertEquals(expected, p1);
        Post p2 = ds.labelled().get(1);
        assertEquals(Instant.ofEpochSecond(1709316000), p2.postedAt(), "unix seconds");
        assertEquals(List.of("a", "b", "c"), p2.tags(), "space/comma separated string");
        assertEquals(5.5, p2.label());
        assertEquals(List.of("p3", "p4"), ds.unlabelled().stream().map(Post::postId).toList());
        assertNull(ds.unlabelled().get(0).label(), "a test post's label is dropped");
        assertEquals(120.0, ds.users().get("u1").photoCount());
        assertEquals(60, ds.users().get("u1").timezoneOffsetMinutes());
        assertEquals(Map.of("followers", 10.0), ds.users().get("u1").numeric());
        assertTrue(ds.root().endsWith("jsonl"), "the folder of the posts file is the root");
    }

    @Test
    void summaryIsExact() {
        LoadSummary s = ds.summary();
        assertEquals(Map.of("posts.jsonl", 7L, "users.jsonl", 2L), s.rows());
        assertEquals(Map.of("users.jsonl", 1L), s.unmatched());
        assertEquals(List.of("line 4", "line 5", "line 6", "line 7"),
                s.skips().stream().map(LoadSummary.Skip::location).toList());
        assertEquals(List.of("bad split: expected \"train\" or \"test\", got \"validation\"",
                "no id: a post needs post_id and user_id", "duplicate post: u1/p1 appears earlier"),
                s.skips().subList(0, 3).stream().map(LoadSummary.Skip::reason).toList());
        assertTrue(s.skips().get(3).reason().startsWith("bad JSON: "), s.skips().get(3).reason());
        assertEquals(List.of("1 labels of test-split posts ignored", "ignored unknown key 'extra' in 1 rows"), s.notes());
        assertEquals(1, s.missingImages());
        assertEquals(3, s.postsWithoutImage());
    }

    @Test
    void failPolicyNamesTheLine() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new JsonlPostReader()
                .read(Fixtures.fixture("jsonl").resolve("posts.jsonl"), new ReadOptions(BadRowPolicy.FAIL, false)));
        assertEquals("line 4", e.location());
        assertTrue(e.getMessage().contains("posts.jsonl (line 4): bad split"), e.getMessage());
    }

    @Test
    void imagesAreCheckedRelativeToTheFile(@TempDir Path dir) throws IOException {
        Fixtures.image(dir, "pics/a.jpg", "jpg");
        Fixtures.write(dir, "pics/b.jpg", "");
        Fixtures.write(dir, "my.jsonl", """
                {"post_id": "a", "user_id": "u", "image": "pics/a.jpg"}
                {"post_id": "b", "user_id": "u", "image": "pics/b.jpg"}
                {"post_id": "c", "user_id": "u", "image": "pics/c.jpg"}
                """);
        PostDataset d = new JsonlPostReader().read(dir.resolve("my.jsonl"), ReadOptions.defaults());
        assertEquals(3, d.unlabelled().size());
        assertEquals(1, d.summary().missingImages());
        assertEquals(1, d.summary().unreadableImages());
        assertEquals(dir.resolve("pics/a.jpg").toAbsolutePath(), d.imageFile(d.unlabelled().get(0)));
        assertEquals(List.of("users.jsonl absent: no user profiles"), d.summary().notes());
    }

    @Test
    void theExampleInTheFormatSpecReads(@TempDir Path dir) throws IOException {
        Path spec = Path.of("").toAbsolutePath().getParent().resolve("docs/FORMATS.md");
        String md = Files.readString(spec);
        String example = md.substring(md.indexOf("### Example"));
        String[] blocks = example.split("```");
        Fixtures.write(dir, "posts.jsonl", blocks[1].substring("json".length()).strip() + "\n");
        Fixtures.write(dir, "users.jsonl", blocks[3].substring("json".length()).strip() + "\n");
        PostDataset d = new JsonlPostReader().read(dir, new ReadOptions(BadRowPolicy.FAIL, false));
        assertEquals(2, d.labelled().size());
        assertEquals(List.of("cat", "kitten", "sleepy"), d.labelled().get(1).tags());
        assertEquals(1, d.unlabelled().size());
        assertEquals(2500.0, d.users().get("u1").numeric().get("followers"));
        assertEquals(List.of(), d.summary().notes());
    }

    @Test
    void folderWithoutPostsFileIsAnError(@TempDir Path dir) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new JsonlPostReader().read(dir, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("posts.jsonl: no posts file"), e.getMessage());
    }
}
