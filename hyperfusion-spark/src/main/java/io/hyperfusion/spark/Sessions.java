package io.hyperfusion.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Creates and prepares the {@link SparkSession} of a job: java.time values in rows (so timestamps are
 * {@link java.time.Instant}s, independent of the JVM's time zone), UTC session time zone, few shuffle
 * partitions in local mode.
 */
public final class Sessions {
    private Sessions() {
    }

    /**
     * A session for {@code master} ({@code local[2]}, or null to take the master from spark-submit).
     * In local mode the UI is off and shuffles use {@code 2 × cores} partitions.
     */
    public static SparkSession create(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null && !master.isBlank()) {
            b.master(master);
            if (master.startsWith("local")) {
                b.config("spark.ui.enabled", "false")
                        .config("spark.sql.shuffle.partitions", "4")
                        .config("spark.driver.host", "127.0.0.1");
            }
        }
        return prepare(b.getOrCreate());
    }

    /** Sets the session options every job relies on; returns {@code spark}. */
    public static SparkSession prepare(SparkSession spark) {
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        return spark;
    }
}
