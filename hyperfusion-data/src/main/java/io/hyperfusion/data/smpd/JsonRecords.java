package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.DataFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the records of an SMPD JSON file in any of the layouts found in real copies: a JSON array of
 * records; a pandas column-oriented object {@code {"Pid": {"0": 775, ...}, "Uid": {...}}}; a pandas
 * index-oriented object {@code {"0": {"Pid": 775, ...}}}; or one record object after another (JSON lines).
 *
 * <p>Arrays and JSON lines are streamed record by record; the column layout is held one column at a time
 * and then handed out row by row, so memory stays proportional to the file's values, not its tree.
 */
final class JsonRecords {

    /** Receives each record. */
    interface Visitor {
        /**
         * @param location "record N" (1-based) or, for the pandas layouts, "row key 'K'"
         * @param rowKey   the pandas row key, or null for arrays and JSON lines
         * @param record   the record's fields
         */
        void record(String location, String rowKey, ObjectNode record);
    }

    private JsonRecords() {
    }

    /**
     * Visits every record of the file and returns how many there were.
     *
     * @throws DataFormatException for unparseable JSON (naming line and column) or a non-object record
     */
    static long forEach(Path file, ObjectMapper mapper, RowProblems problems, Visitor visitor) {
        try (JsonParser p = mapper.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return 0;
            }
            if (t == JsonToken.START_ARRAY) {
                return array(file, p, problems, visitor);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new DataFormatException(file, where(p.currentLocation()),
                        "expected a JSON array or object of records, got " + t);
            }
            if (p.nextToken() == JsonToken.END_OBJECT) {
                return 0;
            }
            String first = p.currentName();
            p.nextToken();
            JsonNode value = p.readValueAsTree();
            if (value != null && value.isObject()) {
                return keyed(p, first, (ObjectNode) value, visitor);
            }
            return lines(p, first, value, visitor);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, where(e.getLocation()), "invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long array(Path file, JsonParser p, RowProblems problems, Visitor visitor) throws IOException {
        long n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) {
                throw new DataFormatException(file, where(p.currentLocation()), "invalid JSON: unexpected end of file in array");
            }
            n++;
            String location = "record " + n;
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                problems.report(file, location, "not a record: expected a JSON object, got " + t);
                continue;
            }
            visitor.record(location, null, p.readValueAsTree());
        }
        return n;
    }

    /** The two pandas layouts; told apart by whether the inner keys are row numbers. */
    private static long keyed(JsonParser p, String firstKey, ObjectNode firstValue, Visitor visitor) throws IOException {
        Iterator<String> inner = firstValue.fieldNames();
        boolean columns = !inner.hasNext() || isRowKey(inner.next());
        if (!columns) {
            long n = 1;
            visitor.record("row key '" + firstKey + "'", firstKey, firstValue);
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                p.nextToken();
                JsonNode rec = p.readValueAsTree();
                if (rec instanceof ObjectNode o) {
                    visitor.record("row key '" + key + "'", key, o);
                    n++;
                }
            }
            return n;
        }
        Map<String, Integer> rowIndex = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<List<JsonNode>> cols = new ArrayList<>();
        names.add(firstKey);
        cols.add(new ArrayList<>());
        firstValue.fields().forEachRemaining(e -> put(rowIndex, cols.get(0), e.getKey(), e.getValue()));
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            names.add(p.currentName());
            List<JsonNode> col = new ArrayList<>();
            cols.add(col);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String key = p.currentName();
                p.nextToken();
                put(rowIndex, col, key, p.readValueAsTree());
            }
        }
        ObjectMapper m = (ObjectMapper) p.getCodec();
        for (Map.Entry<String, Integer> row : rowIndex.entrySet()) {
            ObjectNode rec = m.createObjectNode();
            int i = row.getValue();
            for (int c = 0; c < names.size(); c++) {
                List<JsonNode> col = cols.get(c);
                if (i < col.size() && col.get(i) != null) {
                    rec.set(names.get(c), col.get(i));
                }
            }
            visitor.record("row key '" + row.getKey() + "'", row.getKey(), rec);
        }
        return rowIndex.size();
    }

    private static void put(Map<String, Integer> rowIndex, List<JsonNode> col, String key, JsonNode v) {
        int i = rowIndex.computeIfAbsent(key, k -> rowIndex.size());
        while (col.size() <= i) {
            col.add(null);
        }
        col.set(i, v);
    }

    /** One record object after another; the first one's first field was already read. */
    private static long lines(JsonParser p, String firstKey, JsonNode firstValue, Visitor visitor) throws IOException {
        ObjectMapper m = (ObjectMapper) p.getCodec();
        ObjectNode first = m.createObjectNode();
        first.set(firstKey, firstValue);
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            p.nextToken();
            first.set(key, p.readValueAsTree());
        }
        visitor.record("record 1", null, first);
        long n = 1;
        for (JsonToken t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
            n++;
            visitor.record("record " + n, null, p.readValueAsTree());
        }
        return n;
    }

    private static boolean isRowKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String where(JsonLocation loc) {
        return loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
