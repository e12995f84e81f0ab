package io.hyperfusion.ensemble.hierarchy;

/** Receives how far a hierarchy fit has got: {@code done} of {@code total} member fits (folds and refits). */
@FunctionalInterface
public interface FitProgress {
    void update(int done, int total);

    /** Ignores every update. */
    FitProgress NONE = (done, total) -> { };
}
