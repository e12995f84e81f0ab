package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient conversions of JSON values as the SMPD files write them: numbers as strings, floats as {@code "0"},
 * ids as numbers or strings, empty strings and {@code null} for "absent".
 *
 * <p>Every method returns null for an absent value and throws {@link IllegalArgumentException} (with the bad
 * value quoted) for a present value it cannot convert; callers decide whether that drops the field or the row.
 */
public final class JsonValues {
    private static final Pattern INTEGRAL = Pattern.compile("[+-]?\\d+(?:\\.0*)?");
    private static final Pattern NUMERIC = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern TZ_CLOCK = Pattern.compile("(?:UTC|GMT)?\\s*([+-])(\\d{1,2}):?(\\d{2})");
    private static final DateTimeFormatter SPACE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SPACE_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** Largest UTC offset in use (UTC+14), in hours and in seconds. */
    private static final double MAX_OFFSET_HOURS = 14.0;
    /** Unix seconds beyond which milliseconds no longer fit a long (about 292 million years). */
    private static final double MAX_UNIX_SECONDS = 9.2e15;

    private JsonValues() {
    }

    /** True for a missing node, JSON null, or a blank string. */
    public static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isBlank());
    }

    /**
     * An id: strings are trimmed; integral numbers and numeric strings lose a trailing ".0" (775, "775.0" → "775").
     * A string that trims to nothing (control characters only, such as {@code "\u0000"}) is absent.
     */
    public static String id(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        if (n.isNumber()) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : n.asText();
        }
        if (n.isContainerNode() || n.isBoolean()) {
            throw new IllegalArgumentException("an id must be a string or number, got " + n);
        }
        String id = normaliseId(n.asText());
        return id.isEmpty() ? null : id; // String.trim() strips control characters that isBlank() keeps
    }

    /** Trims an id given as text and strips a zero fraction from a numeric one ("775.0" → "775"). */
    public static String normaliseId(String s) {
        String t = s.trim();
        if (t.indexOf('.') < 0 && !t.startsWith("+")) {
            return t; // the common case, without a regular expression
        }
        if (INTEGRAL.matcher(t).matches()) {
            int dot = t.indexOf('.');
            t = dot >= 0 ? t.substring(0, dot) : t;
            return t.startsWith("+") ? t.substring(1) : t;
        }
        return t;
    }

    /** A string value as given (numbers as their JSON text), or null when absent. */
    public static String text(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /** A number given as a JSON number or a numeric string ("NaN" and "Infinity" included). */
    public static Double number(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue() ? 1.0 : 0.0;
        }
        if (n.isTextual()) {
            String t = n.asText().trim();
            if (plainDecimal(t)) {
                return Double.parseDouble(t); // the common case, without a regular expression
            }
            if (NUMERIC.matcher(t).matches() || t.matches("[+-]?(NaN|Infinity)")) {
                return Double.parseDouble(t);
            }
        }
        throw new IllegalArgumentException("expected a number, got " + n);
    }

    /** Digits with an optional leading '-' and at most one '.', at least one digit: "12", "-0.1318". */
    private static boolean plainDecimal(String t) {
        int i = t.startsWith("-") ? 1 : 0;
        boolean digit = false;
        boolean dot = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /** A finite number, or null when absent. */
    public static Double finite(JsonNode n) {
        Double d = number(n);
        if (d != null && !Double.isFinite(d)) {
            throw new IllegalArgumentException("expected a finite number, got " + n);
        }
        return d;
    }

    /** A flag: true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no" (any case). */
    public static Boolean bool(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String t = n.asText().trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "1", "1.0", "true", "yes" -> { return true; }
            case "0", "0.0", "false", "no" -> { return false; }
            default -> throw new IllegalArgumentException("expected a flag (0/1/true/false), got " + n);
        }
    }

    /**
     * A moment: unix seconds (number or numeric string, fractions kept to the millisecond), or text
     * {@code "YYYY-MM-DD HH:MM:SS"} / {@code "YYYY-MM-DD HH:MM"} read as UTC, or ISO-8601 with a zone or offset.
     */
    public static Instant instant(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        if (n.isNumber() || (n.isTextual() && NUMERIC.matcher(n.asText().trim()).matches())) {
            double s = number(n);
            if (!(Math.abs(s) < MAX_UNIX_SECONDS)) {
                // Instant.ofEpochMilli(Math.round(1e300)) would silently clamp to the year 292,278,994.
                throw new IllegalArgumentException("out of range: unix seconds must be finite and within ±"
                        + (long) MAX_UNIX_SECONDS + ", got " + n);
            }
            return Instant.ofEpochMilli(Math.round(s * 1000.0));
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("expected unix seconds or a date-time, got " + n);
        }
        String t = n.asText().trim();
        try {
            if (t.length() == 19 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACE_SECONDS).toInstant(ZoneOffset.UTC);
            }
            if (t.length() == 16 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACE_MINUTES).toInstant(ZoneOffset.UTC);
            }
            return t.endsWith("Z") ? Instant.parse(t) : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected unix seconds or a date-time, got " + n, e);
        }
    }

    /**
     * A UTC offset in minutes. Text {@code "+05:30"}, {@code "-0800"}, {@code "UTC+01:00"} is read as a clock
     * offset; a plain number (or numeric string) of magnitude at most 14 is hours (5.5 → 330), a larger one is
     * seconds (19800 → 330, at most 14 h). Anything else is rejected.
     */
    public static Integer offsetMinutes(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        String t = n.asText().trim();
        Matcher m = TZ_CLOCK.matcher(t);
        if (n.isTextual() && m.matches() && (t.contains(":") || m.group(2).length() == 2)) {
            int minutes = Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
            if (minutes <= MAX_OFFSET_HOURS * 60 && Integer.parseInt(m.group(3)) < 60) {
                return m.group(1).equals("-") ? -minutes : minutes;
            }
        } else if (n.isNumber() || NUMERIC.matcher(t).matches()) {
            double v = number(n);
            if (Math.abs(v) <= MAX_OFFSET_HOURS) {
                return (int) Math.round(v * 60.0);
            }
            if (Math.abs(v) <= MAX_OFFSET_HOURS * 3600.0) {
                return (int) Math.round(v / 60.0);
            }
        }
        throw new IllegalArgumentException("expected a UTC offset like +05:30, -0800, hours or seconds, got " + n);
    }

    /** A vector written as comma-separated numbers in a string (SMPD descriptions) or as a JSON array. */
    public static float[] floats(JsonNode n) {
        if (absent(n)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(e -> parts.add(e.asText()));
        } else {
            String t = n.asText().trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            for (String p : t.split(",")) {
                if (!p.isBlank()) {
                    parts.add(p.trim());
                }
            }
        }
        float[] out = new float[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Float.parseFloat(parts.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected comma-separated numbers, element " + i + " is '"
                        + parts.get(i) + "'", e);
            }
        }
        return out.length == 0 ? null : out;
    }

    /** Splits text on the given separator characters, dropping empty pieces; null for null. */
    public static List<String> split(String s, String separatorRegex) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String p : s.split(separatorRegex)) {
            String t = p.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
