package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a JSON-lines file: one JSON object per line, blank lines ignored. A line that is not a JSON object
 * is a bad row reported as "line N" under the read's {@link io.hyperfusion.data.BadRowPolicy}.
 */
public final class JsonLines {

    /** Receives each record with its 1-based line number. */
    public interface Visitor {
        void record(int line, ObjectNode record);
    }

    private JsonLines() {
    }

    /**
     * Visits every object line and returns the number of non-blank lines.
     *
     * @throws io.hyperfusion.data.DataFormatException for a bad line under FAIL
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static long forEach(Path file, ObjectMapper mapper, RowProblems problems, Visitor visitor) {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                line++;
                if (line == 1 && !l.isEmpty() && l.charAt(0) == '\uFEFF') {
                    l = l.substring(1);
                }
                if (l.isBlank()) {
                    continue;
                }
                n++;
                JsonNode node;
                try {
                    node = mapper.readTree(l);
                } catch (JsonProcessingException e) {
                    problems.report(file, "line " + line, "bad JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()));
                    continue;
                }
                if (!(node instanceof ObjectNode o)) {
                    problems.report(file, "line " + line, "not a record: expected a JSON object, got " + node.getNodeType());
                    continue;
                }
                visitor.record(line, o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return n;
    }
}
