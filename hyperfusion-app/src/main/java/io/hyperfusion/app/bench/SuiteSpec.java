package io.hyperfusion.app.bench;

import io.hyperfusion.data.Jackson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the benchmark suite runs on, from a JSON file: a list of data sets, each either a folder in one of the
 * three formats or a synthetic world the suite generates, with the seeds and the number of rolling validation
 * windows (see {@link io.hyperfusion.ensemble.suite.ValidationWindows}). Paths are relative to the file's folder.
 * Unknown keys are errors.
 *
 * @param datasets       the data sets, in the order the table lists them
 * @param windowFraction share of the labelled posts in each validation window (default 0.15)
 * @param resamples      bootstrap resamples of the intervals (default 1000)
 */
public record SuiteSpec(List<Dataset> datasets, double windowFraction, int resamples) {

    public SuiteSpec {
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException("a suite needs at least one data set");
        }
        datasets = List.copyOf(datasets);
        Set<String> names = new HashSet<>();
        for (Dataset d : datasets) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("data set name '" + d.name() + "' is used twice");
            }
        }
        windowFraction = windowFraction == 0 ? 0.15 : windowFraction;
        resamples = resamples == 0 ? 1000 : resamples;
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be >= 100, got " + resamples);
        }
    }

    /**
     * One data set.
     *
     * @param name     short name (letters, digits, '-', '_', '.')
     * @param format   smpd-image, smpd-video or jsonl (generated worlds are smpd-image)
     * @param path     the data's folder or file; null for a generated world
     * @param generate generator settings of a synthetic world (e.g. {@code posts}, {@code users}, {@code character}),
     *                 generated once per seed; null for a folder
     * @param seeds    master seeds; for a generated world each seed is also the world's seed
     * @param windows  rolling validation windows per seed (default 1: the latest posts)
     */
    public record Dataset(String name, String format, String path, Map<String, Object> generate, List<Long> seeds,
                          int windows) {
        public Dataset {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("data set name must match [A-Za-z0-9][A-Za-z0-9_.-]*, got '" + name + "'");
            }
            if ((path == null) == (generate == null)) {
                throw new IllegalArgumentException("data set '" + name + "' needs exactly one of 'path' and 'generate'");
            }
            format = format == null ? "smpd-image" : format;
            seeds = seeds == null || seeds.isEmpty() ? List.of(42L) : List.copyOf(seeds);
            windows = windows == 0 ? 1 : windows;
            if (windows < 1 || windows > 10) {
                throw new IllegalArgumentException("data set '" + name + "': windows must be in [1, 10], got " + windows);
            }
        }

        public boolean generated() {
            return generate != null;
        }
    }

    /** Reads a suite file; relative paths are resolved against its folder. */
    public static SuiteSpec load(Path file) {
        try {
            SuiteSpec s = Jackson.strictJson()
                    .readValue(file.toFile(), SuiteSpec.class);
            Path base = file.toAbsolutePath().getParent();
            return new SuiteSpec(s.datasets().stream().map(d -> d.path() == null ? d
                    : new Dataset(d.name(), d.format(), base.resolve(d.path()).normalize().toString(), null, d.seeds(),
                    d.windows())).toList(), s.windowFraction(), s.resamples());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read suite " + file + ": " + e.getMessage(), e);
        }
    }
}
