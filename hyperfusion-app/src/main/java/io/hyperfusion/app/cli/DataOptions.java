package io.hyperfusion.app.cli;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a data set shares: where, which layout, and the bad-row policy. */
public final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data set: for smpd-image/smpd-video the root holding train/ and test/; for jsonl a .jsonl file or a folder with posts.jsonl.")
    Path data;

    @Option(names = "--format", defaultValue = "smpd-image", paramLabel = "FORMAT",
            description = "smpd-image, smpd-video or jsonl (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--on-bad-row", defaultValue = "skip", paramLabel = "POLICY",
            description = "fail or skip a malformed row; skips are counted in the load summary (default: ${DEFAULT-VALUE}).")
    String onBadRow;

    @Option(names = "--no-image-check", description = "Do not check that every image file exists and looks like an image.")
    boolean noImageCheck;

    @Option(names = "--allow-outside-root",
            description = "Accept image paths that lead outside the data set's root (../x.jpg, /elsewhere/x.jpg); "
                    + "by default such a path is a bad row: the post is kept without its image and the path named.")
    boolean allowOutsideRoot;

    /** The bad-row policy given. */
    BadRowPolicy policy() {
        return BadRowPolicy.parse(onBadRow);
    }

    /** Reads the data set and prints its load summary to {@code err}. */
    public PostDataset read(PrintWriter err) {
        if (!Files.exists(data)) {
            throw new IllegalArgumentException("data path does not exist: " + data);
        }
        DataFormat f = DataFormat.parse(format);
        ReadOptions opts = new ReadOptions(policy(), !noImageCheck, allowOutsideRoot);
        long t0 = System.nanoTime();
        PostDataset ds = Readers.forFormat(f).read(data, opts);
        err.printf("loaded %s (%s) in %.1f s: %,d labelled, %,d unlabelled posts, %,d users%n", data, f,
                (System.nanoTime() - t0) / 1e9, ds.labelled().size(), ds.unlabelled().size(), ds.users().size());
        err.print(ds.summary().render(5));
        err.flush();
        return ds;
    }
}
