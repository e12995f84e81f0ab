package io.hyperfusion.app.io;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.Csv;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes score files: {@code .csv} with header {@code uid,pid,popularity_score} and the SMP
 * submission {@code .json} ({@code {"version": "VERSION 1.0", "result": [{"post_id", "popularity_score"}]}}).
 * Readers also take the SMPD label JSON (records with Uid, Pid and a label) and CSVs whose score column is
 * named {@code label}. Writes are atomic: a temporary file beside the target, then a rename.
 */
public final class ScoreFiles {
    private static final ObjectMapper JSON = Jackson.json();

    private ScoreFiles() { }

    /** Writes {@code scores} as CSV or submission JSON, chosen by the file's extension. */
    public static void write(Path file, List<Scored> scores) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                if (name.endsWith(".csv")) {
                    writeCsv(tmp, scores);
                } else if (name.endsWith(".json")) {
                    writeSubmission(tmp, scores);
                } else {
                    throw new IllegalArgumentException("output must end in .csv or .json, got " + file);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeCsv(Path tmp, List<Scored> scores) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter csv = Csv.printer(w)) {
            csv.printRecord("uid", "pid", "popularity_score");
            for (Scored s : scores) {
                csv.printRecord(s.uid() == null ? "" : s.uid(), s.pid(), format(s.score()));
            }
        }
    }

    private static void writeSubmission(Path tmp, List<Scored> scores) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "VERSION 1.0");
        ArrayNode result = root.putArray("result");
        for (Scored s : scores) {
            ObjectNode o = result.addObject();
            o.put("post_id", s.pid());
            o.put("popularity_score", Double.parseDouble(format(s.score())));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
    }

    /** Shortest exact decimal form, so written files are byte-identical for identical doubles. */
    static String format(double v) {
        return Double.toString(v);
    }

    /** Reads a CSV or JSON score file (see the class comment for the accepted shapes). */
    public static List<Scored> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return readCsv(file);
            }
            if (name.endsWith(".json")) {
                return readJson(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("score file must end in .csv or .json, got " + file);
    }

    private static List<Scored> readCsv(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = Csv.parser(in)) {
            Iterator<CSVRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw new DataFormatException(file, "line 1", "empty file; expected header uid,pid,popularity_score");
            }
            List<String> header = Csv.fields(records.next(), true);
            int uid = header.indexOf("uid");
            int pid = header.indexOf("pid");
            int score = header.indexOf("popularity_score");
            if (score < 0) {
                score = header.indexOf("label");
            }
            if (pid < 0 || score < 0) {
                throw new DataFormatException(file, "line 1", "header must name pid and popularity_score (or label), "
                        + "got " + String.join(",", header));
            }
            List<Scored> out = new ArrayList<>();
            while (records.hasNext()) {
                String where = "line " + (csv.getCurrentLineNumber() + 1);
                List<String> f;
                try {
                    f = Csv.fields(records.next(), true);
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new DataFormatException(file, where, "malformed CSV: " + e.getMessage(), e);
                }
                if (f.size() != header.size()) {
                    throw new DataFormatException(file, where, "expected " + header.size() + " fields, got " + f.size());
                }
                out.add(new Scored(uid < 0 ? null : f.get(uid), f.get(pid), parseScore(file, where, f.get(score))));
            }
            return out;
        }
    }

    private static List<Scored> readJson(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonParseException e) {
            throw new DataFormatException(file, "line " + e.getLocation().getLineNr(), "invalid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode records = root.isObject() && root.has("result") ? root.get("result") : root;
        if (records == null || !records.isArray()) {
            throw new DataFormatException(file, null, "expected a submission object with 'result' or an array of records");
        }
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String where = "record " + i;
            String pid = text(r, "post_id", "Pid", "pid");
            String uid = text(r, "uid", "Uid");
            String score = text(r, "popularity_score", "label", "Label", "popularity");
            if (pid == null || score == null) {
                throw new DataFormatException(file, where, "needs post_id (or Pid) and popularity_score (or label)");
            }
            out.add(new Scored(uid, normalisePid(pid), parseScore(file, where, score)));
        }
        return out;
    }

    private static String text(JsonNode r, String... names) {
        for (String n : names) {
            JsonNode v = r.get(n);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    /** 775, "775" and 775.0 are the same post id. */
    static String normalisePid(String pid) {
        String s = pid.trim();
        if (s.endsWith(".0") && s.substring(0, s.length() - 2).chars().allMatch(Character::isDigit)) {
            return s.substring(0, s.length() - 2);
        }
        return s;
    }

    private static double parseScore(Path file, String where, String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, where, "score '" + s + "' is not a finite number");
        }
    }

}
