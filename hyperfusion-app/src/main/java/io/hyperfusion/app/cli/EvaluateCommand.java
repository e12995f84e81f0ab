package io.hyperfusion.app.cli;

import io.hyperfusion.app.io.ScoreFiles;
import io.hyperfusion.app.io.ScoreJoin;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion evaluate}: SRC, MAE, RMSE, R² and MAPE of a prediction file against a label file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Scores predictions against true labels: SRC (Spearman), MAE, RMSE, R², MAPE.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "Predictions: CSV (uid,pid,popularity_score) or SMP submission JSON.")
    Path predictions;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
            description = "True labels: CSV (uid,pid,popularity_score|label), SMP submission JSON or SMPD label JSON.")
    Path labels;

    @Option(names = "--allow-missing", description = "Score the matched posts even when some labelled posts have no prediction.")
    boolean allowMissing;

    @Option(names = "--model", paramLabel = "MODEL_DIR",
            description = "Also print the leaderboard: every tier-1 expert, tier-2 member and the blend of this bundle, "
                    + "scored on the labelled posts of --data (needs --data).")
    java.nio.file.Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "With --model: the data set the labels belong to.")
    java.nio.file.Path data;

    @Option(names = "--format", defaultValue = "smpd-image", paramLabel = "FORMAT",
            description = "With --model: smpd-image, smpd-video or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @picocli.CommandLine.Mixin
    io.hyperfusion.app.embed.EmbedOptions embed;

    @Override
    public Integer call() {
        ScoreJoin j = ScoreJoin.of(ScoreFiles.read(predictions), ScoreFiles.read(labels));
        if (!j.unpredicted().isEmpty() && !allowMissing) {
            throw new IllegalArgumentException(j.unpredicted().size() + " labelled posts have no prediction (first: "
                    + j.unpredicted().get(0) + "); pass --allow-missing to score the rest");
        }
        if (j.truth().length == 0) {
            throw new IllegalArgumentException("no post of " + labels + " has a prediction in " + predictions);
        }
        RegressionReport r = Metrics.report(j.truth(), j.predicted());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("posts  %,d matched", r.n());
        if (!j.unpredicted().isEmpty()) {
            out.printf(", %,d labelled without prediction", j.unpredicted().size());
        }
        if (j.unlabelled() > 0) {
            out.printf(", %,d predictions without label (ignored)", j.unlabelled());
        }
        out.println();
        print(out, r);
        if (model != null) {
            if (data == null) {
                throw new IllegalArgumentException("--model needs --data (the data set the labels belong to)");
            }
            out.println();
            out.print(leaderboard());
        }
        out.flush();
        return 0;
    }

    /** Every member's and tier's SRC/MAE on the labelled posts of the data set. */
    private String leaderboard() {
        var err = spec.commandLine().getErr();
        java.util.Map<String, Double> truth = new java.util.HashMap<>();
        for (var s : ScoreFiles.read(labels)) {
            truth.put(s.pid(), s.score());
        }
        try (var loaded = io.hyperfusion.ensemble.PopularityBundle.load(model)) {
            if (!(loaded.model().model() instanceof io.hyperfusion.ensemble.hierarchy.HierarchicalModel h)) {
                throw new IllegalArgumentException(model + " holds no tiered ensemble");
            }
            DataOptions opts = new DataOptions();
            opts.data = data;
            opts.format = format;
            opts.onBadRow = "skip";
            var ds = opts.read(err);
            var posts = ds.all().stream().filter(p -> truth.containsKey(p.postId())).toList();
            if (posts.isEmpty()) {
                throw new IllegalArgumentException("no post of " + data + " is in " + labels);
            }
            var ctx = PredictCommand.context(loaded.model(), ds, posts, embed, err);
            var x = loaded.model().features(posts, ctx);
            double[] y = posts.stream().mapToDouble(p -> truth.get(p.postId())).toArray();
            return "leaderboard on " + posts.size() + " labelled posts:\n"
                    + io.hyperfusion.ensemble.Leaderboard.of(h, x, y, java.util.Map.of()).render();
        }
    }

    /** The metrics table shared by evaluate and demo. */
    static void print(PrintWriter out, RegressionReport r) {
        out.printf("SRC    %.4f%n", r.src());
        out.printf("MAE    %.4f%n", r.mae());
        out.printf("RMSE   %.4f%n", r.rmse());
        out.printf("R2     %.4f%n", r.r2());
        out.printf("MAPE   %.2f%%%n", r.mape());
    }
}
