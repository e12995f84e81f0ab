package io.hyperfusion.models.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One declared option of a model family: its name, type, allowed values, default, the fitting library's own name for
 * it, and one line of documentation. Parsing, range checks with the bad value in the message, provenance and the
 * option list of docs/CONFIG.md all come from this declaration (after scikit-learn's {@code _parameter_constraints}).
 *
 * <p>Immutable; {@link #nativeName(String)} and {@link #doc(String)} return changed copies.
 *
 * @param <T> the Java type of the value
 */
public final class OptionSpec<T> {

    /** The value types an option can have, with the word the docs use. */
    public enum Kind {
        INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), TEXT("text"), CHOICE("choice"),
        INTEGER_LIST("integers");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The type in words, for the docs. */
        public String word() {
            return word;
        }
    }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final Range range;
    private final List<String> choices;
    private final String nativeName;
    private final String doc;
    private final Function<Object, T> parser;

    private OptionSpec(String name, Kind kind, T defaultValue, Range range, List<String> choices, String nativeName,
                       String doc, Function<Object, T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.range = range;
        this.choices = choices;
        this.nativeName = nativeName;
        this.doc = doc;
        this.parser = parser;
    }

    /** An integer option, {@code range} the values allowed. */
    public static OptionSpec<Integer> integer(String name, int defaultValue, Range range) {
        return new OptionSpec<>(name, Kind.INTEGER, defaultValue, range, List.of(), name, "",
                v -> checked(name, toInteger(name, v), range, "an integer"));
    }

    /** A real-valued option, {@code range} the values allowed (never NaN or infinite). */
    public static OptionSpec<Double> number(String name, double defaultValue, Range range) {
        return new OptionSpec<>(name, Kind.NUMBER, defaultValue, range, List.of(), name, "",
                v -> checked(name, toNumber(name, v), range, "a value"));
    }

    /** A true/false option. */
    public static OptionSpec<Boolean> bool(String name, boolean defaultValue) {
        return new OptionSpec<>(name, Kind.BOOLEAN, defaultValue, null, List.of("true", "false"), name, "", v -> {
            if (v instanceof Boolean b) {
                return b;
            }
            String s = String.valueOf(v).trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException(name + ": expected true or false, got '" + v + "'");
        });
    }

    /** A free-text option; null and blank mean "none". */
    public static OptionSpec<String> text(String name, String defaultValue) {
        return new OptionSpec<>(name, Kind.TEXT, defaultValue, null, List.of(), name, "",
                v -> v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v));
    }

    /** One of an enum's constants, spelled as their {@link OptionChoice#optionValue()} (or the constant's name). */
    public static <E extends Enum<E> & OptionChoice> OptionSpec<E> choice(String name, Class<E> type, E defaultValue) {
        E[] all = type.getEnumConstants();
        List<String> values = Arrays.stream(all).map(OptionChoice::optionValue).toList();
        return new OptionSpec<>(name, Kind.CHOICE, defaultValue, null, values, name, "", v -> {
            if (type.isInstance(v)) {
                return type.cast(v);
            }
            String s = String.valueOf(v).trim();
            for (E e : all) {
                if (e.optionValue().equalsIgnoreCase(s) || e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(name + ": expected one of " + values.stream().map(c -> "'" + c + "'")
                    .toList() + ", got '" + s + "'");
        });
    }

    /** A non-empty list of integers, each in {@code range}: a JSON array, or text such as {@code "64,32"}. */
    public static OptionSpec<List<Integer>> integers(String name, List<Integer> defaultValue, Range range) {
        return new OptionSpec<>(name, Kind.INTEGER_LIST, List.copyOf(defaultValue), range, List.of(), name, "", v -> {
            List<Integer> out = new ArrayList<>();
            List<?> parts = v instanceof List<?> list ? list : Arrays.asList(String.valueOf(v).split(","));
            for (Object p : parts) {
                out.add(checked(name, toInteger(name, p instanceof String s ? s.trim() : p), range, "integers"));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(name + ": expected at least one integer, got " + v);
            }
            return List.copyOf(out);
        });
    }

    /** A copy whose fitting library calls this option {@code nativeName} (null: the option is ours alone). */
    public OptionSpec<T> nativeName(String nativeName) {
        return new OptionSpec<>(name, kind, defaultValue, range, choices, nativeName, doc, parser);
    }

    /** A copy with another default (a shared option whose families differ in their defaults); checked here. */
    public OptionSpec<T> withDefault(T value) {
        return new OptionSpec<>(name, kind, parse(value), range, choices, nativeName, doc, parser);
    }

    /** A copy with one line of documentation. */
    public OptionSpec<T> doc(String doc) {
        return new OptionSpec<>(name, kind, defaultValue, range, choices, nativeName, doc, parser);
    }

    /** Parses and checks a configuration value (a Java value of the type, a JSON number, or text). */
    public T parse(Object value) {
        if (value == null && kind != Kind.TEXT) {
            throw new IllegalArgumentException(name + ": expected " + expected() + ", got null");
        }
        return parser.apply(value);
    }

    /** The value as it goes into provenance and configuration files (a choice as its option value). */
    public Object toJson(T value) {
        return value instanceof OptionChoice c ? c.optionValue() : value;
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public T defaultValue() { return defaultValue; }
    /** The allowed values of a numeric option (of each element of a list), or null for other kinds. */
    public Range range() { return range; }
    /** The fitting library's name for the option, or null when the option is the project's own. */
    public String nativeName() { return nativeName; }
    public String doc() { return doc; }

    /** The allowed values in words: a range, the choices, or the type. */
    public String expected() {
        return switch (kind) {
            case INTEGER -> "an integer " + range.text();
            case NUMBER -> "a value " + range.text();
            case INTEGER_LIST -> "integers " + range.text();
            case BOOLEAN -> "true or false";
            case TEXT -> "text";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    @Override
    public String toString() {
        return name;
    }

    private static <N extends Number> N checked(String name, N v, Range range, String what) {
        if (!range.contains(v.doubleValue())) {
            throw new IllegalArgumentException(name + ": expected " + what + " " + range.text() + ", got " + v);
        }
        return v;
    }

    private static Integer toInteger(String name, Object v) {
        double d = toNumber(name, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": expected an integer, got " + v);
        }
        return (int) d;
    }

    private static Double toNumber(String name, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a number, got '" + v + "'", e);
        }
    }
}
