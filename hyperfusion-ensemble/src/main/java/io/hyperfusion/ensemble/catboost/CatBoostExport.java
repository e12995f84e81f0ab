package io.hyperfusion.ensemble.catboost;

import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.PseudoLabeler;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.hierarchy.HierarchyTrainer;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.catboost.CatBoostImport;
import io.hyperfusion.models.catboost.CatBoostTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes the training tables of every {@code catboost} member of a configuration, so Python can train one CatBoost
 * model per fit the hierarchy will ask that member for (docs/CATBOOST.md).
 *
 * <p>Which rows a member is fitted on (the hold-out split, the fold plan, early-stopping splits, the refit on all
 * labelled posts, the tier-1 out-of-fold columns a tier-2 member sees) is decided by the training code itself, so the
 * export does not re-implement it: it runs {@link PopularityTrainer} with the same configuration and data, with each
 * catboost member's trainer replaced by a recorder that writes the rows it is given
 * ({@link CatBoostTables.Writer}) and predicts their mean. Tier-2 members other than catboost are replaced by the
 * same constant (no catboost table depends on them); tier-1 experts are really fitted when a tier-2 member is catboost,
 * since their out-of-fold predictions are its columns. Hence two limits, refused here with the reason: pseudo-label
 * rounds (which depend on every member's predictions), and catboost in both tiers (the tier-1 recorder's constant
 * would stand in for a real expert in the tier-2 tables).
 */
public final class CatBoostExport {

    private CatBoostExport() {
    }

    /**
     * Runs the recording training and returns each catboost member's table folder ({@code out/<member>}).
     *
     * @throws IllegalArgumentException when the configuration has no catboost member or one of the limits applies
     */
    public static Map<String, Path> write(HierarchyConfig config, PostDataset ds, FeatureContext ctx, Path out,
                                          Consumer<String> log) {
        Set<String> tier1 = names(config.tier1());
        Set<String> tier2 = names(config.tier2());
        if (tier1.isEmpty() && tier2.isEmpty()) {
            throw new IllegalArgumentException("the configuration has no member of family '" + CatBoostImport.FAMILY
                    + "': nothing to export (docs/CATBOOST.md)");
        }
        if (!tier1.isEmpty() && !tier2.isEmpty()) {
            throw new IllegalArgumentException("catboost members in both tiers (" + tier1 + ", " + tier2 + ") cannot be "
                    + "exported in one run: a tier-2 table holds the tier-1 members' out-of-fold predictions");
        }
        if (config.pseudo().rounds() > 0) {
            throw new IllegalArgumentException("pseudo-label rounds (" + config.pseudo().rounds() + ") cannot be used "
                    + "with a catboost member: which posts are pseudo-labelled depends on every member's predictions; "
                    + "set \"pseudo\": {\"rounds\": 0}");
        }
        Map<String, CatBoostTables.Writer> writers = new LinkedHashMap<>();
        Map<String, Path> dirs = new LinkedHashMap<>();
        try {
            for (String m : tier1.isEmpty() ? tier2 : tier1) {
                dirs.put(m, out.resolve(m));
                writers.put(m, new CatBoostTables.Writer(out.resolve(m), m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CatBoost tables under " + out + ": " + e.getMessage(), e);
        }
        HierarchyTrainer.TrainerFactory members = new HierarchyTrainer.TrainerFactory() {
            @Override
            public RegressionTrainer create(MemberSpec spec, long seed, int threads) {
                if (writers.containsKey(spec.name())) {
                    return new TableRecorder(writers.get(spec.name()), seed);
                }
                boolean needed = config.tier1().contains(spec) && !tier2.isEmpty();
                RegressionTrainer real = HierarchyTrainer.REGISTERED.create(spec, seed, threads);
                return needed ? real : new TableRecorder.Constant(real.family(), seed);
            }

            /** The recorder numbers tables as fits start: one at a time, table-NNN is the same fit on every run. */
            @Override
            public int parallelFits() {
                return 1;
            }
        };
        new PopularityTrainer(config, PseudoLabeler.StageProgress.NONE, members).train(ds, ctx, Map.of(), log)
                .model().close();
        return dirs;
    }

    private static Set<String> names(List<MemberSpec> members) {
        return members.stream().filter(m -> m.family().equals(CatBoostImport.FAMILY)).map(MemberSpec::name)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
