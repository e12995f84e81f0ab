package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.AveragedModel;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fits one member of the hierarchy on a subset of rows: one model per seed (averaged when there are several), and
 * for trainers that stop early ({@link RegressionTrainer#stopsEarly()}) the latest share of the rows by time (at least
 * {@link #MIN_VALID} rows, or a quarter of a small fit's rows) held out as their validation set, as a later post is held out from an earlier one. The validation rows are never the rows
 * the member is then asked to predict out of fold: they come from the fit's own training rows. Holds settings only.
 */
final class MemberFitter {
    /** The fewest validation rows an early-stopping fit gets (a quarter of its rows when it has fewer than 400). */
    static final int MIN_VALID = 100;

    private final List<RegressionTrainer> trainers;
    private final double validShare;

    /**
     * @param trainers   one trainer per seed (at least one)
     * @param validShare share of a fit's rows, the latest by time, held out for early stopping
     */
    MemberFitter(List<RegressionTrainer> trainers, double validShare) {
        if (trainers.isEmpty()) {
            throw new IllegalArgumentException("a member needs at least one trainer");
        }
        this.trainers = List.copyOf(trainers);
        this.validShare = validShare;
    }

    /** Fits on {@code rows} of {@code x}; {@code rank} orders all rows of {@code x} in time. */
    RegressionModel fit(FeatureMatrix x, double[] y, double[] w, int[] rows, int[] rank) {
        long t0 = System.nanoTime();
        List<RegressionModel> models = new ArrayList<>();
        try {
            for (RegressionTrainer tr : trainers) {
                models.add(tr.train(data(tr, x, y, w, rows, rank)));
            }
        } catch (RuntimeException e) {
            models.forEach(RegressionModel::close);
            throw e;
        }
        if (models.size() == 1) {
            return models.get(0);
        }
        RegressionTrainer first = trainers.get(0);
        Provenance p = new Provenance(AveragedModel.FAMILY, Map.of("family", first.family(), "seeds", models.size(),
                "options", first.options()), "hyperfusion", "average", System.getProperty("java.version"),
                rows.length, x.cols(), first.seed(), first.threads(), (System.nanoTime() - t0) / 1_000_000,
                Instant.now(), Map.of());
        return new AveragedModel(models, p);
    }

    /**
     * The training data of one trainer: with a time-ordered validation split when it stops early. Only rows of full
     * weight (real labels, not pseudo-labels) are candidates for validation.
     */
    TrainingData data(RegressionTrainer tr, FeatureMatrix x, double[] y, double[] w, int[] rows, int[] rank) {
        int[] candidates = w == null ? rows : Arrays.stream(rows).filter(i -> w[i] >= 1.0).toArray();
        // A validation set of a few dozen rows stops a fit at noise: at least MIN_VALID rows (a quarter of the rows at
        // most) decide, whatever the share.
        int nValid = (int) Math.max(Math.round(candidates.length * validShare),
                Math.min(MIN_VALID, candidates.length / 4));
        if (!tr.stopsEarly() || nValid < 1 || rows.length - nValid < 2) {
            return new TrainingData(x.selectRows(rows), pick(y, rows), w == null ? null : pick(w, rows), null, null);
        }
        // Latest by time last; ties by row index so the split is total and reproducible.
        int[] byTime = Arrays.stream(candidates).boxed()
                .sorted((a, b) -> rank[a] != rank[b] ? Integer.compare(rank[a], rank[b]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
        int[] valid = Arrays.copyOfRange(byTime, byTime.length - nValid, byTime.length);
        java.util.Set<Integer> held = new java.util.HashSet<>();
        for (int v : valid) {
            held.add(v);
        }
        int[] fit = Arrays.stream(rows).filter(i -> !held.contains(i)).toArray(); // original order for the learner
        Arrays.sort(valid);
        return new TrainingData(x.selectRows(fit), pick(y, fit), w == null ? null : pick(w, fit),
                x.selectRows(valid), pick(y, valid));
    }

    static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
