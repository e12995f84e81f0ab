package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One SMPD-Image split while it is being read: the rows of its image list (which fix the set and order of
 * posts), the join index by (Uid, Pid) and by Pid alone, and the labels.
 */
final class ImageSplit {

    /** One line of the image list that named a post. */
    static final class Row {
        final int line;
        final Post.Builder post;
        Double label;
        boolean dropped;

        Row(int line, Post.Builder post) {
            this.line = line;
            this.post = post;
        }
    }

    private static final int AMBIGUOUS = -1;

    final Path root;
    final Path dir;
    final String split;
    final RowProblems problems;
    final ObjectMapper mapper;
    final Path listFile;
    /** Row per image-list line (0-based); null where the line was bad. */
    final List<Row> rows = new ArrayList<>();
    private final Map<PostKey, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> byPid = new HashMap<>();

    ImageSplit(Path root, String split, RowProblems problems, ObjectMapper mapper) {
        this.root = root;
        this.dir = root.resolve(split);
        this.split = split;
        this.problems = problems;
        this.mapper = mapper;
        this.listFile = firstExisting(split + "_img_filepath.txt", split + "_img_path.txt");
        if (listFile == null) {
            throw new DataFormatException(dir.resolve(split + "_img_filepath.txt"), null,
                    "the image list is required (also looked for " + split + "_img_path.txt)");
        }
        List<String> lines = lines(listFile);
        for (int i = 0; i < lines.size(); i++) {
            rows.add(parsePath(lines.get(i), i + 1));
        }
        problems.summary().rows(problems.name(listFile), lines.size());
    }

    /** The first of the named files in the split folder that exists, or null. */
    Path firstExisting(String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private Row parsePath(String raw, int line) {
        String s = raw.trim().replace('\\', '/');
        boolean absolute = s.startsWith("/");
        List<String> parts = JsonValues.split(s, "/");
        parts.remove(".");
        if (parts.size() < 2 || (parts.size() == 2 && parts.get(0).equals(split))) {
            problems.report(listFile, "line " + line, "bad path: expected <split>/<Uid>/<Pid>.jpg, got '" + raw + "'");
            return null;
        }
        String file = parts.get(parts.size() - 1);
        int dot = file.lastIndexOf('.');
        String pid = JsonValues.normaliseId(dot > 0 ? file.substring(0, dot) : file);
        String uid = parts.get(parts.size() - 2);
        PostKey key = new PostKey(uid, pid);
        Integer earlier = byKey.get(key);
        if (earlier != null) {
            problems.report(listFile, "line " + line, "duplicate post: " + key + " is already on line " + (earlier + 1));
            return null;
        }
        String joined = String.join("/", parts);
        String imagePath = absolute ? "/" + joined : parts.get(0).equals(split) ? joined : split + "/" + joined;
        byKey.put(key, line - 1);
        byPid.merge(pid, line - 1, (a, b) -> AMBIGUOUS);
        return new Row(line, Post.builder(pid, uid).imagePath(imagePath));
    }

    /**
     * The row a record joins to: by (Uid, Pid), or by Pid alone when the record has no Uid and the Pid is
     * unique in the split; null when nothing matches.
     *
     * @throws IllegalArgumentException when the record has no usable Pid
     */
    Row find(JsonNode uid, JsonNode pid) {
        String p = JsonValues.id(pid);
        if (p == null) {
            throw new IllegalArgumentException("no Pid: the record cannot be joined");
        }
        String u = JsonValues.id(uid);
        Integer i = u != null ? byKey.get(new PostKey(u, p)) : byPid.get(p);
        return i == null || i == AMBIGUOUS ? null : rows.get(i);
    }

    /** The row of the image list's line with 0-based index {@code i}, or null when out of range or bad. */
    Row atRow(int i) {
        return i >= 0 && i < rows.size() ? rows.get(i) : null;
    }

    /** Drops a row that a broken required value makes unusable, counting it under the policy. */
    void drop(Row row, Path file, String location, String reason) {
        problems.report(file, location, reason);
        row.dropped = true;
    }

    /** Lines of a text file, without trailing blank lines (a final newline or two is common). */
    static List<String> lines(Path file) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                out.add(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        if (!out.isEmpty() && !out.get(0).isEmpty() && out.get(0).charAt(0) == '\uFEFF') {
            out.set(0, out.get(0).substring(1)); // byte-order mark written by some Windows tools
        }
        return out;
    }

    /** The kept posts in image-list order. */
    List<Post> posts() {
        List<Post> out = new ArrayList<>();
        for (Row r : rows) {
            if (r != null && !r.dropped) {
                out.add(r.post.label(r.label).build());
            }
        }
        return out;
    }
}
