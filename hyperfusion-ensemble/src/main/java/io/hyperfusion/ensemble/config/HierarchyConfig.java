package io.hyperfusion.ensemble.config;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The whole run configuration of the three-tier ensemble: which members sit in each tier, the fold plan, the
 * blend, and pseudo-labelling. One JSON file (see {@link #load(Path)}) maps onto it; it goes whole into the
 * model's provenance.
 *
 * @param features      feature-group selection ({@code all}, {@code all,-cluster}, ...)
 * @param folds         K of the one fold plan shared by every tier
 * @param foldScheme    {@code user} (user-grouped K-fold), {@code time} (contiguous blocks in time) or {@code random}
 * @param validFraction latest share of labelled posts held out for the leaderboard and early decisions
 * @param tier1         experts, each on one modality's groups
 * @param tier2         fusion members on all features plus the tier-1 out-of-fold predictions
 * @param blendRidge    ridge strength of the tier-3 non-negative blend
 * @param pseudo        two-stage pseudo-labelling
 * @param refit         whether the final model is refitted on all labelled posts (true) or is the one measured
 *                      on the hold-out (false, faster)
 * @param seed          master seed
 * @param threads       native threads per model
 * @param blend         tier 3: {@code nnls} (non-negative least squares on the members' out-of-fold predictions)
 *                      or {@code mean} (the plain average of the members)
 * @param earlyStopping share of each fit's training rows, the latest by time, that members which stop early
 *                      (networks with {@code patience}, boosted trees with {@code early_stopping_rounds}) hold out
 *                      as their validation set; the others train on every row
 * @param featureOptions settings of the feature groups ({@link io.hyperfusion.features.FeatureOptions})
 * @param refitBlend    how the refit on all labelled posts gets its tier-3 blend: {@code refit} (the tier-2 members
 *                      are fitted out of fold again and the blend refitted on them) or {@code reuse} (the blend
 *                      weights of the measured hierarchy are kept, and the tier-2 members are only fitted once on all
 *                      rows: K fewer fits per member)
 */
public record HierarchyConfig(String features, int folds, String foldScheme, double validFraction,
                              List<MemberSpec> tier1, List<MemberSpec> tier2, double blendRidge,
                              PseudoLabelSpec pseudo, boolean refit, long seed, int threads, String blend,
                              double earlyStopping, Map<String, Object> featureOptions, String refitBlend) {

    /** Tier-3 blends. */
    public static final Set<String> BLENDS = Set.of("nnls", "mean");
    /** The default share of a fit's rows held out for early stopping. */
    public static final double DEFAULT_EARLY_STOPPING = 0.1;

    @com.fasterxml.jackson.annotation.JsonCreator
    public HierarchyConfig {
        if (features == null || features.isBlank()) {
            features = "all";
        }
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be in [2, 20], got " + folds);
        }
        foldScheme = foldScheme == null ? "user" : foldScheme.toLowerCase(Locale.ROOT);
        if (!Set.of("user", "time", "random").contains(foldScheme)) {
            throw new IllegalArgumentException("fold scheme must be user, time or random, got '" + foldScheme + "'");
        }
        if (!(validFraction > 0 && validFraction < 0.5)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 0.5), got " + validFraction);
        }
        tier1 = tier1 == null ? List.of() : List.copyOf(tier1);
        tier2 = tier2 == null ? List.of() : List.copyOf(tier2);
        if (tier2.isEmpty()) {
            throw new IllegalArgumentException("tier 2 needs at least one fusion member");
        }
        Set<String> names = new HashSet<>();
        for (MemberSpec m : tier1) {
            if (m.groups().isEmpty()) {
                throw new IllegalArgumentException("tier-1 expert '" + m.name() + "' must name its feature groups");
            }
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("member name '" + m.name() + "' is used twice");
            }
        }
        for (MemberSpec m : tier2) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("member name '" + m.name() + "' is used twice");
            }
        }
        if (!(blendRidge >= 0)) {
            throw new IllegalArgumentException("blend ridge must be >= 0, got " + blendRidge);
        }
        pseudo = pseudo == null ? PseudoLabelSpec.defaults() : pseudo;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        blend = blend == null ? "nnls" : blend.toLowerCase(Locale.ROOT);
        if (!BLENDS.contains(blend)) {
            throw new IllegalArgumentException("blend must be one of " + new java.util.TreeSet<>(BLENDS) + ", got '"
                    + blend + "'");
        }
        if (earlyStopping == 0) {
            earlyStopping = DEFAULT_EARLY_STOPPING; // absent from a configuration file
        }
        if (!(earlyStopping > 0 && earlyStopping < 0.5)) {
            throw new IllegalArgumentException("earlyStopping must be in (0, 0.5), got " + earlyStopping);
        }
        refitBlend = refitBlend == null ? "refit" : refitBlend.toLowerCase(Locale.ROOT);
        if (!Set.of("refit", "reuse").contains(refitBlend)) {
            throw new IllegalArgumentException("refitBlend must be refit or reuse, got '" + refitBlend + "'");
        }
        featureOptions = featureOptions == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(featureOptions));
        io.hyperfusion.features.FeatureOptions.of(featureOptions); // checked once, with the bad value named
    }

    /** A configuration with the default blend, early-stopping share and feature options. */
    public HierarchyConfig(String features, int folds, String foldScheme, double validFraction, List<MemberSpec> tier1,
                           List<MemberSpec> tier2, double blendRidge, PseudoLabelSpec pseudo, boolean refit, long seed,
                           int threads) {
        this(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, threads,
                "nnls", DEFAULT_EARLY_STOPPING, Map.of(), "refit");
    }

    /**
     * The defaults, chosen on the benchmark suite (docs/BENCHMARKS.md: real SMPD-Video with rolling time windows and
     * generated worlds of several characters, against a tuned single LightGBM and the LightGBM + XGBoost average):
     * a LightGBM expert per modality (visual; textual with the linear text model; temporal-spatial with metadata and
     * geo; the author with history and trend) and a ridge expert on the text columns, LightGBM and XGBoost fusion
     * members each averaged over three seeds, an MLP with a learned author embedding and a ridge member, a
     * non-negative blend, a user-grouped 4-fold plan. The two ridge models (added after the suite of 2026-12-07: ahead
     * on the generated worlds, level on the real windows) cost seconds. Every boosted model
     * learns slowly and stops early on the latest tenth of its own training rows (so the number of trees adapts to the
     * data's size and noise instead of being fixed), with small trees. The refit on all labelled posts keeps the
     * measured blend weights.
     */
    public static HierarchyConfig defaults(long seed) {
        Map<String, Object> expert = new LinkedHashMap<>();
        expert.put("num_iterations", 1000);
        expert.put("early_stopping_rounds", 50);
        expert.put("learning_rate", 0.05);
        expert.put("num_leaves", 15);
        expert.put("min_data_in_leaf", 20);
        expert.put("feature_fraction", 0.8);
        expert.put("bagging_fraction", 0.8);
        expert.put("bagging_freq", 1);
        expert.put("lambda_l2", 1.0);
        List<MemberSpec> t1 = List.of(
                new MemberSpec("visual", "lightgbm", List.of("image", "cluster"), expert),
                new MemberSpec("textual", "lightgbm", List.of("textemb", "text", "textlin"), expert),
                new MemberSpec("temporal", "lightgbm", List.of("time", "geo", "meta"), expert),
                new MemberSpec("user", "lightgbm", List.of("user", "history", "trend"), expert),
                linearTextExpert());
        Map<String, Object> lgbm = new LinkedHashMap<>(expert);
        lgbm.put("num_iterations", 2000);
        lgbm.put("feature_fraction", 0.7);
        lgbm.put("seeds", 3);
        Map<String, Object> xgb = new LinkedHashMap<>();
        xgb.put("num_round", 2000);
        xgb.put("early_stopping_rounds", 50);
        xgb.put("eta", 0.05);
        xgb.put("max_depth", 4);
        xgb.put("subsample", 0.8);
        xgb.put("colsample_bytree", 0.7);
        xgb.put("min_child_weight", 5);
        xgb.put("seeds", 3);
        Map<String, Object> mlp = new LinkedHashMap<>();
        mlp.put("key_column", "user#author_code");
        mlp.put("max_epochs", 100);
        mlp.put("patience", 8);
        List<MemberSpec> t2 = List.of(new MemberSpec("fusion_lgbm", "lightgbm", List.of(), lgbm),
                new MemberSpec("fusion_xgb", "xgboost", List.of(), xgb),
                new MemberSpec("fusion_mlp", "mlp", List.of(), mlp),
                ridgeMember());
        // One native thread per model: the members are small, and on a 2-core machine OpenMP's thread hand-offs
        // cost more than they give (measured 4x slower with 2 threads on a loaded machine).
        return new HierarchyConfig("all", 4, "user", 0.15, t1, t2, 1e-3, PseudoLabelSpec.off(), true, seed, 1, "nnls",
                DEFAULT_EARLY_STOPPING, Map.of(), "reuse");
    }

    /** A tier-1 expert: ridge regression on the text columns (embeddings, text statistics, the linear text model). */
    public static MemberSpec linearTextExpert() {
        return new MemberSpec("textual_linear", "ridge", List.of("textemb", "text", "textlin"), Map.of());
    }

    /** A tier-2 member: ridge regression on every feature and the tier-1 predictions. */
    public static MemberSpec ridgeMember() {
        return new MemberSpec("fusion_ridge", "ridge", List.of(), Map.of());
    }

    public HierarchyConfig withFeatures(String f) {
        return new HierarchyConfig(f, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, threads, blend, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withSeed(long s) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, s, threads, blend, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withThreads(int t) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, t, blend, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withPseudo(PseudoLabelSpec p) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, p, refit, seed, threads, blend, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withTiers(List<MemberSpec> t1, List<MemberSpec> t2) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, t1, t2, blendRidge, pseudo, refit, seed, threads, blend, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withBlend(String b) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, threads, b, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withFeatureOptions(Map<String, Object> o) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, threads, blend, earlyStopping, o, refitBlend);
    }

    public HierarchyConfig withFolds(int k, String scheme) {
        return new HierarchyConfig(features, k, scheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, threads, blend, earlyStopping, featureOptions, refitBlend);
    }

    public HierarchyConfig withRefitBlend(String rb) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, refit, seed, threads, blend, earlyStopping, featureOptions, rb);
    }

    public HierarchyConfig withRefit(boolean r) {
        return new HierarchyConfig(features, folds, foldScheme, validFraction, tier1, tier2, blendRidge, pseudo, r, seed, threads, blend, earlyStopping, featureOptions, refitBlend);
    }

    /** The feature pipeline this configuration selects, with its feature options. */
    public io.hyperfusion.features.FeaturePipeline pipeline() {
        return io.hyperfusion.features.FeatureGroups.select(features, io.hyperfusion.features.FeatureOptions.of(featureOptions));
    }

    /** Reads a JSON configuration file; unknown keys are errors (a typo must not silently use a default). */
    public static HierarchyConfig load(Path file) {
        try {
            return mapper().readValue(file.toFile(), HierarchyConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this configuration as JSON. */
    public void save(Path file) {
        try {
            Files.writeString(file, mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write configuration " + file, e);
        }
    }

    /** The configuration as a JSON-shaped map, for provenance. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toOptions() {
        return mapper().convertValue(this, Map.class);
    }

    private static ObjectMapper mapper() {
        return Jackson.strictJson();
    }
}
