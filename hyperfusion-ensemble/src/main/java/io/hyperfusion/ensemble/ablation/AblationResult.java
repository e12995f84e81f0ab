package io.hyperfusion.ensemble.ablation;

import io.hyperfusion.data.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an {@link Ablation} measured: the full model and one row per variant, all on the same held-out posts.
 *
 * @param features    the full model's feature selection
 * @param fullSrc     held-out SRC of the full model
 * @param fullMae     held-out MAE of the full model
 * @param fullSeconds training wall time of the full model
 * @param validRows   held-out posts every SRC is measured on
 * @param resamples   bootstrap resamples
 * @param level       confidence level of the intervals
 * @param seed        bootstrap seed
 * @param config      the full configuration
 * @param rows        one per variant
 */
public record AblationResult(String features, double fullSrc, double fullMae, double fullSeconds, int validRows,
                             int resamples, double level, long seed, Map<String, Object> config, List<Row> rows) {

    /**
     * One variant.
     *
     * @param variant  name, e.g. {@code no-tier1}
     * @param removed  what was removed
     * @param src      held-out SRC
     * @param mae      held-out MAE
     * @param deltaSrc {@code src - fullSrc}
     * @param ciLow    lower bound of the paired bootstrap interval of {@code deltaSrc}
     * @param ciHigh   upper bound
     * @param seconds  training wall time
     */
    public record Row(String variant, String removed, double src, double mae, double deltaSrc, double ciLow,
                      double ciHigh, double seconds) { }

    public AblationResult {
        rows = List.copyOf(rows);
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** A fixed-width table for the terminal. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "held-out posts: %,d (latest labelled); paired bootstrap: %d resamples, %.0f%% interval, seed %d%n",
                validRows, resamples, level * 100, seed));
        sb.append(String.format(Locale.ROOT, "%-14s %8s %8s %9s %21s %8s  %s%n", "variant", "SRC", "MAE", "ΔSRC",
                "CI", "fit s", "removed"));
        sb.append(String.format(Locale.ROOT, "%-14s %8.4f %8.4f %9s %21s %8.1f  %s%n", "full", fullSrc, fullMae, "",
                "", fullSeconds, "nothing"));
        for (Row r : rows) {
            String ci = String.format(Locale.ROOT, "[%+.4f, %+.4f]", r.ciLow(), r.ciHigh());
            sb.append(String.format(Locale.ROOT, "%-14s %8.4f %8.4f %+9.4f %21s %8.1f  %s%s%n", r.variant(), r.src(),
                    r.mae(), r.deltaSrc(), ci, r.seconds(), r.removed(),
                    r.ciHigh() < 0 ? "  (the component helps)" : r.ciLow() > 0 ? "  (the component hurts)" : ""));
        }
        return sb.toString();
    }

    /** Writes this result as pretty JSON. */
    public void write(Path file) {
        try {
            Jackson.json().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ablation result " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static AblationResult read(Path file) {
        try {
            return Jackson.json().readValue(file.toFile(), AblationResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ablation result " + file + ": " + e.getMessage(), e);
        }
    }
}
