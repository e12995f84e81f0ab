package io.hyperfusion.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON conventions shared by model and bundle metadata: one immutable reader/writer pair and the
 * normalisation of free-form option maps.
 *
 * <p>Only {@link ObjectReader}/{@link ObjectWriter} are handed out; they are immutable and thread-safe, so no
 * caller can reconfigure the shared mapper. The configuration is the project's one ({@link Jackson}).
 */
public final class Json {
    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectWriter WRITER = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectReader READER = MAPPER.reader();

    private Json() {
    }

    /** A pretty-printing writer with the project's conventions. */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /** A reader with the project's conventions; unknown properties are ignored (forward compatibility). */
    public static ObjectReader reader() {
        return READER;
    }

    /**
     * Copies an option map into a sorted, unmodifiable map whose values survive a JSON round trip unchanged:
     * integral numbers become {@code Long}, other numbers {@code Double}, enums and other objects their
     * {@code toString()}; strings, booleans, nulls and lists/maps of these are kept.
     */
    public static Map<String, Object> normaliseOptions(Map<String, ?> options) {
        if (options == null) {
            return Map.of();
        }
        TreeMap<String, Object> out = new TreeMap<>();
        options.forEach((k, v) -> {
            if (k == null) {
                throw new IllegalArgumentException("option names must not be null, got " + options);
            }
            out.put(k, normaliseValue(v));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Object normaliseValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(e -> out.add(normaliseValue(e)));
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            map.forEach((k, e) -> out.put(String.valueOf(k), normaliseValue(e)));
            return Collections.unmodifiableMap(out);
        }
        return v.toString();
    }

    private static ObjectMapper createMapper() {
        // The project's configuration (io.hyperfusion.data.Jackson), with maps written in key order so provenance and
        // metadata files are stable byte for byte.
        return Jackson.json().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }
}
