package io.hyperfusion.features.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A fixture data set held as files of records (ordered maps), written to a folder in each file's layout. A
 * mutation edits the records before writing, so "change one field of one record" means exactly that in the
 * files the reader sees. {@link #writtenKeys} reads the written files back to list the keys they hold.
 */
final class FixtureFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a file is laid out on disk. */
    enum Layout {
        /** A JSON array of record objects. */
        JSON_ARRAY,
        /** pandas {@code to_json} default: {@code {"col": {"0": v, ...}, ...}}, row keys in record order. */
        PANDAS_COLUMNS,
        /** One JSON object a line. */
        JSON_LINES,
        /** SMPD image list: records {@code {Uid, Pid, image}} give lines {@code <split>/<Uid>/<Pid>.jpg}; the
         *  picture numbered {@code image} is written at that path. */
        IMAGE_LIST
    }

    /** One file: its kind (the name without the split), layout and records. */
    record DataFile(String kind, Layout layout, List<Map<String, Object>> records) { }

    private final Map<String, DataFile> files = new LinkedHashMap<>();
    private final Map<String, Integer> pictures = new LinkedHashMap<>();

    /** A record of alternating keys and values, in that order. */
    static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Adds an empty file at {@code path} (relative to the root). */
    DataFile file(String path, String kind, Layout layout) {
        DataFile f = new DataFile(kind, layout, new ArrayList<>());
        files.put(path, f);
        return f;
    }

    /** Writes picture number {@code picture} at {@code path} (relative to the root). */
    void picture(String path, int picture) {
        pictures.put(path, picture);
    }

    Map<String, DataFile> files() {
        return files;
    }

    /**
     * Sets {@code key} (dotted for a key inside an object value: {@code numeric.views}) of every record of the
     * files of {@code kind} that {@code which} accepts to {@code op(old value)}.
     *
     * @throws AssertionError when no record matched or the value stayed the same (the mutation would test nothing)
     */
    void set(String kind, Predicate<Map<String, Object>> which, String key, UnaryOperator<Object> op) {
        int changed = 0;
        for (DataFile f : files.values()) {
            if (!f.kind().equals(kind)) {
                continue;
            }
            for (Map<String, Object> rec : f.records()) {
                if (!which.test(rec)) {
                    continue;
                }
                Map<String, Object> holder = holder(rec, key);
                String leaf = key.substring(key.lastIndexOf('.') + 1);
                if (!holder.containsKey(leaf)) {
                    throw new AssertionError("fixture record of " + kind + " has no '" + key + "': " + rec);
                }
                Object old = holder.get(leaf);
                Object now = op.apply(old);
                if (Objects.equals(old, now)) {
                    throw new AssertionError("mutation of " + kind + " '" + key + "' leaves " + old + " unchanged");
                }
                holder.put(leaf, now);
                changed++;
            }
        }
        if (changed == 0) {
            throw new AssertionError("mutation of " + kind + " '" + key + "' matched no record");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> holder(Map<String, Object> rec, String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? rec : (Map<String, Object>) rec.get(key.substring(0, dot));
    }

    /** Writes every file and picture under {@code root}. */
    void write(Path root) {
        write(root, new Pictures());
    }

    /** Writes every file and picture under {@code root}, with pictures encoded by {@code pics}. */
    void write(Path root, Pictures pics) {
        try {
            for (Map.Entry<String, DataFile> e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, render(root, e.getKey(), e.getValue(), pics), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, Integer> e : pictures.entrySet()) {
                pics.write(root.resolve(e.getKey()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String render(Path root, String path, DataFile f, Pictures pics) throws IOException {
        StringBuilder sb = new StringBuilder();
        switch (f.layout()) {
            case JSON_ARRAY -> sb.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(f.records()));
            case JSON_LINES -> {
                for (Map<String, Object> r : f.records()) {
                    sb.append(JSON.writeValueAsString(r)).append('\n');
                }
            }
            case PANDAS_COLUMNS -> {
                Map<String, Map<String, Object>> cols = new LinkedHashMap<>();
                for (int i = 0; i < f.records().size(); i++) {
                    for (Map.Entry<String, Object> e : f.records().get(i).entrySet()) {
                        cols.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(String.valueOf(i), e.getValue());
                    }
                }
                sb.append(JSON.writeValueAsString(cols));
            }
            case IMAGE_LIST -> {
                String split = path.substring(0, path.indexOf('/'));
                for (Map<String, Object> r : f.records()) {
                    String line = split + "/" + r.get("Uid") + "/" + r.get("Pid") + ".jpg";
                    pics.write(root.resolve(line), ((Number) r.get("image")).intValue());
                    sb.append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * The keys each written file of {@code root} holds, by file kind, read back from disk: record keys (with
     * {@code key.sub} for the keys of an object value) of JSON files; {@code Uid}, {@code Pid} and, when the
     * picture exists, {@code image} of an image list.
     */
    Map<String, Set<String>> writtenKeys(Path root) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, DataFile> e : files.entrySet()) {
                Set<String> keys = out.computeIfAbsent(e.getValue().kind(), k -> new TreeSet<>());
                Path p = root.resolve(e.getKey());
                switch (e.getValue().layout()) {
                    case JSON_ARRAY -> JSON.readTree(p.toFile()).forEach(r -> addKeys(r, keys));
                    case PANDAS_COLUMNS -> JSON.readTree(p.toFile()).fieldNames().forEachRemaining(keys::add);
                    case JSON_LINES -> {
                        for (String line : Files.readAllLines(p)) {
                            addKeys(JSON.readTree(line), keys);
                        }
                    }
                    case IMAGE_LIST -> {
                        for (String line : Files.readAllLines(p)) {
                            keys.addAll(List.of("Uid", "Pid"));
                            if (Files.size(root.resolve(line)) > 0) {
                                keys.add("image");
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void addKeys(JsonNode rec, Set<String> keys) {
        rec.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                e.getValue().fieldNames().forEachRemaining(k -> keys.add(e.getKey() + "." + k));
            } else {
                keys.add(e.getKey());
            }
        });
    }
}
