package io.hyperfusion.ensemble.catboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.Leaderboard;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.TinyWorlds;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.hierarchy.HierarchyTrainer;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.Pinned;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.catboost.CatBoostImport;
import io.hyperfusion.models.catboost.CatBoostTables;
import io.hyperfusion.models.catboost.CbmTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CatBoost model trained elsewhere joins the hierarchy as a member of family {@code catboost}: the export writes
 * the rows of every fit the hierarchy will ask for, the tests' {@link CbmTrainer} stands in for
 * {@code scripts/catboost/train_tables.py} and writes a real {@code .cbm} for each, and training then takes each fit's
 * model by its rows' fingerprint.
 */
class CatBoostMemberTest {
    private static final CbmTrainer TRAINER = new CbmTrainer(25, 3, 0.3);

    private static HierarchyConfig onlyCatBoost(Path models) {
        return new HierarchyConfig("all", 3, "random", 0.15, List.of(),
                List.of(new MemberSpec("fusion_cat", CatBoostImport.FAMILY, List.of(), Map.of("models",
                        models.toString()))), 1e-3, null, false, 5, 1);
    }

    /** Out-of-fold predictions come from the fold models, the member for new rows is the model of all rows. */
    @Test
    void outOfFoldPredictionsComeFromTheFoldModelsAndTheMemberFromTheModelOfAllRows(@TempDir Path dir)
            throws Exception {
        SyntheticRegression.Data d = SyntheticRegression.nonlinear(300, 0.5, 3);
        int[] fold = IntStream.range(0, 300).map(i -> i % 3).toArray();
        HierarchyConfig config = onlyCatBoost(dir);
        CatBoostTables.Writer writer = new CatBoostTables.Writer(dir, "fusion_cat");
        // One fit at a time, as the export runs them: the tables are numbered fold 1..3, then all rows.
        new HierarchyTrainer(config, (spec, seed, threads) -> new TableRecorder(writer, seed), 1)
                .fit(d.x(), d.y(), null, fold, s -> { }).model().close();
        assertEquals(4, TRAINER.trainTables(dir), "one table per fold and one of all rows");

        HierarchyTrainer.Fit fit = new HierarchyTrainer(config).fit(d.x(), d.y(), null, fold, s -> { });
        try {
            List<CatBoostTables.Entry> entries = CatBoostTables.read(dir);
            for (int f = 0; f < 3; f++) {
                final int ff = f;
                int[] held = IntStream.range(0, 300).filter(i -> fold[i] == ff).toArray();
                try (RegressionModel m = CatBoostImport.load(dir.resolve(entries.get(f).model()), d.x().schema())) {
                    double[] expected = m.predict(d.x().selectRows(held));
                    for (int i = 0; i < held.length; i++) {
                        assertEquals(expected[i], fit.oofTier2()[0][held[i]], 0.0, "fold " + f + " row " + held[i]);
                    }
                }
            }
            try (RegressionModel all = CatBoostImport.load(dir.resolve(entries.get(3).model()), d.x().schema())) {
                assertEquals(300, entries.get(3).rows());
                assertArrayEquals(all.predict(d.x()), fit.model().fusion().get(0).model().predict(d.x()));
            }
        } finally {
            fit.model().close();
        }
    }

    /** End to end: export, train the tables, train the ensemble with the member, save and load the model. */
    @Test
    void aCatBoostMemberJoinsTheEnsembleEndToEnd(@TempDir Path dir) {
        PostDataset world = TinyWorlds.world(dir.resolve("world"), 600, 60, 23);
        HierarchyConfig base = TinyWorlds.fastConfig(0, 42).withRefit(true);
        Path models = dir.resolve("catboost");
        List<MemberSpec> tier2 = new ArrayList<>(base.tier2());
        tier2.add(new MemberSpec("fusion_cat", CatBoostImport.FAMILY, List.of(),
                Map.of("models", models.resolve("fusion_cat").toString())));
        HierarchyConfig config = base.withTiers(base.tier1(), tier2);

        Map<String, Path> dirs = CatBoostExport.write(config, world, FeatureContext.of(world), models, s -> { });
        assertEquals(Map.of("fusion_cat", models.resolve("fusion_cat")), dirs);
        int tables = assertDoesNotThrowCount(dirs.get("fusion_cat"));
        assertEquals(8, tables, "3 folds + all rows, for the measured fit and for the refit");

        PopularityTrainer.Outcome o = new PopularityTrainer(config).train(world, s -> { });
        try (PopularityModel model = o.model()) {
            Leaderboard.Row cat = o.report().leaderboard().rows().stream()
                    .filter(r -> r.member().equals("fusion_cat")).findFirst().orElseThrow();
            assertEquals("catboost", cat.family());
            Pinned.assertScore("catboost.member.src", cat.src());
            Path saved = dir.resolve("model");
            model.save(saved);
            List<Post> posts = world.labelled().subList(0, 50);
            try (PopularityModel loaded = PopularityModel.load(saved)) {
                FeatureContext ctx = FeatureContext.of(world);
                assertArrayEquals(model.predict(posts, ctx), loaded.predict(posts, ctx));
            }
        }
        // Another seed fits on other rows: no model was trained on them, and the error says what to do.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PopularityTrainer(config.withSeed(7)).train(world, s -> { }));
        assertTrue(e.getMessage().contains("no CatBoost model was trained on these")
                && e.getMessage().contains("export-features --catboost-tables"), e.getMessage());
    }

    @Test
    void theExportRefusesWhatItCannotReproduce(@TempDir Path dir) {
        PostDataset world = TinyWorlds.world(dir.resolve("world"), 200, 20, 3);
        HierarchyConfig none = TinyWorlds.fastConfig(0, 1);
        assertMessage("no member of family 'catboost'", () -> CatBoostExport.write(none, world,
                FeatureContext.of(world), dir, s -> { }));
        MemberSpec cat = new MemberSpec("cat", CatBoostImport.FAMILY, List.of(), Map.of("models", "x"));
        List<MemberSpec> t2 = new ArrayList<>(none.tier2());
        t2.add(cat);
        assertMessage("pseudo-label rounds (1)", () -> CatBoostExport.write(TinyWorlds.fastConfig(1, 1)
                .withTiers(none.tier1(), t2), world, FeatureContext.of(world), dir, s -> { }));
        List<MemberSpec> t1 = new ArrayList<>(none.tier1());
        t1.add(new MemberSpec("cat1", CatBoostImport.FAMILY, List.of("time"), Map.of("models", "y")));
        assertMessage("catboost members in both tiers", () -> CatBoostExport.write(none.withTiers(t1, t2), world,
                FeatureContext.of(world), dir, s -> { }));
    }

    private static int assertDoesNotThrowCount(Path dir) {
        try {
            return TRAINER.trainTables(dir);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String part, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }

    static double[] column(FeatureMatrix x, int c) {
        return IntStream.range(0, x.rows()).mapToDouble(r -> x.get(r, c)).toArray();
    }
}
