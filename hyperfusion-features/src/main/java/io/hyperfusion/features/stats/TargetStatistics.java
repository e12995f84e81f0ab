package io.hyperfusion.features.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Target statistics for a high-cardinality key (author, category, cluster): the smoothed mean label of the
 * key, {@code (sum + a * prior) / (count + a)}, computed so that a training row never sees its own label.
 *
 * <p>Two schemes, after Prokhorenkova et al., "CatBoost: unbiased boosting with categorical features"
 * (NeurIPS 2018):
 * <ul>
 *   <li>{@link Mode#OUT_OF_FOLD}: rows are split into K seeded folds; a row's statistic uses the other folds.
 *   <li>{@link Mode#ORDERED}: rows are visited in a given order (time, for posts) and a row's statistic uses only
 *       the rows before it, so it sees neither its own label nor a later one (CatBoost's ordered TS with time
 *       as the permutation).
 * </ul>
 * The prior is the mean label, computed for a training row from the same rows its statistic may use, so
 * not even the prior holds the row's own label. New rows (after fitting) use all training rows.
 * Immutable after {@link #fit}; thread-safe.
 */
public final class TargetStatistics {

    /** How training rows are kept from seeing their own label. */
    public enum Mode { OUT_OF_FOLD, ORDERED }

    /**
     * Settings.
     *
     * @param mode       scheme for training rows
     * @param folds      K for {@link Mode#OUT_OF_FOLD} (≥ 2)
     * @param priorWeight a, the number of pseudo-rows of the prior (≥ 0)
     */
    public record Options(Mode mode, int folds, double priorWeight) {
        public Options {
            if (mode == null) {
                throw new IllegalArgumentException("target-statistics mode must be given");
            }
            if (folds < 2) {
                throw new IllegalArgumentException("target-statistics folds must be >= 2, got " + folds);
            }
            if (!(priorWeight >= 0) || Double.isInfinite(priorWeight)) {
                throw new IllegalArgumentException("prior weight must be finite and >= 0, got " + priorWeight);
            }
        }

        public static Options defaults() {
            return new Options(Mode.OUT_OF_FOLD, 5, 5.0);
        }
    }

    /** Sum and count of the labels seen for one key. */
    public record Tally(double sum, long count) { }

    /**
     * The fitted table plus the training rows' statistics.
     *
     * @param table      per-key tallies over all training rows, for new rows
     * @param prior      the global mean label
     * @param trainMean  smoothed mean per training row (never using its own label)
     * @param trainCount rows the statistic of each training row was computed from
     */
    public record Fit(TargetStatistics table, double prior, double[] trainMean, double[] trainCount) { }

    private final Map<String, Tally> tallies;
    private final double prior;
    private final double priorWeight;

    /** A fitted table; usually made by {@link #fit}, or restored from a saved model. */
    @JsonCreator
    public TargetStatistics(@JsonProperty("tallies") Map<String, Tally> tallies,
                            @JsonProperty("prior") double prior,
                            @JsonProperty("priorWeight") double priorWeight) {
        this.tallies = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tallies)); // sorted: stable JSON
        this.prior = prior;
        this.priorWeight = priorWeight;
    }

    @JsonProperty("tallies")
    public Map<String, Tally> tallies() { return tallies; }

    @JsonProperty("prior")
    public double prior() { return prior; }

    @JsonProperty("priorWeight")
    public double priorWeight() { return priorWeight; }

    /** The smoothed mean of a key over all training rows (the prior for an unseen or null key). */
    public double mean(String key) {
        Tally t = key == null ? null : tallies.get(key);
        return t == null ? prior : smooth(t.sum(), t.count(), prior, priorWeight);
    }

    /** Training rows seen for a key (0 when unseen). */
    public long count(String key) {
        Tally t = key == null ? null : tallies.get(key);
        return t == null ? 0 : t.count();
    }

    /**
     * Fits on training rows.
     *
     * @param keys   the key of each row (null = missing, gets the prior)
     * @param labels the label of each row
     * @param order  for {@link Mode#ORDERED}: the visiting order (a permutation of row indices, earliest first);
     *               ignored otherwise
     * @param seed   fold assignment seed for {@link Mode#OUT_OF_FOLD}
     */
    public static Fit fit(String[] keys, double[] labels, int[] order, Options options, long seed) {
        if (keys.length != labels.length) {
            throw new IllegalArgumentException("expected one key per label: " + labels.length + " labels, "
                    + keys.length + " keys");
        }
        if (keys.length == 0) {
            throw new IllegalArgumentException("cannot fit target statistics on 0 rows");
        }
        double prior = Arrays.stream(labels).average().orElseThrow();
        Map<String, double[]> all = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                double[] t = all.computeIfAbsent(keys[i], k -> new double[2]);
                t[0] += labels[i];
                t[1] += 1;
            }
        }
        Map<String, Tally> tallies = new HashMap<>();
        all.forEach((k, t) -> tallies.put(k, new Tally(t[0], (long) t[1])));
        TargetStatistics table = new TargetStatistics(tallies, prior, options.priorWeight());

        double[] mean = new double[keys.length];
        double[] count = new double[keys.length];
        double a = options.priorWeight();
        if (options.mode() == Mode.ORDERED) {
            if (order == null || order.length != keys.length) {
                throw new IllegalArgumentException("ordered target statistics need an order over all "
                        + keys.length + " rows, got " + (order == null ? "none" : order.length));
            }
            // The prior of a row is the mean of the rows before it, so not even the prior holds its own
            // label; the very first row has nothing before it and gets NaN (missing).
            Map<String, double[]> running = new HashMap<>();
            double seenSum = 0;
            int seen = 0;
            for (int i : order) {
                double rowPrior = seen == 0 ? Double.NaN : seenSum / seen;
                double[] t = keys[i] == null ? new double[2] : running.computeIfAbsent(keys[i], k -> new double[2]);
                mean[i] = smooth(t[0], t[1], rowPrior, a);
                count[i] = t[1];
                if (keys[i] != null) {
                    t[0] += labels[i];
                    t[1] += 1;
                }
                seenSum += labels[i];
                seen++;
            }
        } else {
            int[] fold = new int[keys.length];
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < fold.length; i++) {
                fold[i] = rnd.nextInt(options.folds());
            }
            // Each fold's prior is the mean label of the other folds: not even the prior holds a row's label.
            double[] foldSum = new double[options.folds()];
            int[] foldCount = new int[options.folds()];
            for (int i = 0; i < keys.length; i++) {
                foldSum[fold[i]] += labels[i];
                foldCount[fold[i]]++;
            }
            Map<String, double[]> perFold = new HashMap<>(); // key -> [sum_f0, cnt_f0, sum_f1, ...]
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null) {
                    double[] t = perFold.computeIfAbsent(keys[i], k -> new double[2 * options.folds()]);
                    t[2 * fold[i]] += labels[i];
                    t[2 * fold[i] + 1] += 1;
                }
            }
            for (int i = 0; i < keys.length; i++) {
                double s = 0;
                double c = 0;
                // Sum the other folds directly (not total minus own) so the own label cannot even
                // change the rounding.
                double restSum = 0;
                int rest = 0;
                double[] t = keys[i] == null ? null : perFold.get(keys[i]);
                for (int f = 0; f < options.folds(); f++) {
                    if (f != fold[i]) {
                        restSum += foldSum[f];
                        rest += foldCount[f];
                        if (t != null) {
                            s += t[2 * f];
                            c += t[2 * f + 1];
                        }
                    }
                }
                double foldPrior = rest == 0 ? Double.NaN : restSum / rest;
                mean[i] = smooth(s, c, foldPrior, a);
                count[i] = c;
            }
        }
        return new Fit(table, prior, mean, count);
    }

    /** (sum + a·prior) / (count + a), and the prior itself when nothing was seen. */
    static double smooth(double sum, double count, double prior, double a) {
        return count == 0 ? prior : (sum + a * prior) / (count + a);
    }
}
