package io.hyperfusion.models.bundle;

import io.hyperfusion.models.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a model bundle: what was built, from what, with which settings, and the
 * SHA-256 of every file in the bundle.
 *
 * <p>Callers fill everything except {@code files}; {@link BundleWriter} sets {@code files} and
 * {@code formatVersion}. Maps are copied into sorted, unmodifiable maps and {@code options} is normalised with
 * {@link Json#normaliseOptions}, so a JSON round trip gives an equal record.
 *
 * @param formatVersion   layout version of the bundle; {@link #CURRENT_FORMAT} when written by this build
 * @param createdAt       when the bundle was written
 * @param projectVersion  version of HyperFusion that wrote it
 * @param gitCommit       commit of the source tree, or null when unknown
 * @param javaVersion     {@code java.version} of the writing JVM
 * @param libraryVersions versions of the libraries that fitted the models, e.g. {@code lightgbm4j}
 * @param options         the run configuration
 * @param seed            the run's master seed
 * @param inputs          the data files the models were trained on
 * @param trainingMetrics metrics measured during training, e.g. validation Spearman
 * @param files           relative path ('/'-separated) → SHA-256 (lower-case hex) of every file in the bundle
 * @param extra           free-form facts
 */
public record Manifest(int formatVersion, Instant createdAt, String projectVersion, String gitCommit,
                       String javaVersion, Map<String, String> libraryVersions, Map<String, Object> options,
                       long seed, List<InputFile> inputs, Map<String, Double> trainingMetrics,
                       Map<String, String> files, Map<String, String> extra) {

    /** The file name of the manifest inside a bundle. */
    public static final String FILE_NAME = "manifest.json";
    /** The bundle layout written and read by this build. */
    public static final int CURRENT_FORMAT = 1;

    /**
     * One training input file.
     *
     * @param name   file name (or path) as given to the run
     * @param sha256 SHA-256 of its bytes, lower-case hex
     * @param rows   rows read from it
     */
    public record InputFile(String name, String sha256, long rows) {
        public InputFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    public Manifest {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(projectVersion, "projectVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        libraryVersions = sorted(libraryVersions);
        options = Json.normaliseOptions(options);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        trainingMetrics = sorted(trainingMetrics);
        files = sorted(files);
        extra = sorted(extra);
    }

    /**
     * A partial manifest for a run: now, this build's version and git commit (see {@link ProjectInfo}), this
     * JVM, the run's options and seed; everything else empty.
     */
    public static Manifest forRun(Map<String, ?> options, long seed) {
        return new Manifest(CURRENT_FORMAT, Instant.now(), ProjectInfo.projectVersion(), ProjectInfo.gitCommit(),
                System.getProperty("java.version"), Map.of(), Json.normaliseOptions(options), seed, List.of(),
                Map.of(), Map.of(), Map.of());
    }

    public Manifest withLibraryVersions(Map<String, String> v) {
        return new Manifest(formatVersion, createdAt, projectVersion, gitCommit, javaVersion, v, options, seed,
                inputs, trainingMetrics, files, extra);
    }

    public Manifest withInputs(List<InputFile> v) {
        return new Manifest(formatVersion, createdAt, projectVersion, gitCommit, javaVersion, libraryVersions,
                options, seed, v, trainingMetrics, files, extra);
    }

    public Manifest withTrainingMetrics(Map<String, Double> v) {
        return new Manifest(formatVersion, createdAt, projectVersion, gitCommit, javaVersion, libraryVersions,
                options, seed, inputs, v, files, extra);
    }

    public Manifest withExtra(Map<String, String> v) {
        return new Manifest(formatVersion, createdAt, projectVersion, gitCommit, javaVersion, libraryVersions,
                options, seed, inputs, trainingMetrics, files, v);
    }

    /** The copy {@link BundleWriter} writes: current format, the given file hashes. */
    Manifest sealed(Map<String, String> fileHashes) {
        return new Manifest(CURRENT_FORMAT, createdAt, projectVersion, gitCommit, javaVersion, libraryVersions,
                options, seed, inputs, trainingMetrics, fileHashes, extra);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
