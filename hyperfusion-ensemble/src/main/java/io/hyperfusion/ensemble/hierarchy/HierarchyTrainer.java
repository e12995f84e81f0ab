package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.data.Seeds;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Fits the three tiers of HyperFusion ("HyperFusion: Hierarchical Multimodal Ensemble Learning for Social Media
 * Popularity Prediction", arXiv 2507.00926, 2025) with strict out-of-fold discipline (Wolpert, "Stacked Generalization", 1992; the
 * scikit-learn stacking rule): with one fold plan shared by every tier, each tier-1 expert's prediction for a
 * row comes from a model fitted without that row's fold; tier 2 trains on every feature plus those
 * out-of-fold predictions, and its own out-of-fold predictions train the tier-3 blend. Every member is also
 * refitted on all rows for prediction. Independent fits (the folds and full fits of a tier's members) run at once
 * on a pool ({@link TierFitter}); the result does not depend on how many. Holds settings only.
 */
public final class HierarchyTrainer {
    private final HierarchyConfig config;
    private final TrainerFactory factory;
    private final int parallelFits;

    /** Builds a member's trainer from its spec and seed. */
    @FunctionalInterface
    public interface TrainerFactory {
        RegressionTrainer create(MemberSpec spec, long seed, int threads);

        /**
         * How many fits may run at once with these trainers ({@link #defaultParallelFits()} unless a factory's
         * trainers have a side effect whose order matters, as the CatBoost table export's recorder does).
         */
        default int parallelFits() {
            return defaultParallelFits();
        }
    }

    /** The factory of the members' trainers from the one family registry ({@link ModelFamilies}). */
    public static final TrainerFactory REGISTERED =
            (spec, seed, threads) -> ModelFamilies.trainer(spec.family(), spec.familyOptions(), seed, threads);

    /** A trainer whose members come from the registered families. */
    public HierarchyTrainer(HierarchyConfig config) {
        this(config, REGISTERED);
    }

    /**
     * A trainer whose members come from {@code factory} (tests plug in instrumented families here), running up to
     * {@link TrainerFactory#parallelFits()} fits at once.
     */
    public HierarchyTrainer(HierarchyConfig config, TrainerFactory factory) {
        this(config, factory, factory.parallelFits());
    }

    /**
     * A trainer that runs up to {@code parallelFits} member fits at once (each single-threaded as the configuration
     * says); the fitted hierarchy is the same for every value.
     */
    public HierarchyTrainer(HierarchyConfig config, TrainerFactory factory, int parallelFits) {
        if (parallelFits < 1) {
            throw new IllegalArgumentException("parallel fits must be >= 1, got " + parallelFits);
        }
        this.config = config;
        this.factory = factory;
        this.parallelFits = parallelFits;
    }

    /**
     * Fits at once by default: the cores, at most 4 ({@code HYPERFUSION_PARALLEL_FITS} overrides, e.g. 1 to fit one
     * model at a time).
     */
    public static int defaultParallelFits() {
        String env = System.getenv("HYPERFUSION_PARALLEL_FITS");
        if (env != null && !env.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(env.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("HYPERFUSION_PARALLEL_FITS must be a whole number, got '" + env + "'");
            }
        }
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A fitted hierarchy and what fitting measured.
     *
     * @param model    the hierarchy, members refitted on all rows
     * @param oofTier1 out-of-fold tier-1 predictions {@code [expert][row]}
     * @param oofTier2 out-of-fold tier-2 predictions {@code [member][row]}; a member's entry is null with a mean blend,
     *                 which needs none, or a kept blend
     * @param oofScore out-of-fold blended predictions (the blend refitted per fold); null with a mean or kept blend
     * @param seconds  fitting wall time per member name (folds + refit), and "blend"
     */
    public record Fit(HierarchicalModel model, double[][] oofTier1, double[][] oofTier2, double[] oofScore,
                      Map<String, Double> seconds) { }

    /**
     * Fits on rows {@code x} with targets {@code y}, weights {@code w} (null = all 1) and the fold of each row; the
     * rows' order stands for their order in time.
     */
    public Fit fit(FeatureMatrix x, double[] y, double[] w, int[] fold, Consumer<String> log) {
        return fit(x, y, w, fold, null, log, FitProgress.NONE);
    }

    /**
     * As {@link #fit(FeatureMatrix, double[], double[], int[], Consumer)}, with each row's rank in time ({@code null}:
     * the row order), reporting each member fit. Members that stop early hold out the latest
     * {@link HierarchyConfig#earlyStopping()} share of each fit's training rows by that rank as their validation set.
     */
    public Fit fit(FeatureMatrix x, double[] y, double[] w, int[] fold, int[] timeRank, Consumer<String> log,
                   FitProgress progress) {
        return fit(x, y, w, fold, timeRank, log, progress, null);
    }

    /**
     * As above; with {@code fixedBlend} the tier-3 blend is that one (e.g. the measured hierarchy's, kept for the
     * refit), so the tier-2 members are not fitted out of fold at all.
     */
    public Fit fit(FeatureMatrix x, double[] y, double[] w, int[] fold, int[] timeRank, Consumer<String> log,
                   FitProgress progress, Blender fixedBlend) {
        int n = x.rows();
        if (y.length != n || fold.length != n || (w != null && w.length != n)
                || (timeRank != null && timeRank.length != n)) {
            throw new IllegalArgumentException("expected " + n + " targets, weights, folds and time ranks, got "
                    + y.length + ", " + (w == null ? "none" : w.length) + ", " + fold.length + ", "
                    + (timeRank == null ? "none" : timeRank.length));
        }
        int[] rank = timeRank != null ? timeRank : IntStream.range(0, n).toArray();
        Seeds seeds = new Seeds(config.seed()).sub("hierarchy");
        int k = IntStream.of(fold).max().orElse(0) + 1;
        int total = config.tier1().size() * (k + 1)
                + config.tier2().size() * (config.blend().equals("mean") || fixedBlend != null ? 1 : k + 1);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Runnable step = () -> {
            synchronized (done) { // fits finish on pool threads; the progress sink sees one update at a time, in order
                progress.update(done.incrementAndGet(), total);
            }
        };
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<TierFitter.Job> jobs1 = new ArrayList<>();
        for (MemberSpec spec : config.tier1()) {
            int[] cols = columnsFor(spec, x.schema(), x.schema().columnsOfGroups(spec.groups()));
            if (cols.length == 0) {
                throw new IllegalArgumentException("tier-1 expert '" + spec.name() + "' finds no column of groups "
                        + spec.groups() + " (are those feature groups switched off?)");
            }
            jobs1.add(new TierFitter.Job(spec, cols, fitter(spec, seeds), x.selectColumns(cols), true));
        }
        boolean meanBlend = config.blend().equals("mean");
        if (fixedBlend != null && fixedBlend.weights().length != config.tier2().size()) {
            throw new IllegalArgumentException("the kept blend has " + fixedBlend.weights().length + " weights for "
                    + config.tier2().size() + " tier-2 members");
        }
        // A mean or kept blend fits nothing on the members' out-of-fold predictions: skip them (K fewer fits each).
        boolean noOof2 = meanBlend || fixedBlend != null;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallelFits, r -> {
            Thread t = new Thread(r, "hyperfusion-fit");
            t.setDaemon(true);
            return t;
        });
        List<HierarchicalModel.Expert> experts = new ArrayList<>();
        List<HierarchicalModel.Fusion> fusion = new ArrayList<>();
        double[][] oof1 = new double[config.tier1().size()][];
        double[][] oof2 = new double[config.tier2().size()][];
        try {
            List<TierFitter.Result> r1 = TierFitter.fit(jobs1, y, w, fold, rank, pool, step);
            for (int e = 0; e < r1.size(); e++) {
                TierFitter.Job job = jobs1.get(e);
                oof1[e] = r1.get(e).oof();
                experts.add(new HierarchicalModel.Expert(job.spec(), job.columns(), r1.get(e).model()));
                seconds.put(job.spec().name(), r1.get(e).seconds());
                log.accept(String.format("  tier 1 %-12s %3d columns  %.1f s", job.spec().name(), job.columns().length,
                        r1.get(e).seconds()));
            }
            FeatureMatrix x2 = x.appendColumns(HierarchicalModel.tier1Names(config.tier1()), oof1);
            List<TierFitter.Job> jobs2 = new ArrayList<>();
            for (MemberSpec spec : config.tier2()) {
                int[] cols = columnsFor(spec, x2.schema(), IntStream.range(0, x2.cols()).toArray());
                jobs2.add(new TierFitter.Job(spec, cols, fitter(spec, seeds), x2.selectColumns(cols), !noOof2));
            }
            List<TierFitter.Result> r2 = TierFitter.fit(jobs2, y, w, fold, rank, pool, step);
            for (int f = 0; f < r2.size(); f++) {
                TierFitter.Job job = jobs2.get(f);
                oof2[f] = r2.get(f).oof();
                fusion.add(new HierarchicalModel.Fusion(job.spec(), job.columns(), r2.get(f).model()));
                seconds.put(job.spec().name(), r2.get(f).seconds());
                log.accept(String.format("  tier 2 %-12s %3d columns  %.1f s", job.spec().name(), job.columns().length,
                        r2.get(f).seconds()));
            }
        } catch (RuntimeException | Error e) {
            experts.forEach(ex -> ex.model().close());
            fusion.forEach(fu -> fu.model().close());
            throw e;
        } finally {
            pool.shutdown();
        }
        long t0 = System.nanoTime();
        Blender blend = fixedBlend != null ? fixedBlend : meanBlend ? Blender.mean(oof2.length) : blend(oof2, y, w);
        double[] oofScore = noOof2 ? null : blendOutOfFold(oof2, y, w, fold);
        seconds.put("blend", (System.nanoTime() - t0) / 1e9);
        Map<String, String> extra = new LinkedHashMap<>();
        config.tier1().forEach(m -> extra.put("tier1." + m.name(), m.family() + " on " + m.groups()));
        config.tier2().forEach(m -> extra.put("tier2." + m.name(), m.family()));
        Provenance prov = new Provenance(HierarchicalModel.FAMILY, config.toOptions(), "hyperfusion", "tiers",
                System.getProperty("java.version"), n, x.cols(), config.seed(), config.threads(),
                (long) (seconds.values().stream().mapToDouble(Double::doubleValue).sum() * 1000), Instant.now(), extra);
        return new Fit(new HierarchicalModel(x.schema(), experts, fusion, blend, prov), oof1, oof2, oofScore, seconds);
    }

    /**
     * The candidate columns a member reads: identifier columns ({@link FeatureGroups#KEY_COLUMNS}) only when the
     * member names one as its {@code key_column}.
     */
    static int[] columnsFor(MemberSpec spec, FeatureSchema schema, int[] candidates) {
        Object key = spec.options().get("key_column");
        return IntStream.of(candidates)
                .filter(c -> !FeatureGroups.KEY_COLUMNS.contains(schema.name(c)) || schema.name(c).equals(key))
                .toArray();
    }

    private MemberFitter fitter(MemberSpec spec, Seeds seeds) {
        long seed = seeds.child(spec.name());
        List<RegressionTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < spec.seeds(); i++) {
            // The first model keeps the member's own seed, so seeds = 1 is exactly the single model.
            trainers.add(factory.create(spec, i == 0 ? seed : new Seeds(seed).child("seed-" + i), config.threads()));
        }
        return new MemberFitter(trainers, config.earlyStopping());
    }

    private Blender blend(double[][] oof2, double[] y, double[] w) {
        return config.blend().equals("mean") ? Blender.mean(oof2.length) : Blender.fit(oof2, y, w, config.blendRidge());
    }

    /** The blend's own out-of-fold predictions: refitted without each fold, applied to it. */
    double[] blendOutOfFold(double[][] oof2, double[] y, double[] w, int[] fold) {
        int k = IntStream.of(fold).max().orElse(0) + 1;
        double[] out = new double[y.length];
        for (int f = 0; f < k; f++) {
            final int ff = f;
            int[] in = IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray();
            double[][] cols = new double[oof2.length][];
            for (int j = 0; j < oof2.length; j++) {
                cols[j] = pick(oof2[j], in);
            }
            Blender b = blend(cols, pick(y, in), w == null ? null : pick(w, in));
            double[] row = new double[oof2.length];
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == ff) {
                    for (int j = 0; j < oof2.length; j++) {
                        row[j] = oof2[j][i];
                    }
                    out[i] = b.apply(row);
                }
            }
        }
        return out;
    }

    static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
