package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.data.DataFormatException;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the labels of an SMPD-Image training split: {@code <split>_label.txt}, one float per line in
 * image-list order, or {@code <split>_label.json}, records keyed by (Uid, Pid). A post left without a label,
 * or with one that is not a finite number, is a bad row and is dropped.
 */
final class ImageLabels {
    /** Keys of the label in the JSON records, in the order tried. */
    static final List<String> LABEL_KEYS = List.of("label", "Label", "popularity", "popularity_score");

    /** Keys of {@code <split>_label.json}: the ids and any of the label keys. */
    static final List<String> JSON_KEYS =
            java.util.stream.Stream.concat(java.util.stream.Stream.of("Uid", "Pid"), LABEL_KEYS.stream()).toList();

    private ImageLabels() {
    }

    /** Reads the split's label file; the .txt one when both exist. */
    static void read(ImageSplit s) {
        Path txt = s.firstExisting(s.split + "_label.txt");
        Path json = s.firstExisting(s.split + "_label.json");
        if (txt == null && json == null) {
            throw new DataFormatException(s.dir.resolve(s.split + "_label.txt"), null,
                    "the " + s.split + " split needs labels: " + s.split + "_label.txt or " + s.split + "_label.json");
        }
        if (txt != null) {
            if (json != null) {
                s.problems.summary().note(s.problems.name(json) + " ignored: " + s.problems.name(txt) + " is used");
            }
            readText(s, txt);
        } else {
            readJson(s, json);
        }
        for (ImageSplit.Row r : s.rows) {
            if (r != null && !r.dropped && r.label == null) {
                s.drop(r, s.listFile, "line " + r.line, "no label: " + r.post.userId() + "/" + r.post.postId()
                        + " has no record in " + s.problems.name(txt != null ? txt : json));
            }
        }
    }

    private static void readText(ImageSplit s, Path file) {
        List<String> lines = ImageSplit.lines(file);
        s.problems.summary().rows(s.problems.name(file), lines.size());
        if (lines.size() != s.rows.size()) {
            throw new DataFormatException(file, null, "has " + lines.size() + " labels but "
                    + s.problems.name(s.listFile) + " has " + s.rows.size() + " paths; they must line up one to one");
        }
        for (int i = 0; i < lines.size(); i++) {
            ImageSplit.Row r = s.rows.get(i);
            if (r == null || r.dropped) {
                continue;
            }
            String t = lines.get(i).trim();
            try {
                double v = Double.parseDouble(t);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException("not finite");
                }
                r.label = v;
            } catch (NumberFormatException e) {
                s.drop(r, file, "line " + (i + 1), "bad label: expected a finite number, got '" + t + "'");
            }
        }
    }

    private static void readJson(ImageSplit s, Path file) {
        long[] unmatched = {0};
        UnknownKeys unknown = new UnknownKeys(JSON_KEYS);
        long n = JsonRecords.forEach(file, s.mapper, s.problems, (loc, key, rec) -> {
            unknown.count(rec);
            ImageSplit.Row r;
            try {
                r = s.find(rec.get("Uid"), rec.get("Pid"));
            } catch (IllegalArgumentException e) {
                s.problems.report(file, loc, e.getMessage());
                return;
            }
            if (r == null) {
                unmatched[0]++;
                return;
            }
            if (r.dropped) {
                return;
            }
            JsonNode v = null;
            for (String k : LABEL_KEYS) {
                if (rec.has(k)) {
                    v = rec.get(k);
                    break;
                }
            }
            try {
                Double d = JsonValues.finite(v);
                if (d == null) {
                    throw new IllegalArgumentException("expected one of " + LABEL_KEYS + " with a number");
                }
                r.label = d;
            } catch (IllegalArgumentException e) {
                s.drop(r, file, loc, "bad label: " + e.getMessage());
            }
        });
        s.problems.summary().rows(s.problems.name(file), n).unmatched(s.problems.name(file), unmatched[0]);
        unknown.note(s.problems, file);
    }
}
