package io.hyperfusion.data.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.smpd.JsonValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Converts posts and profiles to and from the JSON objects of the project's own JSON-lines format; both
 * directions live here so that what the writer writes is exactly what the reader reads (docs/FORMATS.md).
 */
final class JsonlCodec {
    static final Set<String> POST_KEYS = Set.of("post_id", "user_id", "posted_at", "title", "tags", "image",
            "category", "subcategory", "concept", "latitude", "longitude", "geo_accuracy", "numeric",
            "categorical", "label", "split");
    static final Set<String> USER_KEYS = Set.of("user_id", "photo_count", "is_pro", "can_buy_pro",
            "first_photo_date", "first_photo_taken", "timezone_offset_minutes", "timezone_id",
            "user_description", "location_description", "numeric");

    /** Converts one field; reports and returns null when it cannot (the field is dropped, the row kept). */
    interface Fields {
        <T> T get(ObjectNode rec, String name, Function<JsonNode, T> conv);
    }

    private JsonlCodec() {
    }

    // ---- reading ----

    /** The post's fields other than ids and label, read leniently; ids and label are the reader's concern. */
    static void postFields(Post.Builder p, ObjectNode rec, Fields f) {
        p.postedAt(f.get(rec, "posted_at", JsonValues::instant));
        JsonNode title = rec.get("title");
        p.title(title == null || title.isNull() ? "" : title.asText());
        p.tags(f.get(rec, "tags", JsonlCodec::tags));
        p.imagePath(f.get(rec, "image", JsonValues::text));
        p.category(f.get(rec, "category", JsonValues::text));
        p.subcategory(f.get(rec, "subcategory", JsonValues::text));
        p.concept(f.get(rec, "concept", JsonValues::text));
        Double lat = f.get(rec, "latitude", JsonValues::finite);
        Double lon = f.get(rec, "longitude", JsonValues::finite);
        Integer acc = f.get(rec, "geo_accuracy", JsonlCodec::integer);
        p.geo(lat, lon, acc);
        Map<String, Double> numeric = f.get(rec, "numeric", JsonlCodec::numbers);
        if (numeric != null) {
            numeric.forEach(p::numeric);
        }
        Map<String, String> categorical = f.get(rec, "categorical", JsonlCodec::strings);
        if (categorical != null) {
            categorical.forEach(p::categorical);
        }
    }

    static UserProfile user(String id, ObjectNode rec, Fields f) {
        Integer offset = f.get(rec, "timezone_offset_minutes", JsonlCodec::integer);
        return new UserProfile(id,
                f.get(rec, "photo_count", JsonValues::finite),
                f.get(rec, "is_pro", JsonValues::bool),
                f.get(rec, "can_buy_pro", JsonValues::bool),
                f.get(rec, "first_photo_date", JsonValues::instant),
                f.get(rec, "first_photo_taken", JsonValues::instant),
                offset,
                f.get(rec, "timezone_id", JsonValues::text),
                f.get(rec, "user_description", JsonValues::floats),
                f.get(rec, "location_description", JsonValues::floats),
                f.get(rec, "numeric", JsonlCodec::numbers));
    }

    /** Tags as a JSON array of strings, or one string separated by spaces and/or commas. */
    static List<String> tags(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                JsonNode t = n.get(i);
                if (!t.isTextual() && !t.isNumber()) {
                    // An object's asText() is "": it used to become an empty tag without a word.
                    throw new IllegalArgumentException("expected an array of strings, element " + i + " is " + t);
                }
                out.add(t.asText());
            }
            return out;
        }
        if (n.isTextual()) {
            return JsonValues.split(n.asText(), "[\\s,]+");
        }
        throw new IllegalArgumentException("expected an array of strings or a string, got " + n);
    }

    static Integer integer(JsonNode n) {
        Double d = JsonValues.finite(n);
        if (d != null && (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("expected an integer, got " + n);
        }
        return d == null ? null : d.intValue();
    }

    static Map<String, Double> numbers(JsonNode n) {
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object(n)) {
            Double v = JsonValues.number(e.getValue());
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : object(n)) {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> object(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("expected an object of name: value, got " + n);
        }
        return n::fields;
    }

    // ---- writing ----

    static ObjectNode post(ObjectMapper m, Post p, String image, String split) {
        ObjectNode o = m.createObjectNode();
        o.put("post_id", p.postId());
        o.put("user_id", p.userId());
        if (p.postedAt() != null) {
            o.put("posted_at", p.postedAt().toString());
        }
        o.put("title", p.title());
        ArrayNode tags = o.putArray("tags");
        p.tags().forEach(tags::add);
        putIf(o, "image", image);
        putIf(o, "category", p.category());
        putIf(o, "subcategory", p.subcategory());
        putIf(o, "concept", p.concept());
        if (p.latitude() != null) {
            o.put("latitude", p.latitude());
        }
        if (p.longitude() != null) {
            o.put("longitude", p.longitude());
        }
        if (p.geoAccuracy() != null) {
            o.put("geo_accuracy", p.geoAccuracy());
        }
        if (!p.numeric().isEmpty()) {
            ObjectNode num = o.putObject("numeric");
            new TreeMap<>(p.numeric()).forEach(num::put);
        }
        if (!p.categorical().isEmpty()) {
            ObjectNode cat = o.putObject("categorical");
            new TreeMap<>(p.categorical()).forEach(cat::put);
        }
        if (p.label() != null) {
            o.put("label", p.label());
        }
        o.put("split", split);
        return o;
    }

    static ObjectNode user(ObjectMapper m, UserProfile u) {
        ObjectNode o = m.createObjectNode();
        o.put("user_id", u.userId());
        if (u.photoCount() != null) {
            o.put("photo_count", u.photoCount());
        }
        if (u.isPro() != null) {
            o.put("is_pro", u.isPro());
        }
        if (u.canBuyPro() != null) {
            o.put("can_buy_pro", u.canBuyPro());
        }
        putIf(o, "first_photo_date", u.firstPhotoDate() == null ? null : u.firstPhotoDate().toString());
        putIf(o, "first_photo_taken", u.firstPhotoTaken() == null ? null : u.firstPhotoTaken().toString());
        if (u.timezoneOffsetMinutes() != null) {
            o.put("timezone_offset_minutes", u.timezoneOffsetMinutes());
        }
        putIf(o, "timezone_id", u.timezoneId());
        floats(o, "user_description", u.userDescription());
        floats(o, "location_description", u.locationDescription());
        if (!u.numeric().isEmpty()) {
            ObjectNode num = o.putObject("numeric");
            new TreeMap<>(u.numeric()).forEach(num::put);
        }
        return o;
    }

    private static void floats(ObjectNode o, String name, float[] v) {
        if (v.length > 0) {
            ArrayNode a = o.putArray(name);
            for (float x : v) {
                a.add(x);
            }
        }
    }

    private static void putIf(ObjectNode o, String name, String v) {
        if (v != null) {
            o.put(name, v);
        }
    }
}
