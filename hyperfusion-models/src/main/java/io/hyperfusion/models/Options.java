package io.hyperfusion.models;

/** Parsing and range checks for hyperparameter records, with the option name and bad value in every message. */
public final class Options {
    private Options() {
    }

    /** An integral number from a config value (Number or text). */
    public static int toInt(String name, Object v) {
        double d = toDouble(name, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": expected an integer, got " + v);
        }
        return (int) d;
    }

    /** A number from a config value (Number or text). */
    public static double toDouble(String name, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a number, got '" + v + "'", e);
        }
    }

    /** A boolean from a config value (Boolean or "true"/"false"). */
    public static boolean toBoolean(String name, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(name + ": expected true or false, got '" + v + "'");
    }

    public static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(name + ": expected >= " + min + ", got " + v);
        }
    }

    public static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + ": expected a finite value > 0, got " + v);
        }
    }

    public static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + ": expected a finite value >= 0, got " + v);
        }
    }

    /** {@code v} in {@code (0, 1]}. */
    public static void unitInterval(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + ": expected a value in (0, 1], got " + v);
        }
    }

    /** {@code v} in {@code [lo, hi)}. */
    public static void inRange(String name, double v, double lo, double hi) {
        if (!(v >= lo && v < hi)) {
            throw new IllegalArgumentException(name + ": expected a value in [" + lo + ", " + hi + "), got " + v);
        }
    }

    /**
     * One of an enum's constants by its lower-case name (case-insensitive), or the constant itself; otherwise an
     * IllegalArgumentException naming the option and the choices.
     */
    public static <E extends Enum<E>> E choice(String name, Object v, Class<E> type) {
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        String s = String.valueOf(v).trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException(name + ": expected one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> "'" + e.name().toLowerCase(java.util.Locale.ROOT) + "'").toList() + ", got '" + s + "'");
    }
}
