package io.hyperfusion.ensemble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteVariantsTest {

    @Test
    void eachVariantChangesOneThing() {
        HierarchyConfig base = HierarchyConfig.defaults(1);
        Map<String, HierarchyConfig> v = SuiteVariants.all(base);
        HierarchyConfig noCluster = v.get("no-cluster");
        assertTrue(noCluster.features().endsWith(",-cluster"));
        assertTrue(noCluster.tier1().stream().noneMatch(e -> e.groups().contains("cluster")));
        assertEquals(base.tier1().size(), noCluster.tier1().size(), "the visual expert keeps its image group");
        assertEquals(List.of(), v.get("no-tier1").tier1());
        assertEquals(base.tier2().size() - 1, v.get("no-fusion_mlp").tier2().size());
        assertTrue(v.get("no-fusion_mlp").tier2().stream().noneMatch(m -> m.family().equals("mlp")));
        assertTrue(v.get("+tabnet").tier2().stream().anyMatch(m -> m.family().equals("tabnet")));
        assertEquals(base.pseudo().rounds() > 0 ? 0 : 1, v.get("pseudo").pseudo().rounds());
        assertEquals("mean", v.get("mean-blend").blend());
        assertTrue(v.get("seeds1").tier2().stream().allMatch(m -> m.seeds() == 1));
        assertFalse(v.get("ordered").featureOptions().isEmpty());
        assertFalse(v.containsKey("folds-" + base.foldScheme()));
        assertEquals(2, v.keySet().stream().filter(k -> k.startsWith("folds-")).count(), "the two other schemes");
        v.entrySet().stream().filter(x -> x.getKey().startsWith("folds-"))
                .forEach(x -> assertEquals(x.getKey(), "folds-" + x.getValue().foldScheme()));
        for (HierarchyConfig c : v.values()) {
            assertEquals(base.seed(), c.seed());
            assertEquals(base.refit(), c.refit());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SuiteVariants.of(base, List.of("no-bogus")));
        assertTrue(e.getMessage().contains("no-tier1"), e.getMessage());
    }

    @Test
    void ridgeIsAddedToABaseWithoutItAndRemovedFromOneWithIt() {
        HierarchyConfig base = HierarchyConfig.defaults(1);
        HierarchyConfig none = base.withTiers(
                base.tier1().stream().filter(m -> !m.family().equals("ridge")).toList(),
                base.tier2().stream().filter(m -> !m.family().equals("ridge")).toList());
        HierarchyConfig added = SuiteVariants.all(none).get("+ridge");
        assertEquals(none.tier1().size() + 1, added.tier1().size());
        assertEquals(none.tier2().size() + 1, added.tier2().size());
        assertEquals(none.tier1(), SuiteVariants.all(none).get("+ridge-member").tier1());
        HierarchyConfig removed = SuiteVariants.all(added).get("no-ridge");
        assertEquals(none.tier1(), removed.tier1());
        assertEquals(none.tier2(), removed.tier2());
        assertFalse(SuiteVariants.all(added).containsKey("+ridge"));
    }

    @Test
    void anExpertLosingItsOnlyGroupIsDropped() {
        HierarchyConfig base = HierarchyConfig.defaults(1);
        List<MemberSpec> t1 = List.of(new MemberSpec("only", "lightgbm", List.of("geo"), Map.of()));
        HierarchyConfig c = SuiteVariants.all(base.withTiers(t1, base.tier2())).get("no-geo");
        assertEquals(List.of(), c.tier1());
    }
}
