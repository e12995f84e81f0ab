package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.ablation.Ablation;
import io.hyperfusion.ensemble.ablation.AblationResult;
import io.hyperfusion.ensemble.ablation.PairedBootstrap;
import io.hyperfusion.ensemble.ablation.Variant;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hyperfusion ablate}: retrains without each feature group, each tier and pseudo-labelling, measures every
 * variant on the same held-out posts and prints ΔSRC against the full model with paired bootstrap intervals.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Ablation study: ΔSRC (with a paired bootstrap 95%% interval) of removing each feature group, "
                + "tier 1, tier 2 and pseudo-labelling, all measured on the same time hold-out.")
public final class AblateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabelOptions labels;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--config", paramLabel = "FILE", description = "Ensemble configuration (JSON), as for train.")
    Path configFile;

    @Option(names = "--seed", defaultValue = "42", description = "Master seed of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--features", paramLabel = "GROUPS", description = "Feature groups of the full model (default: the configuration's).")
    String features;

    @Option(names = "--folds", paramLabel = "K", description = "Folds of the shared out-of-fold plan.")
    Integer folds;

    @Option(names = "--pseudo-rounds", paramLabel = "N", description = "Pseudo-label rounds at most of the full model.")
    Integer pseudoRounds;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads per model.")
    Integer threads;

    @Option(names = "--variants", split = ",", paramLabel = "NAME",
            description = "Only these variants (e.g. no-user,no-tier1,no-tier2,no-pseudo); default: every applicable one.")
    List<String> variants;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
            description = "Paired bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--bootstrap-seed", defaultValue = "1", paramLabel = "S", description = "Seed of the resampling (default: ${DEFAULT-VALUE}).")
    long bootstrapSeed;

    @Option(names = "--out", defaultValue = "ablation.json", paramLabel = "FILE", description = "JSON result (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        HierarchyConfig base = config();
        List<Variant> chosen = Variant.select(base, variants);
        err.printf("ablation: full model + %d variant(s): %s%n", chosen.size(), chosen.stream().map(Variant::name).toList());
        PostDataset ds = labels.check(data.read(err), data.policy(), err);
        FeatureContext ctx = EmbeddingRun.context(ds, FeatureGroups.parse(base.features()), embed, new TreeMap<>(), err);
        AblationResult r = new Ablation(base, new PairedBootstrap(resamples, 0.95, bootstrapSeed)).run(ds, ctx, chosen, line -> {
            err.println(line);
            err.flush();
        });
        r.write(out);
        stdout.print(r.render());
        stdout.printf("written to %s%n", out);
        stdout.flush();
        return 0;
    }

    /** The configuration file (or the defaults) with the flags applied; refit is always off. */
    HierarchyConfig config() {
        HierarchyConfig c = configFile != null ? HierarchyConfig.load(configFile).withSeed(seed) : HierarchyConfig.defaults(seed);
        if (features != null) {
            c = c.withFeatures(features);
        }
        if (threads != null) {
            c = c.withThreads(threads);
        }
        if (folds != null) {
            c = new HierarchyConfig(c.features(), folds, c.foldScheme(), c.validFraction(), c.tier1(), c.tier2(),
                    c.blendRidge(), c.pseudo(), false, c.seed(), c.threads());
        }
        if (pseudoRounds != null) {
            var p = c.pseudo();
            c = c.withPseudo(new PseudoLabelSpec(pseudoRounds, p.fraction(), p.weight(), p.minImprovement()));
        }
        return c.withRefit(false);
    }
}
