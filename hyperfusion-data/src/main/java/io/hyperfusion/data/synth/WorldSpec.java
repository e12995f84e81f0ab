package io.hyperfusion.data.synth;

/**
 * What synthetic world to generate. Checked when built; the bad value is in the message.
 *
 * <p>The last four fields are the world's <em>character</em> (see {@link WorldCharacter} for named presets).
 * At their defaults (drift 0, late authors 0.12, no cold start, hidden signal 0) the world is exactly the
 * one generated before these knobs existed, byte for byte; every knob draws its randomness from its own
 * child stream of the seed ({@code "character"}), never from the streams of the default world.
 *
 * @param posts        number of posts, at least 20
 * @param users        number of authors, 1..posts (every author posts at least once)
 * @param seed         master seed; the same spec writes byte-identical files
 * @param testFraction share of posts, the latest by time, that form the test split; in (0, 1)
 * @param threads      threads that draw images, at least 1; does not change the output
 * @param drift        author-quality drift strength, finite and at least 0: the author term uses
 *                     {@code q + drift * slope * (f - 0.5)}, slope ~ N(0,1) per author, f the post's
 *                     position in the 16-month span
 * @param lateAuthors  share of authors who join in the last 15% of the span, in [0, 1)
 * @param coldStart    when true, late authors post rarely (activity times
 *                     {@link WorldSampler#COLD_START_ACTIVITY}), so most of them have no training history
 * @param hiddenSignal strength, finite and at least 0, of the label terms carried by fields the features
 *                     do not mirror one-to-one: geo bumps and distance from home, the user_description
 *                     vector along a hidden direction, and the depicted scene
 */
public record WorldSpec(int posts, int users, long seed, double testFraction, int threads,
        double drift, double lateAuthors, boolean coldStart, double hiddenSignal) {

    /** The default test share, as in the SMP Challenge's time split. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** The default share of late authors: the world as it was before the share became a knob. */
    public static final double DEFAULT_LATE_AUTHORS = 0.12;

    public WorldSpec {
        if (posts < 20) {
            throw new IllegalArgumentException("posts must be at least 20, got " + posts);
        }
        if (users < 1 || users > posts) {
            throw new IllegalArgumentException("users must be in [1, posts=" + posts + "], got " + users);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        checkDrift(drift);
        checkLateAuthors(lateAuthors);
        checkHiddenSignal(hiddenSignal);
    }

    /** A spec of today's default character (no drift, 12% late authors, no cold start, no hidden signal). */
    public WorldSpec(int posts, int users, long seed, double testFraction, int threads) {
        this(posts, users, seed, testFraction, threads, 0.0, DEFAULT_LATE_AUTHORS, false, 0.0);
    }

    /** A spec with the default test fraction (0.2), 2 image threads and the default character. */
    public static WorldSpec of(int posts, int users, long seed) {
        return new WorldSpec(posts, users, seed, DEFAULT_TEST_FRACTION, 2);
    }

    /** Checks a drift strength; the message names {@code drift} and the value. */
    public static double checkDrift(double drift) {
        if (!(drift >= 0 && Double.isFinite(drift))) {
            throw new IllegalArgumentException("drift must be a finite number >= 0, got " + drift);
        }
        return drift;
    }

    /** Checks a late-author share; the message names {@code late_authors} and the value. */
    public static double checkLateAuthors(double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("late_authors must be in [0, 1), got " + share);
        }
        return share;
    }

    /** Checks a hidden-signal strength; the message names {@code hidden_signal} and the value. */
    public static double checkHiddenSignal(double strength) {
        if (!(strength >= 0 && Double.isFinite(strength))) {
            throw new IllegalArgumentException("hidden_signal must be a finite number >= 0, got " + strength);
        }
        return strength;
    }

    /** This spec with another character; size, seed, split and threads unchanged. */
    public WorldSpec withCharacter(double drift, double lateAuthors, boolean coldStart, double hiddenSignal) {
        return new WorldSpec(posts, users, seed, testFraction, threads, drift, lateAuthors, coldStart, hiddenSignal);
    }

    /** This spec with the character of a named preset. */
    public WorldSpec withCharacter(WorldCharacter preset) {
        return withCharacter(preset.drift(), preset.lateAuthors(), preset.coldStart(), preset.hiddenSignal());
    }

    /**
     * True when every character knob is at its default, i.e. the world is the original one. Only then are
     * the files written without the character sections (so that they stay byte-identical).
     */
    public boolean defaultCharacter() {
        return drift == 0 && lateAuthors == DEFAULT_LATE_AUTHORS && !coldStart && hiddenSignal == 0;
    }

    /** Number of test posts: {@code round(posts * testFraction)}, at least 1 and at most posts - 1. */
    public int testPosts() {
        return (int) Math.max(1, Math.min(posts - 1, Math.round(posts * testFraction)));
    }
}
