package io.hyperfusion.data.smpd;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.LoadSummary;
import io.hyperfusion.data.ReadOptions;

import java.nio.file.Path;

/**
 * Applies a {@link BadRowPolicy} to the problems a reader finds: under {@code FAIL} throws a
 * {@link DataFormatException} naming the file and row, under {@code SKIP} counts the problem in the summary.
 * One instance per read; not thread-safe.
 */
public final class RowProblems {
    private final Path root;
    private final BadRowPolicy policy;
    private final LoadSummary.Builder summary;

    /**
     * @param root    the data set root; file names in the summary are relative to it
     * @param options the read options holding the policy
     * @param summary where skips are counted
     */
    public RowProblems(Path root, ReadOptions options, LoadSummary.Builder summary) {
        this.root = root;
        this.policy = options.onBadRow();
        this.summary = summary;
    }

    /**
     * Reports a malformed row or field.
     *
     * @param file     the file at fault
     * @param location e.g. "line 12" or "record 3"
     * @param reason   "what: detail"; the part before ':' groups skips in the summary
     * @throws DataFormatException under {@link BadRowPolicy#FAIL}
     */
    public void report(Path file, String location, String reason) {
        if (policy == BadRowPolicy.FAIL) {
            throw new DataFormatException(file, location, reason);
        }
        summary.skip(name(file), location, reason);
    }

    /** The summary being built. */
    public LoadSummary.Builder summary() {
        return summary;
    }

    /** The file's name relative to the root with '/' separators, or its full path when outside the root. */
    public String name(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        Path rel = abs.startsWith(r) && !abs.equals(r) ? r.relativize(abs) : abs;
        return rel.toString().replace('\\', '/');
    }
}
