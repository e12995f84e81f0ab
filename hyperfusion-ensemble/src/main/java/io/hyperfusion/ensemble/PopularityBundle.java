package io.hyperfusion.ensemble;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.models.bundle.Bundle;
import io.hyperfusion.models.bundle.BundleReader;
import io.hyperfusion.models.bundle.BundleWriter;
import io.hyperfusion.models.bundle.Manifest;
import io.hyperfusion.models.lightgbm.LightGbmModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a trained {@link PopularityModel} as a model bundle (manifest with provenance and checksums, written
 * atomically) and loads it back after verifying the checksums.
 */
public final class PopularityBundle {
    /** Sub-folder of the bundle that holds the model. */
    public static final String MODEL_DIR = "popularity";
    /** Sub-folder with the training report, the run configuration and the pseudo-labels. */
    public static final String REPORT_DIR = "report";
    /** The training report (leaderboard, pseudo-label rounds) inside {@link #REPORT_DIR}. */
    public static final String REPORT_FILE = "train_report.json";
    /**
     * The most frequent tags of the training posts with their counts, inside {@link #REPORT_DIR} (candidate tags
     * for posting advice); absent from bundles written before it was added.
     */
    public static final String TAGS_FILE = "tags.json";
    /** Tags kept in {@link #TAGS_FILE}. */
    public static final int MAX_TAGS = 200;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private PopularityBundle() { }

    /**
     * Writes {@code model} to {@code target} atomically.
     *
     * @param inputs the training data files with their hashes and row counts
     */
    public static Bundle save(Path target, PopularityModel model, HierarchyConfig config, TrainReport report,
                              List<PseudoLabeler.Label> pseudoLabels, List<Manifest.InputFile> inputs) {
        return save(target, model, config, report, pseudoLabels, inputs, List.of());
    }

    /**
     * Writes {@code model} to {@code target} atomically, with the training posts' tags.
     *
     * @param inputs    the training data files with their hashes and row counts
     * @param trainTags the tags of the training posts (one entry per use); the {@link #MAX_TAGS} most frequent are
     *                  kept in {@link #TAGS_FILE}
     */
    public static Bundle save(Path target, PopularityModel model, HierarchyConfig config, TrainReport report,
                              List<PseudoLabeler.Label> pseudoLabels, List<Manifest.InputFile> inputs,
                              List<String> trainTags) {
        return save(target, model, config, report, pseudoLabels, inputs, trainTags, Map.of());
    }

    /**
     * Writes {@code model} to {@code target} atomically, with the training posts' tags and further files for
     * {@link #REPORT_DIR} that callers compute from the training data (the app's drafting page keeps the label
     * distribution and the authors' profiles there). They are covered by the manifest's checksums like every file.
     *
     * @param reportFiles file name (a plain name, no folder) → content; must not replace a file written here
     */
    public static Bundle save(Path target, PopularityModel model, HierarchyConfig config, TrainReport report,
                              List<PseudoLabeler.Label> pseudoLabels, List<Manifest.InputFile> inputs,
                              List<String> trainTags, Map<String, byte[]> reportFiles) {
        for (String name : reportFiles.keySet()) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.contains("..")
                    || List.of(REPORT_FILE, TAGS_FILE, "config.json", "pseudo_labels.csv").contains(name)) {
                throw new IllegalArgumentException("report file name must be a new plain file name, got '" + name + "'");
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("valid_src", report.validation().src());
        metrics.put("valid_mae", report.validation().mae());
        metrics.put("valid_rmse", report.validation().rmse());
        metrics.put("valid_r2", report.validation().r2());
        metrics.put("valid_src_stage1", report.stage1().src());
        metrics.put("valid_rows", (double) report.validRows());
        metrics.put("train_rows", (double) report.finalRows());
        metrics.put("pseudo_rounds_accepted", (double) report.acceptedRounds());
        metrics.put("train_millis", (double) report.millis());
        for (Leaderboard.Row r : report.leaderboard().rows()) {
            metrics.put("valid_src.tier" + r.tier() + "." + r.member(), r.src());
            metrics.put("valid_mae.tier" + r.tier() + "." + r.member(), r.mae());
        }
        Manifest manifest = Manifest.forRun(config.toOptions(), config.seed())
                .withLibraryVersions(Map.of("lightgbm4j", LightGbmModel.libraryVersion(),
                        "java", System.getProperty("java.version")))
                .withInputs(inputs)
                .withTrainingMetrics(metrics)
                .withExtra(Map.of("features", String.join(",", model.pipeline().schema().names().stream()
                        .map(n -> n.substring(0, n.indexOf('#'))).distinct().toList()),
                        "feature_count", String.valueOf(model.pipeline().schema().size())));
        try {
            return BundleWriter.write(target, manifest, dir -> {
                model.save(dir.resolve(MODEL_DIR));
                Path rep = Files.createDirectories(dir.resolve(REPORT_DIR));
                JSON.writerWithDefaultPrettyPrinter().writeValue(rep.resolve(REPORT_FILE).toFile(), report);
                config.save(rep.resolve("config.json"));
                try (java.io.Writer w = Files.newBufferedWriter(rep.resolve("pseudo_labels.csv"));
                     org.apache.commons.csv.CSVPrinter csv = io.hyperfusion.data.Csv.printer(w)) {
                    csv.printRecord("uid", "pid", "round", "pseudo_label", "member_spread");
                    for (PseudoLabeler.Label l : pseudoLabels) {
                        csv.printRecord(l.uid(), l.pid(), l.round(), Double.toString(l.label()),
                                Double.toString(l.spread()));
                    }
                }
                if (!trainTags.isEmpty()) {
                    JSON.writerWithDefaultPrettyPrinter().writeValue(rep.resolve(TAGS_FILE).toFile(), topTags(trainTags));
                }
                for (Map.Entry<String, byte[]> f : reportFiles.entrySet()) {
                    Files.write(rep.resolve(f.getKey()), f.getValue());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model bundle " + target + ": " + e.getMessage(), e);
        }
    }

    /** The training report stored in a bundle. */
    public static TrainReport report(Bundle b) {
        try {
            return JSON.readValue(b.resolve(REPORT_DIR + "/" + REPORT_FILE).toFile(), TrainReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training report of " + b.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The {@link #MAX_TAGS} most frequent tags (lower-cased) with their counts; ties by tag. */
    static Map<String, Long> topTags(List<String> tags) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String t : tags) {
            String k = t.strip().toLowerCase(java.util.Locale.ROOT);
            if (!k.isEmpty()) {
                counts.merge(k, 1L, Long::sum);
            }
        }
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_TAGS).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** The training tags stored in a bundle, most frequent first; empty when the bundle has none (older bundles). */
    public static Map<String, Long> trainingTags(Bundle b) {
        Path file = b.resolve(REPORT_DIR + "/" + TAGS_FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Long> m = JSON.readValue(file.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Long>>() { });
            return java.util.Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training tags " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens, verifies and loads a bundle. */
    public static Loaded load(Path dir) {
        try {
            Bundle b = BundleReader.open(dir);
            return new Loaded(b, PopularityModel.load(b.resolve(MODEL_DIR)));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** A verified bundle and its model. */
    public record Loaded(Bundle bundle, PopularityModel model) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }
}
