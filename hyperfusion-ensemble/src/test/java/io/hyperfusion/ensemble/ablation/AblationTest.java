package io.hyperfusion.ensemble.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.TinyWorlds;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.features.FeatureContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ablation of a few variants on a tiny world, measured on one shared hold-out. */
class AblationTest {
    @TempDir
    Path dir;

    @Test
    void variantsAreMeasuredOnTheSameHoldOutWithIntervalsAroundTheirDeltas() {
        PostDataset ds = TinyWorlds.world(dir.resolve("world"), 400, 40, 6);
        HierarchyConfig base = TinyWorlds.fastConfig(1, 4);
        List<Variant> variants = Variant.select(base, List.of("no-user", "no-tier2", "no-pseudo"));
        AblationResult r = new Ablation(base, new PairedBootstrap(300, 0.95, 17))
                .run(ds, FeatureContext.of(ds), variants, s -> { });

        assertEquals(List.of("no-user", "no-tier2", "no-pseudo"), r.rows().stream().map(AblationResult.Row::variant).toList());
        assertEquals(Math.round(ds.labelled().size() * 0.15), r.validRows());
        assertTrue(r.fullSrc() > 0.2, "the full model ranks the held-out posts: " + r.fullSrc());
        for (AblationResult.Row row : r.rows()) {
            assertEquals(row.src() - r.fullSrc(), row.deltaSrc(), 1e-12, row.variant());
            assertTrue(row.ciLow() <= row.deltaSrc() && row.deltaSrc() <= row.ciHigh(), row.toString());
        }
        Path json = dir.resolve("ablation.json");
        r.write(json);
        AblationResult back = AblationResult.read(json);
        assertEquals(r.rows(), back.rows());
        assertEquals(3, back.rows().size());
        assertTrue(r.render().contains("no-tier2"));
    }

    @Test
    void variantListCoversGroupsTiersAndPseudoLabels() {
        HierarchyConfig base = TinyWorlds.fastConfig(2, 1);
        List<String> names = Variant.all(base).stream().map(Variant::name).toList();
        assertEquals(List.of("no-meta", "no-time", "no-text", "no-user", "no-history", "no-tier1", "no-tier2", "no-pseudo"), names);
        Variant noTier1 = Variant.all(base).get(5);
        assertTrue(noTier1.config().tier1().isEmpty());
        assertTrue(Variant.all(base).stream().noneMatch(v -> v.config().refit()));
        assertEquals("meta,time,text,user,history,-user", Variant.all(base).get(3).config().features());
        assertEquals(List.of("no-tier1", "no-tier2"), Variant.all(TinyWorlds.fastConfig(0, 1)).stream()
                .map(Variant::name).filter(n -> n.contains("tier") || n.contains("pseudo")).toList());
        var e = assertThrows(IllegalArgumentException.class, () -> Variant.select(base, List.of("no-image")));
        assertTrue(e.getMessage().contains("no-image"), e.getMessage());
    }
}
