package io.hyperfusion.data.jsonl;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.PostReader;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.ValueRanges;
import io.hyperfusion.data.smpd.ImageFiles;
import io.hyperfusion.data.smpd.JsonLines;
import io.hyperfusion.data.smpd.JsonValues;
import io.hyperfusion.data.smpd.RowProblems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the project's own JSON-lines format (docs/FORMATS.md): a {@code .jsonl} file of posts, or a folder
 * holding {@code posts.jsonl}, with optional author profiles in a sibling {@code users.jsonl}.
 *
 * <p>A post with a label and a split other than "test" is labelled; every other post is unlabelled (a test
 * post's label is dropped and the count noted). Image paths are relative to the posts file's folder, which
 * becomes the data set's root. A line that is not JSON, lacks an id, repeats a post or carries a bad label is a
 * bad row; any other field that cannot be read is dropped under SKIP. Unknown keys are ignored and noted.
 * Profiles whose author has no post are kept and counted as unmatched. Thread-safe: no state between reads.
 */
public final class JsonlPostReader implements PostReader {
    /** The posts file looked for when the root is a folder. */
    public static final String POSTS_FILE = "posts.jsonl";
    /** The profiles file looked for next to the posts file. */
    public static final String USERS_FILE = "users.jsonl";
    /** The keys of a post the reader knows; any other key is ignored and noted. */
    public static final Set<String> POST_KEYS = JsonlCodec.POST_KEYS;
    /** The keys of a profile the reader knows; any other key is ignored and noted. */
    public static final Set<String> USER_KEYS = JsonlCodec.USER_KEYS;

    private final ObjectMapper mapper = Jackson.json();

    @Override
    public PostDataset read(Path root, ReadOptions options) {
        Path postsFile = Files.isDirectory(root) ? root.resolve(POSTS_FILE) : root;
        if (!Files.isRegularFile(postsFile)) {
            throw new DataFormatException(postsFile, null, "no posts file: give a .jsonl file or a folder holding " + POSTS_FILE);
        }
        Path folder = postsFile.toAbsolutePath().getParent();
        LoadSummary.Builder summary = LoadSummary.builder();
        RowProblems problems = new RowProblems(folder, options, summary);
        Map<String, Long> unknown = new TreeMap<>();
        List<Post> labelled = new ArrayList<>();
        List<Post> unlabelled = new ArrayList<>();
        Set<PostKey> seen = new HashSet<>();
        long[] testLabels = {0};
        long n = JsonLines.forEach(postsFile, mapper, problems, (line, rec) -> {
            Fields f = new Fields(problems, postsFile, "line " + line);
            Post parsed = post(rec, f, problems, postsFile, line, seen);
            if (parsed == null) {
                return;
            }
            Post post = ImageFiles.confine(parsed, folder, options, problems, postsFile, "line " + line);
            countUnknown(rec, JsonlCodec.POST_KEYS, unknown);
            String split = f.get(rec, "split", JsonlPostReader::split);
            boolean test = "test".equals(split);
            if (post.isLabelled() && !test) {
                labelled.add(post);
            } else {
                testLabels[0] += post.isLabelled() ? 1 : 0;
                unlabelled.add(post.withLabel(null));
            }
            if (post.imagePath() == null) {
                summary.postWithoutImage();
            } else if (options.checkImages()) {
                Path img = Path.of(post.imagePath());
                ImageFiles.count(img.isAbsolute() ? img : folder.resolve(img), summary);
            }
        });
        summary.rows(problems.name(postsFile), n);
        if (testLabels[0] > 0) {
            summary.note(testLabels[0] + " labels of test-split posts ignored");
        }
        Map<String, UserProfile> users = users(folder.resolve(USERS_FILE), labelled, unlabelled, problems, unknown);
        unknown.forEach((k, c) -> summary.note("ignored unknown key '" + k + "' in " + c + " rows"));
        return new PostDataset(folder, labelled, unlabelled, users, summary.build());
    }

    private static Post post(ObjectNode rec, Fields f, RowProblems problems, Path file, int line, Set<PostKey> seen) {
        String where = "line " + line;
        String pid;
        String uid;
        try {
            pid = JsonValues.id(rec.get("post_id"));
            uid = JsonValues.id(rec.get("user_id"));
        } catch (IllegalArgumentException e) {
            problems.report(file, where, "bad id: " + e.getMessage());
            return null;
        }
        if (pid == null || uid == null) {
            problems.report(file, where, "no id: a post needs post_id and user_id");
            return null;
        }
        if (!seen.add(new PostKey(uid, pid))) {
            problems.report(file, where, "duplicate post: " + uid + "/" + pid + " appears earlier");
            return null;
        }
        Post.Builder b = Post.builder(pid, uid);
        JsonlCodec.postFields(b, rec, f);
        try {
            b.label(JsonValues.finite(rec.get("label")));
        } catch (IllegalArgumentException e) {
            problems.report(file, where, "bad label: " + e.getMessage());
            return null;
        }
        return b.build();
    }

    private Map<String, UserProfile> users(Path file, List<Post> labelled, List<Post> unlabelled, RowProblems problems,
                                           Map<String, Long> unknown) {
        Map<String, UserProfile> users = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            problems.summary().note(USERS_FILE + " absent: no user profiles");
            return users;
        }
        Set<String> authors = new HashSet<>();
        labelled.forEach(p -> authors.add(p.userId()));
        unlabelled.forEach(p -> authors.add(p.userId()));
        long[] unmatched = {0};
        long n = JsonLines.forEach(file, mapper, problems, (line, rec) -> {
            String id;
            try {
                id = JsonValues.id(rec.get("user_id"));
            } catch (IllegalArgumentException e) {
                id = null;
            }
            if (id == null) {
                problems.report(file, "line " + line, "no id: a profile needs user_id");
                return;
            }
            if (users.containsKey(id)) {
                problems.report(file, "line " + line, "duplicate user: " + id + " appears earlier");
                return;
            }
            countUnknown(rec, JsonlCodec.USER_KEYS, unknown);
            users.put(id, JsonlCodec.user(id, rec, new Fields(problems, file, "line " + line)));
            unmatched[0] += authors.contains(id) ? 0 : 1;
        });
        problems.summary().rows(problems.name(file), n).unmatched(problems.name(file), unmatched[0]);
        return users;
    }

    private static String split(JsonNode n) {
        String s = JsonValues.text(n);
        if (s != null && !s.equals("train") && !s.equals("test")) {
            throw new IllegalArgumentException("expected \"train\" or \"test\", got " + n);
        }
        return s;
    }

    private static void countUnknown(ObjectNode rec, Set<String> known, Map<String, Long> unknown) {
        rec.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                unknown.merge(k, 1L, Long::sum);
            }
        });
    }

    /** Reports a field that cannot be read and drops it. */
    private record Fields(RowProblems problems, Path file, String location) implements JsonlCodec.Fields {
        @Override
        public <T> T get(ObjectNode rec, String name, Function<JsonNode, T> conv) {
            try {
                return ValueRanges.check(name, conv.apply(rec.get(name)));
            } catch (IllegalArgumentException e) {
                problems.report(file, location, "bad " + name + ": " + e.getMessage());
                return null;
            }
        }
    }
}
