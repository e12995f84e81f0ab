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
        out.flush();
        return 0;
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
