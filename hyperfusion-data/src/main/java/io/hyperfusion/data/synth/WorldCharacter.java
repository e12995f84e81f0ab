package io.hyperfusion.data.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named world characters: presets of the four character knobs of {@link WorldSpec}, so a benchmark can ask
 * for "worlds of different character" by name. Each preset sets all four knobs.
 *
 * <ul>
 *   <li>{@link #DEFAULT}: the original world (drift 0, late authors 0.12, no cold start, hidden 0);</li>
 *   <li>{@link #DRIFT}: author quality changes over time, drift 1.0;</li>
 *   <li>{@link #COLDSTART}: half the authors join in the last 15% of the span and post rarely, so most
 *       test authors have no history;</li>
 *   <li>{@link #HIDDEN}: hidden signal 1.0 (geo, profile vector, depicted scene);</li>
 *   <li>{@link #MIXED}: moderate all three: drift 0.5, late authors 0.3 with cold start, hidden 0.5.</li>
 * </ul>
 */
public enum WorldCharacter {
    DEFAULT(0.0, WorldSpec.DEFAULT_LATE_AUTHORS, false, 0.0),
    DRIFT(1.0, WorldSpec.DEFAULT_LATE_AUTHORS, false, 0.0),
    COLDSTART(0.0, 0.5, true, 0.0),
    HIDDEN(0.0, WorldSpec.DEFAULT_LATE_AUTHORS, false, 1.0),
    MIXED(0.5, 0.3, true, 0.5);

    private final double drift;
    private final double lateAuthors;
    private final boolean coldStart;
    private final double hiddenSignal;

    WorldCharacter(double drift, double lateAuthors, boolean coldStart, double hiddenSignal) {
        this.drift = drift;
        this.lateAuthors = lateAuthors;
        this.coldStart = coldStart;
        this.hiddenSignal = hiddenSignal;
    }

    /** The preset's drift strength. */
    public double drift() {
        return drift;
    }

    /** The preset's share of late authors. */
    public double lateAuthors() {
        return lateAuthors;
    }

    /** Whether the preset's late authors post rarely. */
    public boolean coldStart() {
        return coldStart;
    }

    /** The preset's hidden-signal strength. */
    public double hiddenSignal() {
        return hiddenSignal;
    }

    /** The preset's name as the command line spells it: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset called {@code name} (case-insensitive); the message lists the known names. */
    public static WorldCharacter parse(String name) {
        for (WorldCharacter c : values()) {
            if (c.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("character must be one of "
                + Arrays.stream(values()).map(WorldCharacter::label).collect(Collectors.joining(", "))
                + ", got '" + name + "'");
    }
}
