package io.hyperfusion.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a model was made: its family and options, the library that fitted it, the Java version, the training
 * data's size, the seed and thread count, how long training took and when; after Tribuo's provenance.
 *
 * <p>{@code options} is normalised by {@link Json#normaliseOptions} so a JSON round trip gives an equal record.
 *
 * @param family         model family, e.g. {@code lightgbm}
 * @param options        the trainer's settings (hyperparameters), as {@link RegressionTrainer#options()}
 * @param libraryName    the fitting library, e.g. {@code lightgbm4j}
 * @param libraryVersion its version, e.g. {@code 4.3.0-1}
 * @param javaVersion    {@code java.version} of the training JVM
 * @param trainingRows   rows used for fitting (without validation rows)
 * @param featureCount   columns of the feature schema
 * @param seed           the trainer's seed
 * @param threads        the native thread count used for training
 * @param trainingTimeMs wall time of {@code train}, in milliseconds
 * @param createdAt      when training finished
 * @param extra          free-form facts, e.g. {@code best_iteration}
 */
public record Provenance(String family, Map<String, Object> options, String libraryName, String libraryVersion,
                         String javaVersion, long trainingRows, int featureCount, long seed, int threads,
                         long trainingTimeMs, Instant createdAt, Map<String, String> extra) {

    public Provenance {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(libraryName, "libraryName");
        Objects.requireNonNull(createdAt, "createdAt");
        if (trainingRows < 0 || featureCount < 0 || threads < 0 || trainingTimeMs < 0) {
            throw new IllegalArgumentException("provenance counts must be >= 0, got rows=" + trainingRows
                    + " features=" + featureCount + " threads=" + threads + " timeMs=" + trainingTimeMs);
        }
        options = Json.normaliseOptions(options);
        extra = extra == null ? Map.of() : Map.copyOf(new TreeMap<>(extra));
        libraryVersion = libraryVersion == null ? "unknown" : libraryVersion;
        javaVersion = javaVersion == null ? System.getProperty("java.version") : javaVersion;
    }

    /** A copy with one more {@code extra} entry. */
    public Provenance withExtra(String key, String value) {
        TreeMap<String, String> e = new TreeMap<>(extra);
        e.put(key, value);
        return new Provenance(family, options, libraryName, libraryVersion, javaVersion, trainingRows,
                featureCount, seed, threads, trainingTimeMs, createdAt, e);
    }

    /** This provenance as pretty-printed JSON. */
    public String toJson() {
        try {
            return Json.writer().writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write provenance of family " + family + " as JSON", e);
        }
    }

    /** Parses {@link #toJson()} output; malformed JSON → IllegalArgumentException. */
    public static Provenance fromJson(String json) {
        try {
            return Json.reader().readValue(json, Provenance.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a provenance JSON object: " + e.getMessage(), e);
        }
    }
}
