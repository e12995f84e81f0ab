package io.hyperfusion.data;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.jsonl.JsonlPostReader;
import io.hyperfusion.data.smpd.ImageFiles;
import io.hyperfusion.data.smpd.SmpdImageReader;
import io.hyperfusion.data.smpd.SmpdVideoReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The three data readers on generated hostile files ({@link HostileJson}): whatever the input, a read either
 * returns a data set in which every kept value is within {@link ValueRanges} and every image path inside the
 * root, or throws a {@link DataFormatException} naming a file of the data set. Never another exception.
 * A short run here ({@code jqwik.tries.default} in junit-platform.properties); scripts/bench/fuzz.sh runs long.
 */
class ReaderPropertiesTest {

    @Property
    void jsonlReadsOrNamesTheFile(@ForAll("jsonlPosts") List<String> posts, @ForAll("jsonlUsers") List<String> users,
                                  @ForAll BadRowPolicy policy, @ForAll boolean outside) throws IOException {
        withDir(dir -> {
            write(dir, "posts.jsonl", posts);
            write(dir, "users.jsonl", users);
            check(dir, () -> new JsonlPostReader().read(dir, new ReadOptions(policy, true, outside)), outside);
        });
    }

    @Property
    void smpdImageReadsOrNamesTheFile(@ForAll("paths") List<String> list, @ForAll("labels") List<String> labels,
                                      @ForAll("smpdRecords") List<String> text, @ForAll("smpdRecords") List<String> geo,
                                      @ForAll("smpdRecords") List<String> users, @ForAll BadRowPolicy policy,
                                      @ForAll("mostly") boolean lineUp) throws IOException {
        withDir(dir -> {
            write(dir, "train/train_img_filepath.txt", list);
            // Usually one label per path (else the whole file is refused, naming both files).
            write(dir, "train/train_label.txt", lineUp ? fit(labels, list.size()) : labels);
            write(dir, "train/train_text.json", List.of("[" + String.join(",", text) + "]"));
            write(dir, "train/train_temporalspatial_information.json", List.of("[" + String.join(",", geo) + "]"));
            write(dir, "train/train_user_data.json", List.of("[" + String.join(",", users) + "]"));
            write(dir, "test/test_img_filepath.txt", list.subList(0, list.size() / 2));
            check(dir, () -> new SmpdImageReader().read(dir, new ReadOptions(policy, true)), false);
        });
    }

    @Property
    void smpdVideoReadsOrNamesTheFile(@ForAll("videoRecords") List<String> posts, @ForAll("videoRecords") List<String> users,
                                      @ForAll("videoRecords") List<String> videos, @ForAll("videoRecords") List<String> pop,
                                      @ForAll BadRowPolicy policy) throws IOException {
        withDir(dir -> {
            String p = "SMP-Video_anonymized_";
            write(dir, "train/" + p + "posts_train.jsonl", posts);
            write(dir, "train/" + p + "users_train.jsonl", users);
            write(dir, "train/" + p + "videos_train.jsonl", videos);
            write(dir, "train/" + p + "popularity_train.jsonl", pop);
            write(dir, "test/" + p + "posts_test.jsonl", posts.subList(0, posts.size() / 2));
            check(dir, () -> new SmpdVideoReader().read(dir, new ReadOptions(policy, false)), false);
        });
    }

    /** The read returns sane data or a named error; nothing else escapes. */
    static void check(Path dir, Supplier<PostDataset> read, boolean outsideAllowed) {
        PostDataset ds;
        try {
            ds = read.get();
        } catch (DataFormatException e) {
            assertNotNull(e.file(), e.getMessage());
            assertTrue(e.file().toAbsolutePath().startsWith(dir.toAbsolutePath()), e.getMessage());
            Statistics.label("outcome").collect("named error");
            return;
        }
        Statistics.label("outcome").collect(ds.all().isEmpty() ? "read, no posts" : "read, posts");
        Statistics.label("skips").collect(ds.summary().skipCount() == 0 ? "none" : ds.summary().skipCount() < 5 ? "1-4" : "5+");
        for (Post p : ds.all()) {
            ValueRanges.check("latitude", p.latitude());
            ValueRanges.check("longitude", p.longitude());
            ValueRanges.check("numeric", p.numeric());
            ValueRanges.check("posted_at", p.postedAt());
            if (!outsideAllowed) {
                assertNull(ImageFiles.refusal(ds.root(), p.imagePath(), ReadOptions.defaults()), p.imagePath());
            }
        }
        for (UserProfile u : ds.users().values()) {
            ValueRanges.check("photo_count", u.photoCount());
            ValueRanges.check("numeric", u.numeric());
            ValueRanges.check("timezone_offset_minutes", u.timezoneOffsetMinutes());
            ValueRanges.check("first_photo_date", u.firstPhotoDate());
            ValueRanges.check("first_photo_taken", u.firstPhotoTaken());
            ValueRanges.check("user_description", u.userDescription());
        }
        assertTrue(ds.summary().render(3).contains("skipped"), "the summary renders");
    }

    @Provide
    Arbitrary<List<String>> jsonlPosts() {
        return joined("user_id", "post_id", Arbitraries.of("\"u1\"", "\"u2\"", "3"), Arbitraries.of("\"p1\"", "2", "\"p3\"", "\"p4\""));
    }

    @Provide
    Arbitrary<List<String>> jsonlUsers() {
        return joined("user_id", null, Arbitraries.of("\"u1\"", "\"u2\"", "3"), Arbitraries.just(""));
    }

    @Provide
    Arbitrary<Boolean> mostly() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(5, true), net.jqwik.api.Tuple.of(1, false));
    }

    private static List<String> fit(List<String> labels, int n) {
        List<String> out = new java.util.ArrayList<>(labels);
        while (out.size() < n) {
            out.add(String.valueOf(out.size()));
        }
        return out.subList(0, n);
    }

    @Provide
    Arbitrary<List<String>> paths() {
        Arbitrary<String> ok = Combinators.combine(Arbitraries.of("u1", "u2", "u3"), Arbitraries.integers().between(1, 6))
                .as((u, p) -> "train/" + u + "/" + p + ".jpg");
        Arbitrary<String> bad = Arbitraries.oneOf(Arbitraries.of("", "train", "train/../../../etc/passwd", "/etc/x/1.jpg",
                "../../u/1.jpg", "a\u0000b/c/1.jpg", "train\\u1\\2.jpg", "train/u1/1.jpg"), Arbitraries.strings().ofMaxLength(20));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, ok), net.jqwik.api.Tuple.of(1, bad)).list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<String>> labels() {
        return Arbitraries.oneOf(HostileJson.atom(), Arbitraries.of("nan", "inf", "-1e6", "5.5", "x")).list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<String>> smpdRecords() {
        // One SMPD JSON file is one document: a single bad record makes the whole file a named error.
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, joined("Uid", "Pid", Arbitraries.of("\"u1\"", "\"u2\"", "\"u3\""),
                        Arbitraries.integers().between(1, 6).map(String::valueOf), 0)),
                net.jqwik.api.Tuple.of(1, joined("Uid", "Pid", Arbitraries.of("\"u1\""), Arbitraries.of("1"), 1)));
    }

    @Provide
    Arbitrary<List<String>> videoRecords() {
        return joined("uid", "pid", Arbitraries.of("\"u1\"", "\"u2\"", "\"u3\""), Arbitraries.integers().between(1, 6).map(String::valueOf));
    }

    /**
     * Records whose ids usually come from small pools (so they join and are read) and whose other fields are
     * hostile; {@code pid} null for records keyed by the author only.
     */
    private static Arbitrary<List<String>> joined(String uid, String pid, Arbitrary<String> uids, Arbitrary<String> pids) {
        return joined(uid, pid, uids, pids, 1);
    }

    /** As above, with {@code garbage} in 16 lines not a record at all. */
    private static Arbitrary<List<String>> joined(String uid, String pid, Arbitrary<String> uids, Arbitrary<String> pids,
                                                  int garbage) {
        Arbitrary<String> keys = Combinators.combine(uids, pids)
                .as((u, p) -> "\"" + uid + "\":" + u + (pid == null ? "" : ",\"" + pid + "\":" + p));
        Arbitrary<String> record = Combinators.combine(keys, HostileJson.object(2))
                .as((k, o) -> "{" + k + (o.equals("{}") ? "}" : "," + o.substring(1)));
        if (garbage == 0) {
            return record.list().ofMaxSize(8);
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(16 - garbage, record),
                net.jqwik.api.Tuple.of(garbage, HostileJson.line())).list().ofMaxSize(8);
    }

    interface DirTask {
        void run(Path dir) throws IOException;
    }

    private static void withDir(DirTask task) throws IOException {
        Path dir = Files.createTempDirectory("hostile-data");
        try {
            task.run(dir);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void write(Path dir, String name, List<String> lines) {
        try {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
