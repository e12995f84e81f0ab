package io.hyperfusion.data.synth;

/**
 * What synthetic world to generate. Checked when built; the bad value is in the message.
 *
 * @param posts        number of posts, at least 20
 * @param users        number of authors, 1..posts (every author posts at least once)
 * @param seed         master seed; the same spec writes byte-identical files
 * @param testFraction share of posts, the latest by time, that form the test split; in (0, 1)
 * @param threads      threads that draw images, at least 1; does not change the output
 */
public record WorldSpec(int posts, int users, long seed, double testFraction, int threads) {

    /** The default test share, as in the SMP Challenge's time split. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

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
    }

    /** A spec with the default test fraction (0.2) and 2 image threads. */
    public static WorldSpec of(int posts, int users, long seed) {
        return new WorldSpec(posts, users, seed, DEFAULT_TEST_FRACTION, 2);
    }

    /** Number of test posts: {@code round(posts * testFraction)}, at least 1 and at most posts - 1. */
    public int testPosts() {
        return (int) Math.max(1, Math.min(posts - 1, Math.round(posts * testFraction)));
    }
}
