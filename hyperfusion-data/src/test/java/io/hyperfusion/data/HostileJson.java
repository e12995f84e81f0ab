package io.hyperfusion.data;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generates the JSON a hostile or careless data file holds: every field name the readers know, with values of
 * every type, extreme numbers (1e40, 1e308, "NaN", 2,000 digits), absurd dates, paths out of the data set,
 * control characters, deep nesting and lines that are not JSON at all.
 */
final class HostileJson {
    private HostileJson() { }

    /** Field names of the three formats (JSONL, SMPD-Image JSON files, SMPD-Video JSONL) and a few unknown ones. */
    static final List<String> KEYS = List.of("post_id", "user_id", "posted_at", "title", "tags", "image", "category",
            "subcategory", "concept", "latitude", "longitude", "geo_accuracy", "numeric", "categorical", "label",
            "split", "photo_count", "is_pro", "can_buy_pro", "first_photo_date", "first_photo_taken",
            "timezone_offset_minutes", "timezone_id", "user_description", "location_description",
            "Uid", "Pid", "Title", "Tile", "Alltags", "Mediatype", "Category", "Subcategory", "Concept", "Postdate",
            "Latitude", "Longitude", "Geoaccuracy", "Pathalias", "Ispublic", "Mediastatus", "ispro", "canbuypro",
            "photo_firstdate", "photo_firstdatetaken", "timezone_offset", "popularity", "Label",
            "pid", "uid", "post_content", "post_suggested_words", "post_location", "post_text_language", "post_time",
            "user_follower_count", "video_height", "video_duration", "video_ratio", "extra");

    static Arbitrary<String> atom() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("null", "true", "false", "0", "-0", "1", "-1", "1e40", "-1e40", "1e308",
                        "-1e308", "1e400", "1e-320", "1.5", "9007199254740993", "123456789012345678901234567890",
                        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e40\"", "\"\"", "\" \"", "\"0\"", "\"None\"",
                        "\"+999999999-01-01T00:00:00Z\"", "\"2024-03-01T18:00:00Z\"", "\"2023-07-29 18:21\"",
                        "\"1899-12-31T00:00:00Z\"", "1e300", "-62135596800", "\"+05:30\"", "\"UTC+99:00\"",
                        "\"Europe/Paris\"", "\"Mars/Olympus\"", "\"../../../../etc/passwd\"", "\"/etc/passwd\"",
                        "\"a\\u0000b\"", "\"\\ud800\"", "\"1,2,x\"", "\"train\"", "\"test\"", "\"validation\"")),
                Tuple.of(3, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(3, Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0")),
                Tuple.of(3, Arbitraries.strings().ofMaxLength(12).map(HostileJson::quote)),
                // Numbers of up to 2,000 digits (beyond the parser's limit of 1,000 the line is bad JSON).
                Tuple.of(1, Arbitraries.strings().numeric().ofMaxLength(2_000).map(d -> "1" + d)));
    }

    /** A JSON value, nested up to {@code depth}. */
    static Arbitrary<String> value(int depth) {
        if (depth <= 0) {
            return atom();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, atom()),
                Tuple.of(1, value(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, object(depth - 1)));
    }

    /** A JSON object whose keys are mostly known field names. */
    static Arbitrary<String> object(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(KEYS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
        Arbitrary<String> field = net.jqwik.api.Combinators.combine(key, value(depth)).as((k, v) -> quote(k) + ":" + v);
        return field.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
    }

    /** One line of a JSON-lines file: usually a record, sometimes garbage, deep nesting or an empty line. */
    static Arbitrary<String> line() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, object(2)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.of("[".repeat(5000) + "]".repeat(5000), "{", "", "  ",
                        "{\"post_id\":\"x\",\"user_id\":\"y\"} trailing", "[]", "\"string\"", "\uFEFF{}")));
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
