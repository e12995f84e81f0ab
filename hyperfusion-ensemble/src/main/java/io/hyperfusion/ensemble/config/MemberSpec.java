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
 * @param options the family's hyperparameters by their native names; absent ones take the family defaults. One key
 *                is the hierarchy's, not the family's: {@code seeds} (default 1), the number of models fitted with
 *                different seeds and averaged ({@link io.hyperfusion.models.AveragedModel})
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
        seeds(name, options); // checked once, with the bad value named
    }

    /** Option keys the hierarchy reads itself; the family never sees them. */
    public static final java.util.Set<String> HIERARCHY_KEYS = java.util.Set.of("seeds");

    /** Models fitted with different seeds and averaged, from option {@code seeds} (default 1). */
    public int seeds() {
        return seeds(name, options);
    }

    private static int seeds(String name, Map<String, Object> options) {
        Object v = options.get("seeds");
        if (v == null) {
            return 1;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1 || n.intValue() > 50) {
            throw new IllegalArgumentException("member '" + name + "': seeds must be an integer in [1, 50], got " + v);
        }
        return n.intValue();
    }

    /** The options the family reads: every option but {@link #HIERARCHY_KEYS}. */
    public Map<String, Object> familyOptions() {
        Map<String, Object> m = new java.util.TreeMap<>(options);
        HIERARCHY_KEYS.forEach(m::remove);
        return java.util.Collections.unmodifiableMap(m);
    }

    public static MemberSpec of(String name, String family, List<String> groups) {
        return new MemberSpec(name, family, groups, Map.of());
    }
}
