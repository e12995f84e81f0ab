package io.hyperfusion.ensemble.suite;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The ablations the suite measures, each the base configuration with one component removed, added or switched:
 * <ul>
 *   <li>{@code no-<group>}: feature group removed (an expert left without a group is dropped, as in training);</li>
 *   <li>{@code no-tier1}: no tier-1 experts;</li>
 *   <li>{@code no-<member>}: one tier-2 member removed (e.g. {@code no-fusion_mlp});</li>
 *   <li>{@code +tabnet}: a TabNet fusion member added (30 epochs, patience 6);</li>
 *   <li>{@code pseudo}: pseudo-labelling switched (one round when the base has none, none otherwise);</li>
 *   <li>{@code ordered}: target statistics switched between out-of-fold and ordered by time;</li>
 *   <li>{@code ratios}, {@code category_stats}, {@code frequencies}, {@code profile_vectors}: that feature option
 *       switched; {@code mean-blend}: the plain average instead of the
 *       non-negative blend; {@code seeds1}: every member with one seed;</li>
 *   <li>{@code folds-user}, {@code folds-time}, {@code folds-random}: the stacking's fold scheme switched;</li>
 *   <li>{@code +ridge} (a ridge text expert and a ridge fusion member added) and {@code +ridge-member} (the member
 *       only) when the base has no ridge member; {@code no-ridge} (every ridge member removed) when it has.</li>
 * </ul>
 */
public final class SuiteVariants {

    private SuiteVariants() {
    }

    /** The variants named in {@code names}, by name, in the given order; an unknown name lists the known ones. */
    public static Map<String, HierarchyConfig> of(HierarchyConfig base, List<String> names) {
        Map<String, HierarchyConfig> known = all(base);
        Map<String, HierarchyConfig> out = new LinkedHashMap<>();
        for (String n : names) {
            HierarchyConfig c = known.get(n);
            if (c == null) {
                throw new IllegalArgumentException("unknown ablation '" + n + "'; known: " + known.keySet());
            }
            out.put(n, c);
        }
        return out;
    }

    /** Every applicable variant of {@code base}. */
    public static Map<String, HierarchyConfig> all(HierarchyConfig base) {
        Map<String, HierarchyConfig> m = new LinkedHashMap<>();
        for (String g : FeatureGroups.parse(base.features())) {
            HierarchyConfig c = base.withFeatures(base.features() + ",-" + g);
            List<MemberSpec> t1 = c.tier1().stream().map(e -> without(e, g)).filter(e -> !e.groups().isEmpty()).toList();
            m.put("no-" + g, c.withTiers(t1, c.tier2()));
        }
        if (!base.tier1().isEmpty()) {
            m.put("no-tier1", base.withTiers(List.of(), base.tier2()));
        }
        if (base.tier2().size() > 1) {
            for (MemberSpec f : base.tier2()) {
                m.put("no-" + f.name(), base.withTiers(base.tier1(),
                        base.tier2().stream().filter(x -> x != f).toList()));
            }
        }
        List<MemberSpec> withTabNet = new ArrayList<>(base.tier2());
        withTabNet.add(new MemberSpec("fusion_tabnet", "tabnet", List.of(), Map.of("max_epochs", 30, "patience", 6)));
        m.put("+tabnet", base.withTiers(base.tier1(), withTabNet));
        PseudoLabelSpec p = base.pseudo();
        m.put("pseudo", base.withPseudo(new PseudoLabelSpec(p.rounds() > 0 ? 0 : 1, p.fraction(), p.weight(),
                p.minImprovement())));
        FeatureOptions fo = FeatureOptions.of(base.featureOptions());
        m.put("ordered", base.withFeatureOptions(with(base.featureOptions(), "target_stats",
                fo.targetStats() == io.hyperfusion.features.stats.TargetStatistics.Mode.ORDERED ? "out_of_fold" : "ordered")));
        m.put("ratios", base.withFeatureOptions(with(base.featureOptions(), "ratios", !fo.ratios())));
        m.put("category_stats", base.withFeatureOptions(with(base.featureOptions(), "category_stats", !fo.categoryStats())));
        m.put("frequencies", base.withFeatureOptions(with(base.featureOptions(), "frequencies", !fo.frequencies())));
        m.put("profile_vectors", base.withFeatureOptions(with(base.featureOptions(), "profile_vectors", !fo.profileVectors())));
        m.put("mean-blend", base.withBlend("mean"));
        for (String scheme : List.of("user", "time", "random")) {
            if (!scheme.equals(base.foldScheme())) {
                m.put("folds-" + scheme, base.withFolds(base.folds(), scheme));
            }
        }
        Predicate<MemberSpec> ridge = x -> x.family().equals("ridge");
        if (Stream.concat(base.tier1().stream(), base.tier2().stream()).anyMatch(ridge)) {
            m.put("no-ridge", base.withTiers(base.tier1().stream().filter(ridge.negate()).toList(),
                    base.tier2().stream().filter(ridge.negate()).toList()));
        } else {
            List<MemberSpec> t1 = new ArrayList<>(base.tier1());
            t1.add(HierarchyConfig.linearTextExpert());
            List<MemberSpec> t2 = new ArrayList<>(base.tier2());
            t2.add(HierarchyConfig.ridgeMember());
            m.put("+ridge", base.withTiers(t1, t2));
            m.put("+ridge-member", base.withTiers(base.tier1(), t2));
        }
        m.put("seeds1", base.withTiers(base.tier1().stream().map(SuiteVariants::oneSeed).toList(),
                base.tier2().stream().map(SuiteVariants::oneSeed).toList()));
        return m;
    }

    private static MemberSpec without(MemberSpec e, String group) {
        return new MemberSpec(e.name(), e.family(), e.groups().stream().filter(x -> !x.equals(group)).toList(), e.options());
    }

    private static MemberSpec oneSeed(MemberSpec e) {
        Map<String, Object> o = new LinkedHashMap<>(e.options());
        o.remove("seeds");
        return new MemberSpec(e.name(), e.family(), e.groups(), o);
    }

    private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }
}
