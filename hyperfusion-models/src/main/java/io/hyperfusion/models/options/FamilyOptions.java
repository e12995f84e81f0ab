package io.hyperfusion.models.options;

import java.util.Map;

/**
 * The checked settings of one model family, backed by its {@link OptionTable}: subclasses add only typed accessors
 * ({@code numLeaves()}), so an option is spelled once, in its {@link OptionSpec}.
 */
public abstract class FamilyOptions {
    private final OptionTable.Values values;

    protected FamilyOptions(OptionTable.Values values) {
        this.values = values;
    }

    /** The value of one of this family's options. */
    protected final <T> T get(OptionSpec<T> spec) {
        return values.get(spec);
    }

    /** The value of one of this family's options, for code that handles every family alike. */
    public final <T> T value(OptionSpec<T> spec) {
        return values.get(spec);
    }

    final OptionTable.Values values() {
        return values;
    }

    /** The settings under their option names, in the table's order: what provenance records. */
    public final Map<String, Object> toOptions() {
        return values.toOptions();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof FamilyOptions f && f.getClass() == getClass() && f.values.equals(values);
    }

    @Override
    public final int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.table().displayName() + toOptions();
    }
}
