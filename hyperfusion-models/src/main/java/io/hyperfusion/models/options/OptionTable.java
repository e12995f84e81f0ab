package io.hyperfusion.models.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The declared options of one model family, in a fixed order: the one place from which its settings are parsed,
 * checked (each value, then the rules between values), recorded in provenance and listed in docs/CONFIG.md.
 *
 * @param <P> the family's settings type, built from checked values
 */
public final class OptionTable<P extends FamilyOptions> {
    private final String family;
    private final String displayName;
    private final List<OptionSpec<?>> specs;
    private final Map<String, OptionSpec<?>> byName;
    private final Function<Values, P> factory;
    private final Consumer<Values> rules;

    private OptionTable(String family, String displayName, List<OptionSpec<?>> specs, Function<Values, P> factory,
                        Consumer<Values> rules) {
        this.family = family;
        this.displayName = displayName;
        this.specs = List.copyOf(specs);
        this.factory = factory;
        this.rules = rules;
        Map<String, OptionSpec<?>> m = new LinkedHashMap<>();
        for (OptionSpec<?> s : specs) {
            if (m.put(s.name(), s) != null) {
                throw new IllegalArgumentException(family + ": option '" + s.name() + "' is declared twice");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /**
     * A table; {@code factory} wraps checked values into the settings type, {@code rules} checks rules between
     * values (throwing IllegalArgumentException naming the options), e.g. a batch no smaller than its ghost batches.
     */
    public static <P extends FamilyOptions> OptionTable<P> of(String family, String displayName,
                                                              Function<Values, P> factory, Consumer<Values> rules,
                                                              OptionSpec<?>... specs) {
        return new OptionTable<>(family, displayName, List.of(specs), factory, rules);
    }

    /** The family name, e.g. {@code lightgbm}. */
    public String family() { return family; }

    /** How messages and docs name the family, e.g. {@code LightGBM}. */
    public String displayName() { return displayName; }

    /** The options in their fixed order. */
    public List<OptionSpec<?>> specs() { return specs; }

    /** Every option at its default. */
    public P defaults() {
        return builder().build();
    }

    /** Settings from a configuration map; absent options take their defaults, unknown ones are an error. */
    public P parse(Map<String, ?> options) {
        Builder b = builder();
        options.forEach(b::set);
        return b.build();
    }

    /** A builder starting from the defaults. */
    public Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder starting from {@code settings}. */
    public Builder builder(P settings) {
        return new Builder(new LinkedHashMap<>(settings.values().map));
    }

    /** The option by its name (case-insensitive), or IllegalArgumentException listing the known names. */
    public OptionSpec<?> spec(String name) {
        OptionSpec<?> s = byName.get(name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("unknown " + displayName + " option '" + name + "'; expected one of "
                    + byName.keySet());
        }
        return s;
    }

    /** Collects option values; {@link #build()} parses and checks them all. Not thread-safe. */
    public final class Builder {
        private final Map<String, Object> raw;

        private Builder(Map<String, Object> raw) {
            this.raw = raw;
        }

        /** Sets an option by name; the value is checked in {@link #build()}. */
        public Builder set(String name, Object value) {
            raw.put(spec(name).name(), value);
            return this;
        }

        /** Sets a declared option (by its name: a family may list a shared option with its own default). */
        public <T> Builder set(OptionSpec<T> spec, T value) {
            return set(spec.name(), value);
        }

        /** The checked settings. */
        public P build() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (OptionSpec<?> s : specs) {
                values.put(s.name(), raw.containsKey(s.name()) ? s.parse(raw.get(s.name())) : s.defaultValue());
            }
            Values v = new Values(OptionTable.this, values);
            rules.accept(v);
            return factory.apply(v);
        }
    }

    /** Checked values of every option of one table, by option name in the table's order; immutable. */
    public static final class Values {
        private final OptionTable<?> table;
        private final Map<String, Object> map;

        private Values(OptionTable<?> table, Map<String, Object> map) {
            this.table = table;
            this.map = Collections.unmodifiableMap(map);
        }

        /** The value of a declared option. */
        @SuppressWarnings("unchecked")
        public <T> T get(OptionSpec<T> spec) {
            if (!map.containsKey(spec.name())) {
                throw new IllegalArgumentException("option '" + spec.name() + "' is not a " + table.displayName
                        + " option");
            }
            return (T) map.get(spec.name());
        }

        OptionTable<?> table() {
            return table;
        }

        /** Option name → configuration value, in the table's order. */
        Map<String, Object> toOptions() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (OptionSpec<?> s : table.specs) {
                m.put(s.name(), json(s, map.get(s.name())));
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        private static <T> Object json(OptionSpec<T> s, Object v) {
            return s.toJson((T) v);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Values v && v.table == table && v.map.equals(map);
        }

        @Override
        public int hashCode() {
            return Objects.hash(table.family, map);
        }
    }

    /** The options as the rows of a Markdown table: name, type, allowed values, default, native name, meaning. */
    public List<String> markdownRows() {
        List<String> rows = new ArrayList<>();
        for (OptionSpec<?> s : specs) {
            Object def = Values.json(s, s.defaultValue());
            String allowed = switch (s.kind()) {
                case BOOLEAN, TEXT -> "";
                default -> s.expected().replaceFirst("^(an integer|a value|integers|one of) ", "");
            };
            rows.add("| `" + s.name() + "` | " + s.kind().word() + " | " + allowed + " | "
                    + (def == null ? "none" : "`" + def + "`") + " | "
                    + (s.nativeName() == null ? "(ours)" : "`" + s.nativeName() + "`") + " | " + s.doc() + " |");
        }
        return rows;
    }
}
