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
 * @param targetStats   how the target statistics of authors, categories, geo cells and clusters keep a training row
 *                      from seeing labels it could not see at prediction time: {@code out_of_fold} (K folds; a row
 *                      may see the same author's later labels) or {@code ordered} (a row sees only labels of
 *                      strictly earlier posts, as a new post does)
 * @param categoryStats {@code category_stats}: target statistics of every category level and categorical field
 *                      ({@code meta#te_*})
 * @param frequencies   {@code frequencies}: how often each categorical value occurs ({@code meta#freq_*})
 * @param ratios        {@code ratios}: log-ratios of count-like numeric fields ({@code meta#ratio_*},
 *                      {@code user#ratio_*})
 * @param profileVectors {@code profile_vectors}: principal components of the authors' description and location
 *                      vectors, and the days since their first photo was taken
 */
public record FeatureOptions(TargetStatistics.Mode targetStats, boolean categoryStats, boolean frequencies,
                             boolean ratios, boolean profileVectors) {

    /** The option keys, as written in a configuration. */
    public static final Set<String> KEYS = Set.of("target_stats", "category_stats", "frequencies", "ratios",
            "profile_vectors");

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
        // Category statistics, frequencies and ratios are off by default: on the benchmark suite they did not help
        // (docs/BENCHMARKS.md); profile vectors are on (the only way the profile's vectors reach a feature).
        return new FeatureOptions(mode, bool(options, "category_stats", false), bool(options, "frequencies", false),
                bool(options, "ratios", false), bool(options, "profile_vectors", true));
    }

    private static boolean bool(Map<String, ?> options, String key, boolean dflt) {
        Object v = options.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("featureOptions." + key + " must be true or false, got '" + v + "'");
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
        m.put("category_stats", categoryStats);
        m.put("frequencies", frequencies);
        m.put("ratios", ratios);
        m.put("profile_vectors", profileVectors);
        return m;
    }
}
