package io.hyperfusion.data.synth;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes one split of a synthetic world in the SMPD-Image layout: the image list, the label file (train
 * only), five record-array JSON files and the column-oriented user data, all prefixed with the split name.
 *
 * <p>Like the real data, numbers often arrive as strings ({@code Postdate}, coordinates, flags), and a few
 * records (about 1 in 33 per file) carry {@code Pid} as a string instead of a number.
 */
final class SmpdWriter {

    private static final ObjectMapper JSON = Jackson.json();

    private SmpdWriter() {
    }

    /** Writes the split's text and JSON files into {@code dir} (which already holds the images). */
    static void writeSplit(Path dir, String split, List<WorldPost> rows, boolean withLabels) {
        List<String> paths = new ArrayList<>(rows.size());
        rows.forEach(p -> paths.add(p.imagePath(split)));
        writeLines(dir.resolve(split + "_img_filepath.txt"), paths);
        if (withLabels) {
            writeLines(dir.resolve(split + "_label.txt"), labels(rows));
        }
        writeRecords(dir.resolve(split + "_category.json"), rows, 1, p -> ordered(
                "Category", p.category(), "Subcategory", p.subcategory(), "Concept", p.concept()));
        writeRecords(dir.resolve(split + "_text.json"), rows, 2, p -> ordered(
                "Title", p.title(), "Mediatype", "photo", "Alltags", String.join(" ", p.tags())));
        writeRecords(dir.resolve(split + "_temporalspatial_information.json"), rows, 3, p -> ordered(
                "Postdate", Long.toString(p.postedAt().getEpochSecond()), "Latitude", p.latitude(),
                "Longitude", p.longitude(), "Geoaccuracy", p.geoAccuracy()));
        writeRecords(dir.resolve(split + "_additional_information.json"), rows, 4, p -> ordered(
                "Pathalias", p.user().pathAlias(), "Ispublic", "1", "Mediastatus", "ready"));
        writeUserData(dir.resolve(split + "_user_data.json"), rows);
    }

    /** Labels as SMPD writes them: plain decimals, one per line. */
    static List<String> labels(List<WorldPost> rows) {
        List<String> out = new ArrayList<>(rows.size());
        rows.forEach(p -> out.add(BigDecimal.valueOf(p.label()).toPlainString()));
        return out;
    }

    static void writeLines(Path file, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n')); // '\n' on every platform, for identical bytes
        writeString(file, sb.toString());
    }

    private static void writeRecords(Path file, List<WorldPost> rows, int fileNo,
            Function<WorldPost, Map<String, Object>> fields) {
        StringBuilder sb = new StringBuilder("[\n");
        try {
            for (int i = 0; i < rows.size(); i++) {
                WorldPost p = rows.get(i);
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("Uid", p.user().uid());
                rec.put("Pid", pidValue(p.pid(), fileNo));
                rec.putAll(fields.apply(p));
                sb.append(JSON.writeValueAsString(rec)).append(i + 1 < rows.size() ? ",\n" : "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise records for " + file, e);
        }
        writeString(file, sb.append("]\n").toString());
    }

    /** pandas {@code DataFrame.to_json()} default: one object per column, keyed by row number. */
    private static void writeUserData(Path file, List<WorldPost> rows) {
        String[] names = {"Pid", "Uid", "photo_firstdate", "photo_count", "ispro", "canbuypro", "timezone_offset",
            "photo_firstdatetaken", "timezone_id", "user_description", "location_description"};
        Map<String, Map<String, Object>> columns = new LinkedHashMap<>();
        for (String n : names) {
            columns.put(n, new LinkedHashMap<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            WorldPost p = rows.get(i);
            WorldUser u = p.user();
            String row = Integer.toString(i);
            columns.get("Pid").put(row, p.pid());
            columns.get("Uid").put(row, u.uid());
            columns.get("photo_firstdate").put(row, Long.toString(u.firstDate()));
            columns.get("photo_count").put(row, (double) u.photoCount()); // pandas float column: 1243.0
            columns.get("ispro").put(row, u.isPro());
            columns.get("canbuypro").put(row, u.canBuyPro());
            columns.get("timezone_offset").put(row, u.tzOffset());
            columns.get("photo_firstdatetaken").put(row, u.firstTaken());
            columns.get("timezone_id").put(row, u.city().zoneId());
            columns.get("user_description").put(row, u.userDesc());
            columns.get("location_description").put(row, u.locationDesc());
        }
        try {
            writeString(file, JSON.writeValueAsString(columns));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + file, e);
        }
    }

    private static Object pidValue(long pid, int fileNo) {
        return Math.floorMod(pid * 31 + fileNo, 33) == 0 ? (Object) Long.toString(pid) : (Object) pid;
    }

    static void writeString(Path file, String s) {
        try {
            Files.writeString(file, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
