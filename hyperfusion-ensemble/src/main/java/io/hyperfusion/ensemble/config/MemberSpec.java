package io.hyperfusion.ensemble.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One member of a tier: a model family trained on some feature groups.
 *
 * @param name    unique name in the hierarchy, e.g. {@code visual_lgbm}
 * @param family  model family, e.g. {@code lightgbm}, {@code xgboost}
 * @param groups  feature groups it sees (tier 1: its modality); empty = every feature
 * @param options the family's hyperparameters by their native names; absent ones take the family defaults
 */
public record MemberSpec(String name, String family, List<String> groups, Map<String, Object> options) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public MemberSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("member name must match [a-z][a-z0-9_]*, got '" + name + "'");
        }
        if (family == null || family.isBlank()) {
            throw new IllegalArgumentException("member '" + name + "' needs a family");
        }
        groups = groups == null ? List.of() : List.copyOf(groups);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    }

    public static MemberSpec of(String name, String family, List<String> groups) {
        return new MemberSpec(name, family, groups, Map.of());
    }
}
