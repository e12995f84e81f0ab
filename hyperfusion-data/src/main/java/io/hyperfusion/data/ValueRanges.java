package io.hyperfusion.data;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Sane bounds for every value a post or a profile carries, checked right after a reader (or the server)
 * converts a field and before the value can reach a feature, a native library or a date-time calculation.
 *
 * <p>A value outside its bound is a bad field, exactly like one that cannot be converted: the caller reports
 * it under its row policy (a counted skip naming file, line and field, or an error naming them; a 400 naming
 * the field in the server). The bounds are wide enough for any real data set and narrow enough that the
 * arithmetic after them cannot overflow: XGBoost and the networks take features as 32-bit floats, and one
 * value above {@code Float.MAX_VALUE} (3.4e38) used to abort a whole batch.
 *
 * <ul>
 *   <li>every number: finite and at most {@value #MAX_MAGNITUDE} in magnitude (beyond it a double no longer
 *       holds every integer, and no count on any platform comes near it); inside {@code numeric} maps NaN
 *       stays allowed and means "missing";</li>
 *   <li>{@code latitude} within ±90, {@code longitude} within ±180, {@code photo_count} not negative,
 *       {@code timezone_offset_minutes} within ±14 hours (the widest offset in use);</li>
 *   <li>every moment ({@code posted_at}, {@code first_photo_date}, ...) from {@link #EARLIEST} to
 *       {@link #LATEST}: earlier or later moments are typing errors or forged, and near the limits of
 *       {@link Instant} converting them to an author's local time throws.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class ValueRanges {
    /** Largest magnitude of any number. */
    public static final double MAX_MAGNITUDE = 1e15;
    /** Earliest accepted moment: 1900-01-01T00:00:00Z (old scans carry early "taken" dates). */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Latest accepted moment: 2200-01-01T00:00:00Z. */
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** Largest UTC offset in use (UTC+14), minutes. */
    static final int MAX_OFFSET_MINUTES = 14 * 60;

    private ValueRanges() { }

    /**
     * Checks a converted field value and returns it unchanged.
     *
     * @param field the field's name as the input spells it (e.g. {@code photo_count}, {@code Latitude})
     * @param value the converted value: a number, moment, number map, float vector or anything else (not checked)
     * @throws IllegalArgumentException naming the bound when the value is outside it
     */
    public static <T> T check(String field, T value) {
        if (value instanceof Double d) {
            number(field, d);
        } else if (value instanceof Integer i) {
            integer(field, i);
        } else if (value instanceof Instant t) {
            instant(t);
        } else if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Double d && !d.isNaN()) {
                    magnitude(d, "'" + e.getKey() + "' ");
                }
            }
        } else if (value instanceof float[] v) {
            for (int i = 0; i < v.length; i++) {
                magnitude(v[i], "element " + i + " ");
            }
        }
        return value;
    }

    /** A moment within [{@link #EARLIEST}, {@link #LATEST}); returns it. */
    public static Instant instant(Instant t) {
        if (t != null && (t.isBefore(EARLIEST) || !t.isBefore(LATEST))) {
            throw new IllegalArgumentException("out of range: " + t + " is not between " + EARLIEST + " and " + LATEST);
        }
        return t;
    }

    private static void number(String field, double d) {
        magnitude(d, "");
        switch (field.toLowerCase(Locale.ROOT)) {
            case "latitude" -> within(d, 90, "degrees of latitude");
            case "longitude" -> within(d, 180, "degrees of longitude");
            case "photo_count" -> {
                if (d < 0) {
                    throw new IllegalArgumentException("out of range: a count cannot be negative, got " + d);
                }
            }
            default -> { }
        }
    }

    private static void integer(String field, int v) {
        if (field.equalsIgnoreCase("timezone_offset_minutes") && Math.abs(v) > MAX_OFFSET_MINUTES) {
            throw new IllegalArgumentException("out of range: a UTC offset is at most ±" + MAX_OFFSET_MINUTES
                    + " minutes, got " + v);
        }
    }

    private static void magnitude(double d, String what) {
        if (!Double.isFinite(d) || Math.abs(d) > MAX_MAGNITUDE) {
            throw new IllegalArgumentException("out of range: " + what + d + " is not a finite number within ±"
                    + MAX_MAGNITUDE);
        }
    }

    private static void within(double d, double max, String what) {
        if (Math.abs(d) > max) {
            throw new IllegalArgumentException("out of range: expected " + what + " within ±" + (int) max + ", got " + d);
        }
    }
}
