package io.hyperfusion.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.features.cluster.ClusterFeatures;
import io.hyperfusion.features.crossmodal.CrossModalFeatures;
import io.hyperfusion.features.image.ImageFeatures;
import io.hyperfusion.features.meta.MetaFeatures;
import io.hyperfusion.features.textemb.TextEmbFeatures;
import io.hyperfusion.features.text.TextStatFeatures;
import io.hyperfusion.features.time.TimeFeatures;
import io.hyperfusion.features.user.HistoryFeatures;
import io.hyperfusion.features.user.UserFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The known feature groups by name, and the selection syntax of the CLI: {@code all}, a comma-separated list
 * of names, or {@code all,-user} to drop groups.
 */
public final class FeatureGroups {
    private static final Map<String, Function<FeatureOptions, FeatureGroup>> DEFAULTS;

    static {
        Map<String, Function<FeatureOptions, FeatureGroup>> m = new LinkedHashMap<>();
        m.put(MetaFeatures.NAME, o -> MetaFeatures.of(o));
        m.put(TimeFeatures.NAME, o -> new TimeFeatures());
        m.put(io.hyperfusion.features.geo.GeoFeatures.NAME, io.hyperfusion.features.geo.GeoFeatures::of);
        m.put(TextStatFeatures.NAME, o -> new TextStatFeatures());
        m.put(io.hyperfusion.features.textlin.TextLinearFeatures.NAME, io.hyperfusion.features.textlin.TextLinearFeatures::of);
        m.put(UserFeatures.NAME, o -> UserFeatures.of(o));
        m.put(HistoryFeatures.NAME, o -> new HistoryFeatures());
        m.put(io.hyperfusion.features.trend.AuthorTrendFeatures.NAME, o -> io.hyperfusion.features.trend.AuthorTrendFeatures.defaults());
        m.put(ImageFeatures.NAME, o -> ImageFeatures.defaults());
        m.put(TextEmbFeatures.NAME, o -> TextEmbFeatures.defaults());
        m.put(CrossModalFeatures.NAME, o -> CrossModalFeatures.defaults());
        m.put(ClusterFeatures.NAME, o -> ClusterFeatures.defaults().withTargetStats(o.targetStatistics()));
        DEFAULTS = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Identifier columns: categorical codes of an entity (the author) that are not features in themselves; a
     * model sees one only when it asks for it as its key column (an embedding table), never as a plain input.
     */
    public static final java.util.Set<String> KEY_COLUMNS = java.util.Set.of(UserFeatures.AUTHOR_CODE);

    private FeatureGroups() { }

    /** Names of every group, in pipeline order. */
    public static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /** A pipeline of the groups a selection names, each with default settings, in pipeline order. */
    public static FeaturePipeline select(String selection) {
        return select(selection, FeatureOptions.defaults());
    }

    /** A pipeline of the groups a selection names, with {@code options}, in pipeline order. */
    public static FeaturePipeline select(String selection, FeatureOptions options) {
        List<String> chosen = parse(selection);
        List<FeatureGroup> groups = new ArrayList<>();
        for (String n : chosen) {
            groups.add(DEFAULTS.get(n).apply(options));
        }
        return new FeaturePipeline(groups);
    }

    /** The group names a selection means, in pipeline order. */
    public static List<String> parse(String selection) {
        if (selection == null || selection.isBlank()) {
            throw new IllegalArgumentException("feature selection is empty; use 'all' or a list of " + names());
        }
        java.util.Set<String> on = new java.util.LinkedHashSet<>();
        for (String raw : selection.split(",")) {
            String s = raw.trim();
            if (s.equals("all")) {
                on.addAll(DEFAULTS.keySet());
            } else if (s.startsWith("-")) {
                requireKnown(s.substring(1));
                on.remove(s.substring(1));
            } else {
                requireKnown(s);
                on.add(s);
            }
        }
        if (on.isEmpty()) {
            throw new IllegalArgumentException("feature selection '" + selection + "' leaves no group");
        }
        return DEFAULTS.keySet().stream().filter(on::contains).toList();
    }

    private static void requireKnown(String name) {
        if (!DEFAULTS.containsKey(name)) {
            throw new IllegalArgumentException("unknown feature group '" + name + "'; known: " + names());
        }
    }

    /** Registers the fitted-state types of every group with a Jackson mapper. */
    static void registerFittedTypes(ObjectMapper mapper) {
        mapper.registerSubtypes(MetaFeatures.Fitted.class, TimeFeatures.Fitted.class,
                io.hyperfusion.features.geo.GeoFeatures.Fitted.class,
                TextStatFeatures.Fitted.class, io.hyperfusion.features.textlin.TextLinearFeatures.Fitted.class,
                UserFeatures.Fitted.class, HistoryFeatures.Fitted.class,
                io.hyperfusion.features.trend.AuthorTrendFeatures.Fitted.class,
                ImageFeatures.Fitted.class, TextEmbFeatures.Fitted.class, CrossModalFeatures.Fitted.class,
                ClusterFeatures.Fitted.class);
    }
}
