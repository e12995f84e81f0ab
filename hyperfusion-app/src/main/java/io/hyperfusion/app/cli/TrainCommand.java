package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.app.io.InputFiles;
import io.hyperfusion.app.page.TrainingSummary;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroups;
import java.util.Map;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.models.bundle.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion train}: fits the model on a data set's labelled posts and writes a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains on the labelled posts (SMPD: the train split) and writes a model bundle.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    LabelOptions labels;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Bundle folder to write (replaced atomically).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--features", defaultValue = "all", paramLabel = "GROUPS",
            description = "Feature groups: all, a list, or all,-group to drop some (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads per model (default: 1).")
    Integer threads;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Ensemble configuration (JSON: members per tier, folds, pseudo-labelling; see docs/CONFIG.md). "
                    + "Flags below override it.")
    Path configFile;

    @Option(names = "--folds", paramLabel = "K", description = "Folds of the shared out-of-fold plan.")
    Integer folds;

    @Option(names = "--fold-scheme", paramLabel = "SCHEME", description = "user, time or random.")
    String foldScheme;

    @Option(names = "--pseudo-rounds", paramLabel = "N", description = "Pseudo-label rounds at most (0 = off).")
    Integer pseudoRounds;

    @Option(names = "--no-refit", description = "Keep the hierarchy measured on the hold-out instead of refitting on all labelled posts.")
    boolean noRefit;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        PostDataset ds = labels.check(data.read(err), data.policy(), err);
        HierarchyConfig config = config();
        Map<String, String> encoders = new java.util.TreeMap<>();
        FeatureContext ctx = EmbeddingRun.context(ds, FeatureGroups.parse(config.features()), embed, encoders, err);
        // One bar per hierarchy fit ("stage 1", "pseudo round 1", "refit stage 1", ...), counting member fits.
        Progress[] bar = {null};
        String[] barStage = {null};
        PopularityTrainer trainer = new PopularityTrainer(config, (stage, done, total) -> {
            if (!stage.equals(barStage[0])) {
                if (bar[0] != null) {
                    bar[0].close();
                }
                bar[0] = Progress.start("train " + stage, total, "fits", false);
                barStage[0] = stage;
            }
            bar[0].stepTo(done);
        });
        PopularityTrainer.Outcome o;
        try {
            o = trainer.train(ds, ctx, encoders, line -> {
                err.println(line);
                err.flush();
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        try (var model = o.model()) {
            TrainGate.check(model, o.report(), ds, ctx);
            List<Manifest.InputFile> inputs = InputFiles.of(data.data, ds.summary().rows());
            List<String> tags = ds.labelled().stream().flatMap(p -> p.tags().stream()).toList();
            // The drafting page (serve) tells scores as percentiles and fills in known authors' profiles from this.
            PopularityBundle.save(out, model, config, o.report(), o.pseudoLabels(), inputs, tags,
                    TrainingSummary.of(ds).files());
        }
        var v = o.report().validation();
        stdout.printf("model written to %s%n", out);
        stdout.print(o.report().leaderboard().render());
        stdout.printf("held-out (latest %,d labelled posts): SRC %.4f  MAE %.4f  RMSE %.4f  (stage 1: SRC %.4f; %d pseudo-label round(s) kept)%n",
                o.report().validRows(), v.src(), v.mae(), v.rmse(), o.report().stage1().src(), o.report().acceptedRounds());
        stdout.printf("trained in %.1f s%n", o.report().millis() / 1000.0);
        stdout.flush();
        return 0;
    }

    /** The file configuration (or the defaults) with the flags applied. */
    HierarchyConfig config() {
        return config(configFile, seed, features, threads, folds, foldScheme, pseudoRounds, noRefit);
    }

    /**
     * A configuration file (or {@link HierarchyConfig#defaults}) with the command-line flags applied; null flags keep
     * the file's values. Shared with the Spark {@code train} command, so both read flags the same way.
     */
    public static HierarchyConfig config(Path configFile, long seed, String features, Integer threads, Integer folds,
                                         String foldScheme, Integer pseudoRounds, boolean noRefit) {
        HierarchyConfig c = configFile != null ? HierarchyConfig.load(configFile).withSeed(seed) : HierarchyConfig.defaults(seed);
        if (!"all".equals(features) || configFile == null) {
            c = c.withFeatures(features);
        }
        if (threads != null) {
            c = c.withThreads(threads);
        }
        if (folds != null || foldScheme != null) {
            // withFolds keeps every other setting (blend, early stopping, feature options, refit blend).
            c = c.withFolds(folds != null ? folds : c.folds(), foldScheme != null ? foldScheme : c.foldScheme());
        }
        if (pseudoRounds != null) {
            var p = c.pseudo();
            c = c.withPseudo(new PseudoLabelSpec(pseudoRounds, p.fraction(), p.weight(), p.minImprovement()));
        }
        if (noRefit) {
            c = c.withRefit(false);
        }
        return c;
    }
}
