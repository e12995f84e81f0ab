package io.hyperfusion.ensemble;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.eval.Metrics;
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
 * while the held-out SRC improves. Only the unlabelled posts' features are used: no test label is ever read
 * (the readers do not even load one).
 */
public final class PseudoLabeler {
    private final HierarchyConfig config;
    private final Consumer<String> log;
    private final StageProgress progress;

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
        this.config = config;
        this.log = log;
        this.progress = progress;
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
     * @param rounds   every round tried (empty when no validation set was given)
     * @param labels   the pseudo-labels of the kept rounds' last training set
     */
    public record Run(HierarchyTrainer.Fit stage1, HierarchyTrainer.Fit best, int accepted,
                      List<TrainReport.PseudoRound> rounds, List<Label> labels) { }

    /**
     * Runs stage 1 and the pseudo-label rounds.
     *
     * @param validX      held-out rows that decide whether a round is kept, or null to run exactly
     *                    {@code fixedRounds} rounds
     * @param fixedRounds rounds to run when {@code validX} is null
     */
    public Run run(FeatureMatrix x, double[] y, List<Post> posts, FeatureMatrix poolX, List<Post> pool,
                   FeatureMatrix validX, double[] validY, int fixedRounds) {
        HierarchyTrainer trainer = new HierarchyTrainer(config);
        log.accept("stage 1: " + x.rows() + " labelled rows");
        String phase = validX == null ? "refit " : "";
        HierarchyTrainer.Fit stage1 = trainer.fit(x, y, null, PopularityTrainer.folds(posts, config), log,
                (d, t) -> progress.update(phase + "stage 1", d, t));
        PseudoLabelSpec spec = config.pseudo();
        int maxRounds = validX == null ? fixedRounds : spec.rounds();
        if (poolX == null || poolX.rows() == 0 || maxRounds <= 0) {
            return new Run(stage1, stage1, 0, List.of(), List.of());
        }
        HierarchyTrainer.Fit best = stage1;
        double bestSrc = validX == null ? Double.NaN : Metrics.src(validY, stage1.model().predict(validX));
        List<TrainReport.PseudoRound> rounds = new ArrayList<>();
        List<Label> bestLabels = List.of();
        int accepted = 0;
        for (int round = 1; round <= maxRounds; round++) {
            List<Label> labels = select(best.model(), poolX, pool, round, spec);
            int[] idx = labels.stream().mapToInt(l -> indexOf(pool, l)).toArray();
            FeatureMatrix xr = x.concatRows(poolX.selectRows(idx));
            double[] yr = concat(y, labels.stream().mapToDouble(Label::label).toArray());
            double[] wr = concat(filled(y.length, 1.0), filled(idx.length, spec.weight()));
            List<Post> pr = new ArrayList<>(posts);
            Arrays.stream(idx).forEach(i -> pr.add(pool.get(i)));
            log.accept(String.format("pseudo-label round %d: %,d of %,d unlabelled posts (member spread <= %.3f), weight %.2f",
                    round, idx.length, pool.size(), labels.get(labels.size() - 1).spread(), spec.weight()));
            final int r = round;
            HierarchyTrainer.Fit candidate = trainer.fit(xr, yr, wr, PopularityTrainer.folds(pr, config), log,
                    (d, t) -> progress.update(phase + "pseudo round " + r, d, t));
            double meanLabel = labels.stream().mapToDouble(Label::label).average().orElse(Double.NaN);
            double maxSpread = labels.get(labels.size() - 1).spread();
            if (validX == null) {
                close(best, stage1);
                best = candidate;
                bestLabels = labels;
                accepted++;
                continue;
            }
            double src = Metrics.src(validY, candidate.model().predict(validX));
            boolean keep = src > bestSrc + spec.minImprovement();
            rounds.add(new TrainReport.PseudoRound(round, idx.length, maxSpread, meanLabel, bestSrc, src, keep));
            log.accept(String.format("  held-out SRC %.4f → %.4f: %s", bestSrc, src, keep ? "kept" : "rejected, stop"));
            if (!keep) {
                candidate.model().close();
                break;
            }
            close(best, stage1);
            best = candidate;
            bestSrc = src;
            bestLabels = labels;
            accepted++;
        }
        return new Run(stage1, best, accepted, rounds, bestLabels);
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
        if (f != keep) {
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
