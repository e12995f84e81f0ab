package io.hyperfusion.data.jsonl;

import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.smpd.Fixtures;
import io.hyperfusion.data.smpd.SmpdImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Writing then reading gives back equal posts and profiles. */
class JsonlPostWriterTest {
    @TempDir
    Path dir;

    private static PostDataset sample(Path root) {
        Post full = Post.builder("p1", "u1").postedAt(Instant.parse("2024-03-01T18:00:00.123456789Z"))
                .title("sunset, \"quoted\"\nnewline ünïcode").tags(List.of("a b", "c,d", "e"))
                .imagePath("images/p1.jpg").category("Whether&Season").subcategory("Raining").concept("umbrella")
                .geo(51.513, -0.1318, 16).numeric("views", 3.0).numeric("tiny", 1e-300).numeric("neg", -0.0)
                .categorical("device", "iphone").label(6.0375).build();
        Post bare = Post.builder("775", "59@N75").label(1.0).build();
        Post test = Post.builder("p3", "u2").title("").numeric("nan", Double.NaN).build();
        UserProfile u1 = new UserProfile("u1", 120.0, true, false, Instant.ofEpochSecond(1200000000),
                Instant.parse("2001-02-03T04:05:06Z"), -480, "America/Los_Angeles", new float[] {0.1f, -2.5e-8f},
                new float[] {3f}, Map.of("followers", 2500.0));
        return new PostDataset(root, List.of(full, bare), List.of(test),
                Map.of("u1", u1, "u2", UserProfile.unknown("u2")), LoadSummary.builder().build());
    }

    @Test
    void roundTripsExactly() {
        PostDataset in = sample(dir);
        Path written = new JsonlPostWriter().write(in, dir);
        assertEquals(dir.resolve("posts.jsonl"), written);
        PostDataset out = new JsonlPostReader().read(dir, new ReadOptions(io.hyperfusion.data.BadRowPolicy.FAIL, false));
        assertEquals(in.labelled(), out.labelled());
        assertEquals(in.unlabelled(), out.unlabelled());
        assertEquals(in.users(), out.users());
        assertEquals(0, out.summary().skipCount());
        assertEquals(List.of(), out.summary().notes());
    }

    @Test
    void leavesNoTemporaryFilesAndReplacesOldOnes() throws IOException {
        Fixtures.write(dir, "out/data.jsonl", "old content that is not JSON\n");
        new JsonlPostWriter().write(sample(dir), dir.resolve("out/data.jsonl"));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("data.jsonl", "users.jsonl"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // The images stay where they were (../images): reading them back must allow paths outside out/.
        PostDataset back = new JsonlPostReader().read(dir.resolve("out/data.jsonl"), ReadOptions.strict().withOutsideRoot(true));
        assertEquals(2, back.labelled().size());
        assertEquals(2, back.users().size());
    }

    @Test
    void imagePathsStayValidInAnotherFolder() throws IOException {
        Path smpd = Fixtures.copy("smpd-image", dir);
        PostDataset in = new SmpdImageReader().read(smpd, new ReadOptions(io.hyperfusion.data.BadRowPolicy.SKIP, false));
        Path target = dir.resolve("elsewhere/deeper");
        Files.createDirectories(target);
        new JsonlPostWriter().write(in, target);
        assertThrows(io.hyperfusion.data.DataFormatException.class, () -> new JsonlPostReader().read(target,
                ReadOptions.strict()), "the ../ paths leave the new folder: refused unless allowed");
        PostDataset out = new JsonlPostReader().read(target, ReadOptions.strict().withOutsideRoot(true));
        assertEquals(in.labelled().size(), out.labelled().size());
        for (int i = 0; i < in.labelled().size(); i++) {
            Post a = in.labelled().get(i);
            Post b = out.labelled().get(i);
            assertEquals(in.imageFile(a).toAbsolutePath().normalize(), out.imageFile(b).toAbsolutePath().normalize());
            assertEquals(a.withLabel(null).title(), b.title());
            assertEquals(a.label(), b.label());
        }
        assertEquals(in.users(), out.users());
    }

    @Test
    void refusesToNameThePostsFileLikeTheUsersFile() {
        assertThrows(IllegalArgumentException.class, () -> new JsonlPostWriter().write(sample(dir), dir.resolve("users.jsonl")));
    }
}
