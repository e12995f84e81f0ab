package io.hyperfusion.ensemble.ablation;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureGroups;
import java.util.ArrayList;
import java.util.List;

/**
 * One ablation: the full configuration with one component removed.
 *
 * <ul>
 *   <li>{@code no-<group>}: feature selection {@code <features>,-<group>} (experts left without a group are
 *       dropped, as in training);</li>
 *   <li>{@code no-tier1}: no experts; tier 2 sees the features only;</li>
 *   <li>{@code no-tier2}: the tier-1 experts blended directly: the non-negative blend is fitted on the experts'
 *       out-of-fold predictions (same fold plan and seeds as the full model's stage 1, so the experts are the same
 *       models), without pseudo-labelling;</li>
 *   <li>{@code no-pseudo}: pseudo-label rounds 0.</li>
 * </ul>
 *
 * @param name         short name, e.g. {@code no-tier1}
 * @param removes      what is removed, in words
 * @param expertBlend  true for {@code no-tier2}, which is measured on the experts rather than by a training run
 * @param config       the configuration to train (refit off)
 */
public record Variant(String name, String removes, boolean expertBlend, HierarchyConfig config) {

    /** Every applicable ablation of {@code base}, in a fixed order: feature groups, tiers, pseudo-labelling. */
    public static List<Variant> all(HierarchyConfig base) {
        HierarchyConfig b = base.withRefit(false);
        List<Variant> out = new ArrayList<>();
        List<String> groups = FeatureGroups.parse(b.features());
        if (groups.size() > 1) {
            for (String g : groups) {
                out.add(new Variant("no-" + g, "feature group '" + g + "'", false, b.withFeatures(b.features() + ",-" + g)));
            }
        }
        if (!b.tier1().isEmpty()) {
            out.add(new Variant("no-tier1", "tier-1 experts (tier 2 on features only)", false,
                    b.withTiers(List.of(), b.tier2())));
            // Tier 2 must hold a member for the configuration to be valid; the first is fitted and ignored.
            List<MemberSpec> oneFusion = List.of(b.tier2().get(0));
            out.add(new Variant("no-tier2", "tier-2 fusion (blend of tier-1 experts, no pseudo-labels)", true,
                    b.withTiers(b.tier1(), oneFusion).withPseudo(off(b.pseudo()))));
        }
        if (b.pseudo().rounds() > 0) {
            out.add(new Variant("no-pseudo", "pseudo-labelling (rounds 0)", false, b.withPseudo(off(b.pseudo()))));
        }
        return out;
    }

    /** The variants of {@code base} named in {@code names} (all when null or empty), in the order of {@link #all}. */
    public static List<Variant> select(HierarchyConfig base, List<String> names) {
        List<Variant> all = all(base);
        if (names == null || names.isEmpty()) {
            return all;
        }
        List<String> known = all.stream().map(Variant::name).toList();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("unknown ablation variant '" + n + "'; applicable: " + known);
            }
        }
        return all.stream().filter(v -> names.contains(v.name())).toList();
    }

    private static PseudoLabelSpec off(PseudoLabelSpec p) {
        return new PseudoLabelSpec(0, p.fraction(), p.weight(), p.minImprovement());
    }
}
