package io.hyperfusion.features;

import io.hyperfusion.features.stats.TargetStatistics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings shared by the feature groups, from the {@code featureOptions} map of an ensemble configuration. Every
 * key is optional; an unknown key or a bad value is refused with the key named.
 *
 * @param targetStats how the target statistics of authors, categories, geo cells and clusters keep a training row
 *                    from seeing labels it could not see at prediction time: {@code out_of_fold} (K folds; a row
 *                    may see the same author's later labels) or {@code ordered} (a row sees only labels of
 *                    strictly earlier posts, as a new post does)
 */
public record FeatureOptions(TargetStatistics.Mode targetStats) {

    /** The option keys, as written in a configuration. */
    public static final Set<String> KEYS = Set.of("target_stats");

    public FeatureOptions {
        if (targetStats == null) {
            throw new IllegalArgumentException("featureOptions.target_stats must be given");
        }
    }

    /** The defaults. */
    public static FeatureOptions defaults() {
        return of(Map.of());
    }

    /** Options from a configuration map (absent keys take defaults). */
    public static FeatureOptions of(Map<String, ?> options) {
        for (String k : options.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown featureOptions key '" + k + "'; known: " + new TreeSet<>(KEYS));
            }
        }
        Object ts = options.get("target_stats");
        TargetStatistics.Mode mode = TargetStatistics.Mode.OUT_OF_FOLD;
        if (ts != null) {
            mode = switch (ts.toString().toLowerCase(Locale.ROOT)) {
                case "out_of_fold" -> TargetStatistics.Mode.OUT_OF_FOLD;
                case "ordered" -> TargetStatistics.Mode.ORDERED;
                default -> throw new IllegalArgumentException("featureOptions.target_stats must be out_of_fold or "
                        + "ordered, got '" + ts + "'");
            };
        }
        return new FeatureOptions(mode);
    }

    /** The target-statistics settings of every group that keeps them. */
    public TargetStatistics.Options targetStatistics() {
        TargetStatistics.Options d = TargetStatistics.Options.defaults();
        return new TargetStatistics.Options(targetStats, d.folds(), d.priorWeight());
    }

    /** As a configuration map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target_stats", targetStats.name().toLowerCase(Locale.ROOT));
        return m;
    }
}
