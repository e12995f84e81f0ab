package io.hyperfusion.ensemble;

import io.hyperfusion.data.eval.RegressionReport;
import java.util.List;

/**
 * What a training run measured on the held-out (latest) labelled posts.
 *
 * @param trainRows    labelled posts the measured hierarchy was fitted on
 * @param validRows    labelled posts held out
 * @param validation   held-out metrics of the final tier (the blend), after accepted pseudo-label rounds
 * @param stage1       held-out metrics of the blend before pseudo-labelling
 * @param leaderboard  every member and tier, held out
 * @param rounds       every pseudo-label round tried
 * @param finalRows    labelled posts the final model was fitted on
 * @param millis       wall time of the whole run
 */
public record TrainReport(int trainRows, int validRows, RegressionReport validation, RegressionReport stage1,
                          Leaderboard leaderboard, List<PseudoRound> rounds, int finalRows, long millis) {

    /**
     * One pseudo-labelling round.
     *
     * @param round      1-based
     * @param added      unlabelled posts taken
     * @param maxSpread  the largest member spread among them
     * @param meanLabel  mean pseudo-label
     * @param srcBefore  SRC of the inner time split (inside the fitting posts, never the reported hold-out) before
     *                   the round
     * @param srcAfter   the same SRC after retraining with the round
     * @param accepted   whether the round was kept
     */
    public record PseudoRound(int round, int added, double maxSpread, double meanLabel, double srcBefore,
                              double srcAfter, boolean accepted) { }

    /** Rounds that were kept. */
    public int acceptedRounds() {
        return (int) rounds.stream().filter(PseudoRound::accepted).count();
    }
}
