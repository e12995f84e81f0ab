package io.hyperfusion.models.options;

import java.math.BigDecimal;

/**
 * The values a numeric option accepts, with the words the error message and the option docs use for them; after
 * scikit-learn's {@code Interval} constraint.
 *
 * @param lo          lower bound ({@code -Infinity} for none)
 * @param loInclusive whether {@code lo} itself is allowed
 * @param hi          upper bound ({@code Infinity} for none)
 * @param hiInclusive whether {@code hi} itself is allowed
 * @param special     one more allowed value outside the interval (e.g. {@code -1} for "no limit"), or NaN for none
 * @param specialText what {@code special} means, e.g. {@code no limit}
 */
public record Range(double lo, boolean loInclusive, double hi, boolean hiInclusive, double special,
                    String specialText) {

    /** Any finite value. */
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
            Double.NaN, null);

    /** {@code v >= min}. */
    public static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false, Double.NaN, null);
    }

    /** {@code v > 0}. */
    public static Range positive() {
        return new Range(0, false, Double.POSITIVE_INFINITY, false, Double.NaN, null);
    }

    /** {@code lo <= v <= hi}. */
    public static Range closed(double lo, double hi) {
        return new Range(lo, true, hi, true, Double.NaN, null);
    }

    /** {@code lo <= v < hi}. */
    public static Range closedOpen(double lo, double hi) {
        return new Range(lo, true, hi, false, Double.NaN, null);
    }

    /** {@code 0 < v <= 1}: a share or rate. */
    public static Range unit() {
        return new Range(0, false, 1, true, Double.NaN, null);
    }

    /** This range, or exactly {@code value}, which means {@code meaning}. */
    public Range or(double value, String meaning) {
        return new Range(lo, loInclusive, hi, hiInclusive, value, meaning);
    }

    /** Whether {@code v} is allowed (NaN and infinities never are). */
    public boolean contains(double v) {
        if (!Double.isFinite(v)) {
            return false;
        }
        if (v == special) {
            return true;
        }
        return (loInclusive ? v >= lo : v > lo) && (hiInclusive ? v <= hi : v < hi);
    }

    /** The range in words, e.g. {@code in (0, 1]}, {@code >= 1}, {@code -1 (no limit) or >= 1}. */
    public String text() {
        String interval;
        if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
            interval = "finite";
        } else if (Double.isInfinite(hi)) {
            interval = (loInclusive ? ">= " : "> ") + plain(lo);
        } else if (Double.isInfinite(lo)) {
            interval = (hiInclusive ? "<= " : "< ") + plain(hi);
        } else {
            interval = "in " + (loInclusive ? "[" : "(") + plain(lo) + ", " + plain(hi) + (hiInclusive ? "]" : ")");
        }
        return Double.isNaN(special) ? interval : plain(special) + " (" + specialText + ") or " + interval;
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
