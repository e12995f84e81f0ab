package io.hyperfusion.models;

import io.hyperfusion.models.options.OptionTable;
import java.util.Map;
import java.util.Optional;

/**
 * A family whose models are loaded but never configured as a member (the seed average, the hierarchy itself): no
 * options, and asking for its trainer says how such a model is made instead.
 */
public abstract class LoadOnlyFamily implements ModelFamily {
    private final String name;
    private final String summary;
    private final String howMade;

    /** @param howMade why a configuration cannot name it and what to do instead, for the error message */
    protected LoadOnlyFamily(String name, String summary, String howMade) {
        this.name = name;
        this.summary = summary;
        this.howMade = howMade;
    }

    @Override public final String name() { return name; }
    @Override public final String summary() { return summary; }
    @Override public final Optional<OptionTable<?>> options() { return Optional.empty(); }
    @Override public final boolean isMemberFamily() { return false; }

    @Override
    public final RegressionTrainer trainer(Map<String, ?> options, long seed, int threads) {
        throw new IllegalArgumentException("family '" + name + "' is not configured as a member: " + howMade);
    }
}
