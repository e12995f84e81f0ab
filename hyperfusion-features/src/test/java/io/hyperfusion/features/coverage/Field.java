package io.hyperfusion.features.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One row of a format's coverage table: a field (key) of a file kind, and either how the test changes it in one
 * record (and which post or author that affects), or why it is deliberately no feature input.
 *
 * @param kind    the file kind, as the format's table names it ({@code category.json}, {@code posts}, ...)
 * @param key     the key in that file ({@code numeric.views} for a key inside an object value)
 * @param target  the post or author whose feature rows must change; null when ignored
 * @param edit    the mutation of the fixture files; null when ignored
 * @param ignored why the field feeds no feature; null when it is mutated
 */
record Field(String kind, String key, Target target, Consumer<FixtureFiles> edit, String ignored) {

    /** What a mutation must move: one post's rows ({@code postId} set) or any row of an author's posts. */
    record Target(String userId, String postId) {
        static Target post(String userId, String postId) {
            return new Target(userId, postId);
        }

        static Target user(String userId) {
            return new Target(userId, null);
        }

        boolean isUser() {
            return postId == null;
        }

        @Override
        public String toString() {
            return isUser() ? "author " + userId : "post " + userId + "/" + postId;
        }
    }

    /** A field whose value in the records {@code target} names is replaced by {@code op(old)}. */
    static Field changed(String kind, String key, Target target, String idKey, String userKey, UnaryOperator<Object> op) {
        Consumer<FixtureFiles> edit = f -> f.set(kind, rec -> target.isUser()
                ? target.userId().equals(String.valueOf(rec.get(userKey)))
                : target.postId().equals(String.valueOf(rec.get(idKey)))
                        && target.userId().equals(String.valueOf(rec.get(userKey))), key, op);
        return new Field(kind, key, target, edit, null);
    }

    /** A field that feeds no feature, with the reason. */
    static Field ignored(String kind, String key, String reason) {
        return new Field(kind, key, null, null, reason);
    }

    boolean isIgnored() {
        return ignored != null;
    }

    // ---- value changes used by the tables ----

    /** A number (JSON number or numeric string, kept in its form) times {@code factor}, plus one. */
    static UnaryOperator<Object> scaled(double factor) {
        return v -> {
            double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
            double s = Math.round((d * factor + 1) * 1000) / 1000.0;
            return v instanceof Number ? (Object) s : (Object) Double.toString(s);
        };
    }

    /** An instant given as unix seconds (number or string) or ISO-8601, moved by {@code hours}, in its form. */
    static UnaryOperator<Object> shiftedHours(long hours) {
        return v -> {
            String s = v.toString();
            if (s.matches("-?\\d+")) {
                long t = Long.parseLong(s) + hours * 3600;
                return v instanceof Number ? (Object) t : (Object) Long.toString(t);
            }
            if (s.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d")) { // SMPD-Video "2023-07-29 18:21", UTC
                Instant t = Instant.parse(s.replace(' ', 'T') + ":00Z").plusSeconds(hours * 3600);
                return t.toString().substring(0, 16).replace('T', ' ');
            }
            return Instant.parse(s).plusSeconds(hours * 3600).toString();
        };
    }

    /** A constant replacement. */
    static UnaryOperator<Object> to(Object value) {
        return v -> value;
    }

    /** {@code a}, or {@code b} when the value already is {@code a}: another value seen in the data. */
    static UnaryOperator<Object> otherThan(Object a, Object b) {
        return v -> a.equals(v) ? b : a;
    }

    /** A string with {@code extra} appended (after a separator when not empty). */
    static UnaryOperator<Object> appended(String separator, String extra) {
        return v -> v.toString().isEmpty() ? extra : v + separator + extra;
    }

    /** A list with one more element. */
    static UnaryOperator<Object> added(Object element) {
        return v -> {
            List<Object> l = new ArrayList<>((List<?>) v);
            l.add(element);
            return l;
        };
    }

    /** A boolean, or a 0/1 flag in any form, flipped (kept in its form). */
    static UnaryOperator<Object> flipped() {
        return v -> v instanceof Boolean b ? (Object) !b
                : v instanceof Number n ? (Object) (n.intValue() == 0 ? 1 : 0)
                : (Object) (v.toString().equals("0") ? "1" : "0");
    }

    /** A vector (JSON array or comma-separated string) with its first element changed. */
    static UnaryOperator<Object> vectorChanged() {
        return v -> {
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l);
                out.set(0, ((Number) l.get(0)).doubleValue() + 2.5);
                return out;
            }
            String[] parts = v.toString().split(",");
            parts[0] = Double.toString(Double.parseDouble(parts[0]) + 2.5);
            return String.join(",", parts);
        };
    }
}
