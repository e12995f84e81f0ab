package io.hyperfusion.ensemble;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.split.Split;
import io.hyperfusion.data.split.TimeHoldout;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.ensemble.hierarchy.HierarchyTrainer;
import io.hyperfusion.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Two-stage training with pseudo-labels (Lee, "Pseudo-Label", ICML 2013 workshop; HyperFusion's second stage):
 * stage 1 fits the hierarchy on labelled rows; the ensemble scores the unlabelled (test-period) posts; those
 * whose members agree most (lowest standard deviation across tier-1 and tier-2 predictions) join the training
 * rows with the blended prediction as label and a reduced weight; the hierarchy is refitted. Rounds repeat
 * while the SRC of an inner time split (inside the training rows, never the caller's hold-out) improves. Only the
 * unlabelled posts' features are used: no test label is ever read (the readers do not even load one).
 */
public final class PseudoLabeler {
    private final HierarchyConfig config;
    private final Consumer<String> log;
    private final StageProgress progress;
    private final HierarchyTrainer.TrainerFactory members;

    /** Progress of the hierarchy fits, by stage ("stage 1", "pseudo round 1", ...). */
    @FunctionalInterface
    public interface StageProgress {
        void update(String stage, int done, int total);

        StageProgress NONE = (stage, done, total) -> { };
    }

    public PseudoLabeler(HierarchyConfig config, Consumer<String> log) {
        this(config, log, StageProgress.NONE);
    }

    public PseudoLabeler(HierarchyConfig config, Consumer<String> log, StageProgress progress) {
        this(config, log, progress, HierarchyTrainer.REGISTERED);
    }

    /** As above, with the members' trainers from {@code members} (the CatBoost table export records its fits). */
    public PseudoLabeler(HierarchyConfig config, Consumer<String> log, StageProgress progress,
                         HierarchyTrainer.TrainerFactory members) {
        this.config = config;
        this.log = log;
        this.progress = progress;
        this.members = members;
    }

    /**
     * One pseudo-labelled post.
     *
     * @param uid    author
     * @param pid    post
     * @param round  the round that took it
     * @param label  the ensemble's prediction used as its label
     * @param spread the members' standard deviation on it
     */
    public record Label(String uid, String pid, int round, double label, double spread) { }

    /**
     * The result of stage 1 and the rounds after it.
     *
     * @param stage1   the hierarchy fitted on labelled rows only
     * @param best     the hierarchy after the last accepted round (== stage1 when none was)
     * @param accepted rounds kept
     * @param rounds   every round tried on the inner split, with its inner SRC before and after (empty when the
     *                 rounds were fixed by the caller)
     * @param labels   the pseudo-labels of the kept rounds' last training set
     */
    public record Run(HierarchyTrainer.Fit stage1, HierarchyTrainer.Fit best, int accepted,
                      List<TrainReport.PseudoRound> rounds, List<Label> labels) { }

    /**
     * Runs stage 1 and the pseudo-label rounds.
     *
     * <p>With {@code fixedRounds < 0} the number of rounds is decided here, never on a hold-out the caller reports:
     * the rows are split by time into an inner training part and the latest {@link HierarchyConfig#validFraction()}
     * of them (the inner validation part); stage 1 and each round are fitted on the inner training part, and a round
     * is kept only while it raises the inner validation SRC by more than {@link PseudoLabelSpec#minImprovement()}.
     * The kept rounds are then run on all rows. With {@code fixedRounds >= 0} exactly that many rounds run (the
     * refit re-applies the rounds the measured run kept).
     */
    public Run run(FeatureMatrix x, double[] y, List<Post> posts, FeatureMatrix poolX, List<Post> pool, int fixedRounds) {
        return run(x, y, posts, poolX, pool, fixedRounds, null);
    }

    /** As above; with {@code keptBlend}, every hierarchy of the run keeps that tier-3 blend (a refit's). */
    public Run run(FeatureMatrix x, double[] y, List<Post> posts, FeatureMatrix poolX, List<Post> pool, int fixedRounds,
                   io.hyperfusion.ensemble.hierarchy.Blender keptBlend) {
        HierarchyTrainer trainer = new HierarchyTrainer(config, members);
        log.accept("stage 1: " + x.rows() + " labelled rows");
        String phase = fixedRounds >= 0 ? "refit " : "";
        HierarchyTrainer.Fit stage1 = fit(trainer, x, y, null, posts, phase + "stage 1", keptBlend);
        PseudoLabelSpec spec = config.pseudo();
        boolean noPool = poolX == null || poolX.rows() == 0;
        List<TrainReport.PseudoRound> rounds = List.of();
        int toRun = fixedRounds;
        if (fixedRounds < 0) {
            if (noPool || spec.rounds() <= 0 || posts.size() < 20) {
                return new Run(stage1, stage1, 0, List.of(), List.of());
            }
            rounds = decide(trainer, x, y, posts, poolX, pool, spec);
            toRun = (int) rounds.stream().filter(TrainReport.PseudoRound::accepted).count();
        }
        if (noPool || toRun <= 0) {
            return new Run(stage1, stage1, 0, rounds, List.of());
        }
        HierarchyTrainer.Fit best = stage1;
        List<Label> labels = List.of();
        for (int round = 1; round <= toRun; round++) {
            labels = select(best.model(), poolX, pool, round, spec);
            HierarchyTrainer.Fit next = fitWithLabels(trainer, x, y, posts, poolX, pool, labels, spec,
                    phase + "pseudo round " + round, keptBlend);
            close(best, stage1);
            best = next;
        }
        return new Run(stage1, best, toRun, rounds, labels);
    }

    /** The rounds tried on the inner split (time-ordered, inside the given rows), each marked kept or not. */
    private List<TrainReport.PseudoRound> decide(HierarchyTrainer trainer, FeatureMatrix x, double[] y, List<Post> posts,
                                                 FeatureMatrix poolX, List<Post> pool, PseudoLabelSpec spec) {
        Split inner = new TimeHoldout(config.validFraction()).split(posts);
        FeatureMatrix xi = x.selectRows(inner.train());
        double[] yi = pick(y, inner.train());
        List<Post> pi = Arrays.stream(inner.train()).mapToObj(posts::get).toList();
        FeatureMatrix xv = x.selectRows(inner.valid());
        double[] yv = pick(y, inner.valid());
        log.accept(String.format("pseudo-labels decided on an inner split: fit on %,d rows, judge on the latest %,d",
                pi.size(), yv.length));
        HierarchyTrainer.Fit innerStage1 = fit(trainer, xi, yi, null, pi, "inner stage 1", null);
        HierarchyTrainer.Fit best = innerStage1;
        double bestSrc = Metrics.src(yv, innerStage1.model().predict(xv));
        List<TrainReport.PseudoRound> rounds = new ArrayList<>();
        try {
            for (int round = 1; round <= spec.rounds(); round++) {
                List<Label> labels = select(best.model(), poolX, pool, round, spec);
                HierarchyTrainer.Fit candidate = fitWithLabels(trainer, xi, yi, pi, poolX, pool, labels, spec,
                        "inner pseudo round " + round, null);
                double src = Metrics.src(yv, candidate.model().predict(xv));
                boolean keep = src > bestSrc + spec.minImprovement();
                double meanLabel = labels.stream().mapToDouble(Label::label).average().orElse(Double.NaN);
                rounds.add(new TrainReport.PseudoRound(round, labels.size(), labels.get(labels.size() - 1).spread(),
                        meanLabel, bestSrc, src, keep));
                log.accept(String.format("  inner SRC %.4f → %.4f: %s", bestSrc, src, keep ? "kept" : "rejected, stop"));
                if (!keep) {
                    candidate.model().close();
                    break;
                }
                close(best, innerStage1);
                best = candidate;
                bestSrc = src;
            }
        } finally {
            close(best, null);
            close(innerStage1, best);
        }
        return rounds;
    }

    private HierarchyTrainer.Fit fitWithLabels(HierarchyTrainer trainer, FeatureMatrix x, double[] y, List<Post> posts,
                                               FeatureMatrix poolX, List<Post> pool, List<Label> labels,
                                               PseudoLabelSpec spec, String stage,
                                               io.hyperfusion.ensemble.hierarchy.Blender keptBlend) {
        int[] idx = labels.stream().mapToInt(l -> indexOf(pool, l)).toArray();
        FeatureMatrix xr = x.concatRows(poolX.selectRows(idx));
        double[] yr = concat(y, labels.stream().mapToDouble(Label::label).toArray());
        double[] wr = concat(filled(y.length, 1.0), filled(idx.length, spec.weight()));
        List<Post> pr = new ArrayList<>(posts);
        Arrays.stream(idx).forEach(i -> pr.add(pool.get(i)));
        log.accept(String.format("%s: %,d of %,d unlabelled posts (member spread <= %.3f), weight %.2f",
                stage, idx.length, pool.size(), labels.get(labels.size() - 1).spread(), spec.weight()));
        return fit(trainer, xr, yr, wr, pr, stage, keptBlend);
    }

    private HierarchyTrainer.Fit fit(HierarchyTrainer trainer, FeatureMatrix x, double[] y, double[] w, List<Post> posts,
                                     String stage, io.hyperfusion.ensemble.hierarchy.Blender keptBlend) {
        return trainer.fit(x, y, w, PopularityTrainer.folds(posts, config), timeRanks(posts), log,
                (d, t) -> progress.update(stage, d, t), keptBlend);
    }

    /** Each post's position in time order (earliest 0), as {@link io.hyperfusion.features.stats.PostOrder}. */
    public static int[] timeRanks(List<Post> posts) {
        int[] order = io.hyperfusion.features.stats.PostOrder.chronological(posts);
        int[] rank = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        return rank;
    }

    private static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    /** The pool posts with the lowest member spread, most confident first. */
    static List<Label> select(HierarchicalModel model, FeatureMatrix poolX, List<Post> pool, int round, PseudoLabelSpec spec) {
        HierarchicalModel.Detail d = model.predictDetailed(poolX);
        int members = d.tier1().length + d.tier2().length;
        double[] spread = new double[pool.size()];
        for (int r = 0; r < spread.length; r++) {
            double sum = 0;
            double sq = 0;
            for (double[] m : d.tier1()) {
                sum += m[r];
                sq += m[r] * m[r];
            }
            for (double[] m : d.tier2()) {
                sum += m[r];
                sq += m[r] * m[r];
            }
            double mean = sum / members;
            spread[r] = members < 2 ? 0 : Math.sqrt(Math.max(0, (sq - members * mean * mean) / (members - 1)));
        }
        int take = Math.max(1, (int) Math.round(spec.fraction() * pool.size()));
        // Lowest spread first; ties by post key so the choice is reproducible.
        int[] order = IntStream.range(0, pool.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> spread[i]).thenComparing(i -> pool.get(i).key().toString()))
                .mapToInt(Integer::intValue).limit(take).toArray();
        List<Label> out = new ArrayList<>(take);
        for (int i : order) {
            out.add(new Label(pool.get(i).userId(), pool.get(i).postId(), round, d.score()[i], spread[i]));
        }
        return out;
    }

    private static int indexOf(List<Post> pool, Label l) {
        for (int i = 0; i < pool.size(); i++) {
            Post p = pool.get(i);
            if (p.postId().equals(l.pid()) && p.userId().equals(l.uid())) {
                return i;
            }
        }
        throw new IllegalStateException("pseudo-label for unknown post " + l.uid() + "/" + l.pid());
    }

    private static void close(HierarchyTrainer.Fit f, HierarchyTrainer.Fit keep) {
        if (f != null && f != keep) {
            f.model().close();
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
