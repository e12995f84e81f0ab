package io.hyperfusion.app.cli;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.LabelCheck;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.PostDataset;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --label-range} for the commands that fit on labels (train, ablate, export-features): absurd labels are
 * refused or skipped under the bad-row policy before any model sees them ({@link LabelCheck}).
 */
public final class LabelOptions {

    @Option(names = "--label-range", defaultValue = "auto", paramLabel = "auto|MIN:MAX",
            description = "Labels accepted for fitting: auto (median ± 25 robust standard deviations of all labels) "
                    + "or an explicit MIN:MAX; others are bad rows under --on-bad-row (default: ${DEFAULT-VALUE}).")
    String labelRange;

    /** {@code ds} without its absurd labels; skips are printed to {@code err}. */
    PostDataset check(PostDataset ds, BadRowPolicy policy, PrintWriter err) {
        LabelCheck check = LabelCheck.parse(labelRange);
        PostDataset out = check.apply(ds, policy);
        if (out != ds) {
            int n = ds.labelled().size() - out.labelled().size();
            err.printf("labels: %,d absurd label(s) skipped; --label-range MIN:MAX sets the accepted range explicitly%n", n);
            out.summary().skips().stream().filter(s -> s.file().equals("labels")).limit(5)
                    .map(LoadSummary.Skip::toString).forEach(s -> err.println("    - " + s));
            err.flush();
        }
        return out;
    }
}
