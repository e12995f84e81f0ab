package io.hyperfusion.app.serve;

import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates request bodies a hostile or careless client sends: posts and profiles with every known field holding
 * values of every type and absurd size, images that are valid, truncated, forged or not base64, batches, advice
 * requests, and bytes that are not JSON at all.
 */
final class HostileRequests {
    private HostileRequests() { }

    /** Post fields besides the ids (which {@link #post} sets, so that most posts get past them). */
    static final List<String> POST_KEYS = List.of("posted_at", "title", "tags", "image",
            "category", "subcategory", "concept", "latitude", "longitude", "geo_accuracy", "numeric", "categorical",
            "label", "split", "explain", "extra");
    /** Profile fields ({@code user_id} is left out: a wrong author is refused before anything else is read). */
    static final List<String> USER_KEYS = List.of("photo_count", "is_pro", "can_buy_pro", "first_photo_date",
            "first_photo_taken", "timezone_offset_minutes", "timezone_id", "user_description", "location_description",
            "numeric");

    static Arbitrary<String> atom() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("null", "true", "false", "0", "-1", "1e40", "-1e40", "1e308", "1e400", "3.5e38",
                        "1e16", "-1e15", "1e15",
                        "1e-320", "3.5", "123456789012345678901234567890", "\"NaN\"", "\"Infinity\"", "\"1e40\"", "\"\"",
                        "\"+999999999-01-01T00:00:00Z\"", "\"2016-03-01T18:00:00Z\"", "\"2016-03-01 18:00\"", "1e300",
                        "1457000000", "-62135596800", "\"+05:30\"", "\"Europe/Paris\"", "\"Mars/Olympus\"",
                        "\"../../etc/passwd\"", "\"a\\u0000b\"", "\"\\u0000\"", "\"\\ud800\"", "\"1,2,x\"", "\"0.5,1e40\"",
                        "\"train\"", "\"test\"", "[]", "{}", "[\"sea\", \"sun\"]", "[{\"x\": 1}]", "{\"followers\": 1e40}",
                        "{\"followers\": 12, \"x\": \"NaN\"}", "[1e40, 2]", "\"" + "x".repeat(5000) + "\"")),
                Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(2, Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "1")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(10).map(HostileRequests::quote)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMaxLength(300).map(d -> "1" + d)));
    }

    static Arbitrary<String> image() {
        byte[] jpeg;
        try {
            jpeg = LoadBenchmark.jpeg(64, 48);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        byte[] half = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
        Base64.Encoder b64 = Base64.getEncoder();
        return Arbitraries.of("\"" + b64.encodeToString(jpeg) + "\"", "\"" + b64.encodeToString(half) + "\"",
                "\"" + b64.encodeToString(Hostile.pixelBomb(64, 64)) + "\"", "\"" + b64.encodeToString(new byte[] {1, 2, 3}) + "\"",
                "\"not*base64!\"", "\"\"", "12", "{}");
    }

    /** A plausible value of a field, so that one hostile value among sane ones reaches the model. */
    static Arbitrary<String> plausible(String key) {
        Arbitrary<String> number = Arbitraries.doubles().between(-1e6, 1e6).map(String::valueOf);
        return switch (key) {
            case "posted_at", "first_photo_date", "first_photo_taken" -> Arbitraries.oneOf(
                    Arbitraries.longs().between(1_100_000_000L, 1_600_000_000L).map(String::valueOf),
                    Arbitraries.of("\"2016-03-01T18:00:00Z\"", "\"2012-07-04 09:30:00\"", "\"2015-12-31T23:59:59+14:00\""));
            case "latitude" -> Arbitraries.doubles().between(-90, 90).map(String::valueOf);
            case "longitude" -> Arbitraries.doubles().between(-180, 180).map(String::valueOf);
            case "geo_accuracy" -> Arbitraries.integers().between(1, 16).map(String::valueOf);
            case "photo_count" -> Arbitraries.integers().between(0, 100_000).map(String::valueOf);
            case "timezone_offset_minutes" -> Arbitraries.integers().between(-720, 840).map(String::valueOf);
            case "is_pro", "can_buy_pro", "explain" -> Arbitraries.of("true", "false", "1", "0");
            case "numeric" -> number.map(v -> "{\"followers\": " + v + "}");
            case "categorical" -> Arbitraries.of("{\"device\": \"iphone\"}", "{}");
            case "tags" -> Arbitraries.of("[\"sea\", \"sun\"]", "\"sea,sun sunset\"", "[]");
            case "user_description", "location_description" -> number.list().ofSize(3)
                    .map(l -> "\"" + String.join(",", l.stream().map(String::valueOf).toList()) + "\"");
            case "timezone_id" -> Arbitraries.of("\"Europe/Paris\"", "\"Pacific Time\"", "\"UTC\"");
            case "split" -> Arbitraries.of("\"train\"", "\"test\"");
            case "label" -> Arbitraries.doubles().between(0, 20).map(String::valueOf);
            default -> Arbitraries.strings().alpha().ofMaxLength(12).map(HostileRequests::quote);
        };
    }

    /** A value aimed at the field's type: extreme numbers for numbers, absurd moments for times, anything else too. */
    static Arbitrary<String> hostile(String key) {
        Arbitrary<String> extreme = Arbitraries.of("1e40", "-1e40", "3.5e38", "1e308", "-1e308", "1e16", "1e400",
                "\"Infinity\"", "\"NaN\"", "\"1e40\"", "123456789012345678901234567890");
        return switch (key) {
            case "posted_at", "first_photo_date", "first_photo_taken" -> Arbitraries.oneOf(atom(), Arbitraries.of(
                    "\"+999999999-01-01T00:00:00Z\"", "1e300", "-1e20", "\"-999999999-01-01T00:00:00Z\"", "9.2e15"));
            case "latitude", "longitude", "geo_accuracy", "photo_count", "timezone_offset_minutes" ->
                    Arbitraries.oneOf(atom(), extreme);
            case "numeric" -> Arbitraries.oneOf(atom(), extreme.map(v -> "{\"followers\": " + v + "}"));
            case "user_description", "location_description" -> Arbitraries.oneOf(atom(),
                    extreme.map(v -> "\"1," + v.replace("\"", "") + "\""));
            default -> atom();
        };
    }

    /** Up to three plausible members of the given keys. */
    private static Arbitrary<List<String>> plausibleFields(List<String> keys) {
        return Arbitraries.of(keys).flatMap(k -> plausible(k).map(v -> quote(k) + ": " + v)).list().ofMaxSize(3)
                .uniqueElements(HostileRequests::key);
    }

    /** One hostile member: a key of the list with a value aimed at its type. */
    private static Arbitrary<String> hostileField(List<String> keys) {
        return Arbitraries.of(keys).flatMap(k -> hostile(k).map(v -> quote(k) + ": " + v));
    }

    private static String key(String member) {
        return member.substring(0, member.indexOf(':'));
    }

    /**
     * A post: usually valid ids and plausible fields with exactly one hostile value, in the post or in its
     * author's profile, so that the hostile value is what the server meets; sometimes an image.
     */
    static Arbitrary<String> post() {
        Arbitrary<String> ids = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 99).map(i -> "\"post_id\": \"p" + i + "\", \"user_id\": \"u1\"")),
                Tuple.of(1, Arbitraries.of("\"user_id\": \"u1\"", "\"post_id\": \"\\u0000\", \"user_id\": true",
                        "\"post_id\": 1e40, \"user_id\": [1]")));
        Arbitrary<String> image = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, image().map(i -> "\"image_base64\": " + i)));
        return Combinators.combine(ids, plausibleFields(POST_KEYS), plausibleFields(USER_KEYS), Arbitraries.of(true, false),
                hostileField(POST_KEYS), hostileField(USER_KEYS), image)
                .as((id, postFields, userFields, inUser, badPost, badUser, img) -> {
                    List<String> members = new java.util.ArrayList<>(List.of(id));
                    List<String> user = new java.util.ArrayList<>(userFields);
                    members.addAll(postFields);
                    if (inUser) {
                        user.removeIf(f -> key(f).equals(key(badUser)));
                        user.add(badUser);
                    } else {
                        members.removeIf(f -> key(f).equals(key(badPost)));
                        members.add(badPost);
                    }
                    members.add("\"user\": {" + String.join(", ", user) + "}");
                    if (!img.isEmpty()) {
                        members.add(img);
                    }
                    return "{" + String.join(", ", members) + "}";
                });
    }

    /** A body for {@code /v1/predict}: one post, a batch, or not a post at all. */
    static Arbitrary<String> predictBody() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, post()),
                Tuple.of(3, post().list().ofMaxSize(10).map(l -> "{\"posts\": [" + String.join(", ", l) + "]}")),
                Tuple.of(1, atom()),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(30)),
                Tuple.of(1, Arbitraries.of("[".repeat(10_000), "{\"posts\": {}}", "{\"posts\": [1, 2]}", "{} {}")));
    }

    /** A body for {@code /v1/advise}. */
    static Arbitrary<String> adviseBody() {
        return Combinators.combine(post(), atom(), atom())
                .as((p, from, tags) -> "{\"post\": " + p + ", \"from\": " + from + ", \"candidate_tags\": " + tags + "}");
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
