package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.RegressionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Fits the members of one tier: every out-of-fold fit and every full fit of every member is one task on a shared
 * pool, so independent fits use all the cores they are given. Each fit is seeded and single-threaded and its result
 * lands in a fixed place, so the outcome does not depend on the order in which the tasks run: a pool of one thread
 * and a pool of many give bit-identical models. Stateless.
 */
final class TierFitter {

    private TierFitter() {
    }

    /**
     * One member to fit.
     *
     * @param spec       the member
     * @param columns    the columns of the tier's input it reads
     * @param fitter     its trainers
     * @param x          its input (those columns)
     * @param outOfFold  whether its out-of-fold predictions are needed
     */
    record Job(MemberSpec spec, int[] columns, MemberFitter fitter, FeatureMatrix x, boolean outOfFold) { }

    /**
     * What fitting a member gave.
     *
     * @param oof     out-of-fold predictions per row, or null when not asked for
     * @param model   the member fitted on every row
     * @param seconds the summed wall time of its fits
     */
    record Result(double[] oof, RegressionModel model, double seconds) { }

    /** Fits every job's folds and full fit on {@code pool}; results in job order. */
    static List<Result> fit(List<Job> jobs, double[] y, double[] w, int[] fold, int[] rank, ExecutorService pool,
                            Runnable afterFit) {
        int n = y.length;
        int k = IntStream.of(fold).max().orElse(0) + 1;
        int[][] in = new int[k][];
        int[][] held = new int[k][];
        for (int f = 0; f < k; f++) {
            final int ff = f;
            in[f] = IntStream.range(0, n).filter(i -> fold[i] != ff).toArray();
            held[f] = IntStream.range(0, n).filter(i -> fold[i] == ff).toArray();
        }
        int[] all = IntStream.range(0, n).toArray();
        List<List<Future<double[]>>> folds = new ArrayList<>();
        List<Future<RegressionModel>> full = new ArrayList<>();
        double[][] seconds = new double[jobs.size()][k + 1];
        try {
            for (int j = 0; j < jobs.size(); j++) {
                Job job = jobs.get(j);
                List<Future<double[]>> fs = new ArrayList<>();
                for (int f = 0; f < k && job.outOfFold(); f++) {
                    final int ff = f;
                    final int jj = j;
                    fs.add(held[f].length == 0 ? null : pool.submit(() -> {
                        long t0 = System.nanoTime();
                        try (RegressionModel m = job.fitter().fit(job.x(), y, w, in[ff], rank)) {
                            return m.predict(job.x().selectRows(held[ff]));
                        } finally {
                            seconds[jj][ff] = (System.nanoTime() - t0) / 1e9;
                            afterFit.run();
                        }
                    }));
                }
                folds.add(fs);
                final int jj = j;
                full.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        return job.fitter().fit(job.x(), y, w, all, rank);
                    } finally {
                        seconds[jj][k] = (System.nanoTime() - t0) / 1e9;
                        afterFit.run();
                    }
                }));
            }
            List<Result> out = new ArrayList<>();
            for (int j = 0; j < jobs.size(); j++) {
                double[] oof = null;
                if (jobs.get(j).outOfFold()) {
                    oof = new double[n];
                    for (int f = 0; f < k; f++) {
                        Future<double[]> fu = folds.get(j).get(f);
                        if (fu != null) {
                            double[] p = get(fu);
                            for (int i = 0; i < held[f].length; i++) {
                                oof[held[f][i]] = p[i];
                            }
                        }
                    }
                }
                RegressionModel m = get(full.get(j));
                double s = 0;
                for (double v : seconds[j]) {
                    s += v;
                }
                out.add(new Result(oof, m, s));
            }
            return out;
        } catch (RuntimeException | Error e) {
            folds.forEach(fs -> fs.forEach(f -> cancel(f)));
            full.forEach(TierFitter::cancel);
            for (Future<RegressionModel> f : full) {
                closeQuietly(f);
            }
            throw e;
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting the hierarchy", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a member fit failed: " + e.getCause(), e.getCause());
        }
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Closes the model of a finished full fit; a failed, cancelled or unfinished one holds nothing to close. */
    private static void closeQuietly(Future<RegressionModel> f) {
        try {
            RegressionModel m = f.get();
            if (m != null) {
                m.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // nothing was built
        }
    }
}
