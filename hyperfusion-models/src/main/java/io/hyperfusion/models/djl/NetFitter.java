package io.hyperfusion.models.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.TrainingData;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Fits a {@link NeuralNet}-shaped block with mini-batch Adam (Kingma &amp; Ba, ICLR 2015) on the standardised
 * target, with early stopping on a validation set that keeps the best epoch's parameters.
 *
 * <p>Loss: weighted mean squared error plus {@code auxWeight} times the block's auxiliary output (TabNet's
 * mask entropy). Each epoch visits every row once in an order drawn from the run's {@link SplittableRandom},
 * in {@code max(1, rows / batchSize)} batches of near-equal size, so no batch has a single row. With a
 * validation set and {@code patience > 0}, training stops after {@code patience} epochs without a lower
 * validation MSE and returns the best epoch's parameters; otherwise it returns the last epoch's. Epochs before
 * {@link #WARMUP_STEPS} optimisation steps are not scored (batch-norm statistics settle first). Runs under
 * {@link DjlRuntime#exclusive}.
 */
public final class NetFitter {
    /** Optimisation steps before a validation score may count for early stopping. */
    static final int WARMUP_STEPS = 30;

    /** Optimisation settings shared by the families. */
    public record Settings(int batchSize, double learningRate, double weightDecay, int maxEpochs, int patience,
                           double auxWeight) {
    }

    /** The fitted parameters and how training went. */
    public record Result(byte[] parameters, int bestEpoch, int epochsRun, double bestValidationMse) {

        /** Training facts for {@link io.hyperfusion.models.Provenance#extra()}. */
        public Map<String, String> facts(TrainingData data) {
            Map<String, String> extra = new TreeMap<>();
            extra.put("best_epoch", Integer.toString(bestEpoch));
            extra.put("epochs_run", Integer.toString(epochsRun));
            extra.put("torch_intra_op_threads", Integer.toString(DjlRuntime.intraOpThreads()));
            if (data.hasValidation()) {
                extra.put("validation_rows", Integer.toString(data.validX().rows()));
                extra.put("best_validation_mse_standardised", Double.toString(bestValidationMse));
            }
            return extra;
        }
    }

    private NetFitter() {
    }

    /**
     * Trains {@code block} (fresh, uninitialised) and returns its best parameters.
     *
     * <p>Determinism: the same data, seed and thread count give bit-identical parameters, whatever else the JVM
     * or the machine is doing (checked with TabNet at one and two intra-op threads, under full CPU load and with a
     * 96 MiB heap that keeps the garbage collector busy). Different thread counts give different (equally valid)
     * parameters, because PyTorch splits its CPU reductions by thread count.
     */
    public static Result fit(Block block, TabularEncoder encoder, TrainingData data, Settings s,
                             SplittableRandom random, int threads) {
        if (data.rows() < 2) {
            throw new IllegalArgumentException("neural network training needs at least 2 rows, got " + data.rows());
        }
        return DjlRuntime.exclusive(() -> {
            DjlRuntime.engine(threads);
            DjlRuntime.setCallerThreads(threads);
            try (NDManager manager = DjlRuntime.manager(threads)) {
                return run(manager, block, encoder, data, s, random);
            }
        });
    }

    private static Result run(NDManager manager, Block block, TabularEncoder encoder, TrainingData data,
                              Settings s, SplittableRandom random) {
        block.setInitializer(new SeededInitializer(random.split()), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, NeuralNet.inputShapes(encoder, s.batchSize()));
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) s.learningRate()))
                .optWeightDecays((float) s.weightDecay()).build();
        FeatureMatrix x = data.x();
        float[] rows = encoder.encode(x);
        long[] keys = encoder.hasKey() ? encoder.keys(x) : null;
        float[] y = encoder.scaleTarget(data.y());
        double[] w = data.weights();
        boolean early = data.hasValidation() && s.patience() > 0;
        SplittableRandom order = random.split();
        ParameterStore ps = new ParameterStore(manager, false);
        byte[] best = null;
        double bestMse = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int epoch = 0;
        long steps = 0;
        while (epoch < s.maxEpochs()) {
            epoch++;
            int[] perm = permutation(x.rows(), order);
            int batches = Math.max(1, x.rows() / s.batchSize());
            for (int b = 0; b < batches; b++) {
                int from = (int) ((long) x.rows() * b / batches);
                int to = (int) ((long) x.rows() * (b + 1) / batches);
                step(manager, block, ps, adam, encoder, rows, keys, y, w, perm, from, to, s.auxWeight());
                steps++;
            }
            // Batch norm's running statistics (momentum 0.9) need some 30 updates before inference-mode outputs mean
            // anything: on a small data set an epoch is a few batches, and an early epoch would look best by accident
            // of unsettled statistics. Early stopping starts counting once they have settled.
            if (early && (steps >= WARMUP_STEPS || epoch == s.maxEpochs())) {
                double mse = validationMse(manager, block, encoder, data);
                if (mse < bestMse) {
                    bestMse = mse;
                    bestEpoch = epoch;
                    best = NeuralNet.serialise(block);
                } else if (epoch - bestEpoch >= s.patience()) {
                    break;
                }
            }
        }
        if (!early) {
            return new Result(NeuralNet.serialise(block), epoch, epoch, Double.NaN);
        }
        return new Result(best, bestEpoch, epoch, bestMse);
    }

    private static void step(NDManager manager, Block block, ParameterStore ps, Optimizer adam,
                             TabularEncoder encoder, float[] rows, long[] keys, float[] y, double[] w, int[] perm,
                             int from, int to, double auxWeight) {
        int n = to - from;
        int width = encoder.width();
        float[] bx = new float[n * width];
        float[] by = new float[n];
        float[] bw = new float[n];
        long[] bk = keys == null ? null : new long[n];
        for (int i = 0; i < n; i++) {
            int r = perm[from + i];
            System.arraycopy(rows, r * width, bx, i * width, width);
            by[i] = y[r];
            bw[i] = w == null ? 1f : (float) w[r];
            if (bk != null) {
                bk[i] = keys[r];
            }
        }
        try (NDManager m = manager.newSubManager()) {
            NDList in = new NDList(DjlRuntime.owned(m.create(bx, new Shape(n, width))));
            if (bk != null) {
                in.add(DjlRuntime.owned(m.create(bk)));
            }
            NDArray target = DjlRuntime.owned(m.create(by, new Shape(n, 1)));
            NDArray weight = DjlRuntime.owned(m.create(bw, new Shape(n, 1)));
            float wsum = 0;
            for (float v : bw) {
                wsum += v;
            }
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDList out = block.forward(ps, in, true);
                NDArray loss = out.get(0).sub(target).square().mul(weight).sum()
                        .div(DjlRuntime.scalar(target, Math.max(wsum, 1e-12f)));
                if (out.size() > 1 && auxWeight > 0) {
                    loss = loss.add(out.get(1).mul(DjlRuntime.scalar(out.get(1), auxWeight)));
                }
                gc.backward(loss);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter param = p.getValue();
                if (param.requiresGradient()) {
                    NDArray array = param.getArray();
                    try (NDArray grad = array.getGradient()) {
                        adam.update(param.getId(), array, grad);
                        grad.subi(grad); // PyTorch accumulates gradients: reset before the next batch
                    }
                }
            }
        }
    }

    private static double validationMse(NDManager manager, Block block, TabularEncoder encoder, TrainingData data) {
        float[] vy = encoder.scaleTarget(data.validY());
        try (NDManager m = manager.newSubManager()) {
            float[] pred = block.forward(new ParameterStore(m, false), NeuralNet.inputs(m, encoder, data.validX()),
                    false).get(0).toFloatArray();
            double sum = 0;
            for (int i = 0; i < vy.length; i++) {
                double d = pred[i] - vy[i];
                sum += d * d;
            }
            return sum / vy.length;
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
