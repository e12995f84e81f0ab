package io.hyperfusion.data.smpd;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.PostReader;
import io.hyperfusion.data.ReadOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an SMP Challenge 2025 video-track copy (SMPD-Video, TikTok): one folder per split ({@code train/},
 * {@code test/}), each with the JSON-lines files of posts (required), users and videos (optional), and for
 * train the popularity file (optional; without it the train posts are unlabelled).
 *
 * <p>Mapping: {@code post_content} "a,b,c" gives the tags [a, b, c] and the title "a b c";
 * {@code post_suggested_words} are appended to the tags (without repeating one already there) and counted in
 * the numeric {@code suggested_word_count}; {@code post_location} → categorical {@code location};
 * {@code post_text_language} → categorical {@code language}; {@code post_time} "2023-07-29 18:21" (UTC) →
 * posted-at. The videos file adds numeric {@code video_height, video_width, video_duration, music_duration}
 * and categorical {@code video_ratio, video_format, music_title}; the users file gives each author a profile whose numeric
 * map holds every numeric field (follower counts and so on). Posts have no image; video files are not read.
 *
 * <p>Records join on {@code pid} (and {@code uid} when given). A test split's popularity is never read. A key
 * outside {@link #KEYS} (in the users file: one that is neither listed, nor a number, nor named {@code user_*}) is
 * not read; the summary notes each such key with its count. Thread-safe: all state lives in one call to
 * {@link #read}.
 */
public final class SmpdVideoReader implements PostReader {
    private static final String PREFIX = "SMP-Video_anonymized_";
    private static final List<String> VIDEO_NUMERIC = List.of("video_height", "video_width", "video_duration", "music_duration");
    private static final List<String> VIDEO_CATEGORICAL = List.of("video_ratio", "video_format", "music_title");
    private static final List<String> POST_KEYS = List.of("pid", "uid", "post_content", "post_location",
            "post_suggested_words", "post_text_language", "video_path", "post_time");
    private static final List<String> USER_KEYS = List.of("uid", "user_following_count", "user_follower_count",
            "user_likes_count", "user_video_count", "user_digg_count", "user_heart_count", "user_friend_count");
    private static final List<String> VIDEO_KEYS = java.util.stream.Stream.of(List.of("vid", "pid", "uid"),
            VIDEO_NUMERIC, VIDEO_CATEGORICAL).flatMap(List::stream).toList();
    private static final List<String> POPULARITY_KEYS = List.of("pid", "uid", "popularity");

    /**
     * The keys the reader knows in each file, by file kind ({@code posts}, {@code users}, {@code videos},
     * {@code popularity}). Two are known and deliberately not read: {@code video_path} and {@code vid}, since
     * video files are not needed. The users file's other numeric keys are read too.
     */
    public static final Map<String, List<String>> KEYS = Map.of("posts", POST_KEYS, "users", USER_KEYS,
            "videos", VIDEO_KEYS, "popularity", POPULARITY_KEYS);

    private final ObjectMapper mapper = Jackson.json();

    @Override
    public PostDataset read(Path root, ReadOptions options) {
        boolean hasTrain = Files.isDirectory(root.resolve("train"));
        boolean hasTest = Files.isDirectory(root.resolve("test"));
        if (!hasTrain && !hasTest) {
            throw new DataFormatException(root, null, "an SMPD-Video root must hold a train/ or test/ folder, found neither");
        }
        LoadSummary.Builder summary = LoadSummary.builder();
        RowProblems problems = new RowProblems(root, options, summary);
        Map<String, ProfileBuilder> profiles = new LinkedHashMap<>();
        List<Post> labelled = new ArrayList<>();
        List<Post> unlabelled = new ArrayList<>();
        if (hasTrain) {
            Map<String, Post.Builder> posts = split(root, "train", problems, profiles);
            Path pop = root.resolve("train").resolve(PREFIX + "popularity_train.jsonl");
            if (Files.isRegularFile(pop)) {
                labels(pop, posts, problems);
                posts.values().forEach(p -> labelled.add(p.build()));
            } else {
                summary.note("train/" + pop.getFileName() + " absent: train posts are unlabelled");
                posts.values().forEach(p -> unlabelled.add(p.build()));
            }
        }
        if (hasTest) {
            split(root, "test", problems, profiles).values().forEach(p -> unlabelled.add(p.build()));
        }
        for (int i = labelled.size() + unlabelled.size(); i > 0; i--) {
            summary.postWithoutImage();
        }
        return new PostDataset(root, labelled, unlabelled, ProfileBuilder.buildAll(profiles), summary.build());
    }

    private Map<String, Post.Builder> split(Path root, String split, RowProblems problems,
                                            Map<String, ProfileBuilder> profiles) {
        Path dir = root.resolve(split);
        Path postsFile = dir.resolve(PREFIX + "posts_" + split + ".jsonl");
        if (!Files.isRegularFile(postsFile)) {
            throw new DataFormatException(postsFile, null, "the posts file of the " + split + " split is required");
        }
        Map<String, Post.Builder> posts = new LinkedHashMap<>();
        UnknownKeys unknown = new UnknownKeys(POST_KEYS);
        long n = JsonLines.forEach(postsFile, mapper, problems, (line, rec) -> {
            unknown.count(rec);
            post(postsFile, line, rec, posts, problems);
        });
        problems.summary().rows(problems.name(postsFile), n);
        unknown.note(problems, postsFile);
        Path users = dir.resolve(PREFIX + "users_" + split + ".jsonl");
        if (Files.isRegularFile(users)) {
            users(users, posts, profiles, problems);
        } else {
            problems.summary().note(split + "/" + users.getFileName() + " absent: no user profiles from this split");
        }
        Path videos = dir.resolve(PREFIX + "videos_" + split + ".jsonl");
        if (Files.isRegularFile(videos)) {
            videos(videos, posts, problems);
        } else {
            problems.summary().note(split + "/" + videos.getFileName() + " absent: no video metadata");
        }
        return posts;
    }

    private static void post(Path file, int line, ObjectNode rec, Map<String, Post.Builder> posts, RowProblems problems) {
        ImageJoins.Fields f = new ImageJoins.Fields(problems, file, "line " + line);
        String pid = f.get(rec, "pid", JsonValues::id);
        String uid = f.get(rec, "uid", JsonValues::id);
        if (pid == null || uid == null) {
            problems.report(file, "line " + line, "no id: a post needs both pid and uid");
            return;
        }
        if (posts.containsKey(pid)) {
            problems.report(file, "line " + line, "duplicate post: pid " + pid + " appears earlier");
            return;
        }
        Post.Builder p = Post.builder(pid, uid);
        String content = f.get(rec, "post_content", JsonValues::text);
        List<String> tags = JsonValues.split(content, ",");
        p.title(String.join(" ", tags));
        Set<String> all = new LinkedHashSet<>(tags);
        JsonNode suggested = rec.get("post_suggested_words");
        if (suggested != null && suggested.isArray()) {
            suggested.forEach(w -> {
                if (!JsonValues.absent(w)) {
                    all.add(w.asText().trim());
                }
            });
            p.numeric("suggested_word_count", suggested.size());
        }
        p.tags(new ArrayList<>(all));
        String location = f.get(rec, "post_location", JsonValues::text);
        if (location != null) {
            p.categorical("location", location);
        }
        String language = f.get(rec, "post_text_language", JsonValues::text);
        if (language != null) {
            p.categorical("language", language);
        }
        Instant at = f.get(rec, "post_time", JsonValues::instant);
        p.postedAt(at);
        posts.put(pid, p);
    }

    private void users(Path file, Map<String, Post.Builder> posts, Map<String, ProfileBuilder> profiles,
                       RowProblems problems) {
        Set<String> authors = new java.util.HashSet<>();
        posts.values().forEach(p -> authors.add(p.userId()));
        long[] unmatched = {0};
        UnknownKeys unknown = new UnknownKeys(USER_KEYS);
        long n = JsonLines.forEach(file, mapper, problems, (line, rec) -> {
            rec.fields().forEachRemaining(e -> {
                if (!USER_KEYS.contains(e.getKey()) && !e.getValue().isNumber() && !e.getKey().startsWith("user_")) {
                    unknown.countKey(e.getKey());
                }
            });
            ImageJoins.Fields f = new ImageJoins.Fields(problems, file, "line " + line);
            String uid = f.get(rec, "uid", JsonValues::id);
            if (uid == null) {
                problems.report(file, "line " + line, "no uid: the record cannot be joined");
                return;
            }
            if (!authors.contains(uid)) {
                unmatched[0]++;
                return;
            }
            ProfileBuilder b = profiles.computeIfAbsent(uid, ProfileBuilder::new);
            rec.fields().forEachRemaining(e -> {
                // Count fields (user_*) must be numbers; other fields are kept only when they are numbers.
                if (!e.getKey().equals("uid") && (e.getValue().isNumber() || e.getKey().startsWith("user_"))) {
                    b.numeric(e.getKey(), f.get(rec, e.getKey(), JsonValues::finite));
                }
            });
        });
        problems.summary().rows(problems.name(file), n).unmatched(problems.name(file), unmatched[0]);
        unknown.note(problems, file);
    }

    private void videos(Path file, Map<String, Post.Builder> posts, RowProblems problems) {
        long[] unmatched = {0};
        UnknownKeys unknown = new UnknownKeys(VIDEO_KEYS);
        long n = JsonLines.forEach(file, mapper, problems, (line, rec) -> {
            unknown.count(rec);
            ImageJoins.Fields f = new ImageJoins.Fields(problems, file, "line " + line);
            Post.Builder p = find(file, line, rec, posts, problems);
            if (p == null) {
                unmatched[0] += rec.hasNonNull("pid") ? 1 : 0;
                return;
            }
            for (String k : VIDEO_NUMERIC) {
                Double v = f.get(rec, k, JsonValues::finite);
                if (v != null) {
                    p.numeric(k, v);
                }
            }
            for (String k : VIDEO_CATEGORICAL) {
                String v = f.get(rec, k, JsonValues::text);
                if (v != null) {
                    p.categorical(k, v);
                }
            }
        });
        problems.summary().rows(problems.name(file), n).unmatched(problems.name(file), unmatched[0]);
        unknown.note(problems, file);
    }

    private void labels(Path file, Map<String, Post.Builder> posts, RowProblems problems) {
        long[] unmatched = {0};
        Set<String> labelled = new java.util.HashSet<>();
        Set<String> bad = new java.util.HashSet<>();
        UnknownKeys unknown = new UnknownKeys(POPULARITY_KEYS);
        long n = JsonLines.forEach(file, mapper, problems, (line, rec) -> {
            unknown.count(rec);
            Post.Builder p = find(file, line, rec, posts, problems);
            if (p == null) {
                unmatched[0] += rec.hasNonNull("pid") ? 1 : 0;
                return;
            }
            try {
                Double v = JsonValues.finite(rec.get("popularity"));
                if (v == null) {
                    throw new IllegalArgumentException("expected a number, got nothing");
                }
                p.label(v);
                labelled.add(p.postId());
            } catch (IllegalArgumentException e) {
                problems.report(file, "line " + line, "bad label: " + e.getMessage());
                bad.add(p.postId());
            }
        });
        problems.summary().rows(problems.name(file), n).unmatched(problems.name(file), unmatched[0]);
        unknown.note(problems, file);
        posts.values().removeIf(p -> {
            if (bad.contains(p.postId())) {
                return true;
            }
            if (!labelled.contains(p.postId())) {
                problems.report(file, "pid " + p.postId(), "no label: the post has no popularity record");
                return true;
            }
            return false;
        });
    }

    /** The post a record joins to by pid (uid must agree when given); null when none or no pid. */
    private static Post.Builder find(Path file, int line, ObjectNode rec, Map<String, Post.Builder> posts,
                                     RowProblems problems) {
        String pid;
        String uid;
        try {
            pid = JsonValues.id(rec.get("pid"));
            uid = JsonValues.id(rec.get("uid"));
        } catch (IllegalArgumentException e) {
            problems.report(file, "line " + line, "bad id: " + e.getMessage());
            return null;
        }
        if (pid == null) {
            problems.report(file, "line " + line, "no pid: the record cannot be joined");
            return null;
        }
        Post.Builder p = posts.get(pid);
        return p != null && (uid == null || uid.equals(p.userId())) ? p : null;
    }
}
