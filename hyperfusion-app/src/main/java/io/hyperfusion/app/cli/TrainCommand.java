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

    @Mixin
    EnsembleOptions ensemble;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        PostDataset ds = labels.check(data.read(err), data.policy(), err);
        HierarchyConfig config = ensemble.config();
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

    /**
     * The footer of {@code train --help}: the member families of the registry, what each is for, and how to choose
     * them (a configuration member's {@code family}).
     */
    public static String familiesHelp() {
        StringBuilder sb = new StringBuilder();
        for (io.hyperfusion.models.ModelFamily f : io.hyperfusion.models.ModelFamilies.memberFamilies()) {
            sb.append(wrap(String.format("  %-9s %s", f.name(), f.summary()), 110, 12)).append("%n");
        }
        sb.append("%nChoose them in a configuration file (--config FILE): each member of tier1 (experts, on some feature"
                + "%ngroups) and tier2 (fusion, on every feature) names its \"family\" and that family's \"options\"."
                + "%n'hyperfusion config --out FILE' writes the default ensemble (LightGBM experts; LightGBM, XGBoost"
                + "%nand MLP fusion) to start from; docs/CONFIG.md lists every family's options.%n");
        return sb.toString();
    }

    private static String wrap(String text, int width, int indent) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" (?=\\S)")) {
            if (out.length() - lineStart + word.length() + 1 > width && out.length() > lineStart) {
                out.append("%n").append(" ".repeat(indent));
                lineStart = out.length() - indent;
            } else if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word.replace("%", "%%"));
        }
        return out.toString();
    }
}
