package io.hyperfusion.ensemble;

import io.hyperfusion.data.eval.RegressionReport;

/**
 * What a training run measured.
 *
 * @param trainRows      labelled posts used for the held-out fit
 * @param validRows      labelled posts held out (the latest ones by time)
 * @param validation     held-out metrics of the model fitted without the held-out posts
 * @param bestIteration  boosting rounds chosen by early stopping
 * @param finalRows      labelled posts the final model was refitted on
 * @param finalIterations boosting rounds of the final model
 * @param millis         wall time of the whole run
 */
public record TrainReport(int trainRows, int validRows, RegressionReport validation, int bestIteration,
                          int finalRows, int finalIterations, long millis) { }
