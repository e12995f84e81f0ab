package io.hyperfusion.models;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic regression problems shared by tests, demos and benchmarks.
 *
 * <p>Columns: {@code num#x0..num#x3} uniform in [-2, 2] (x3 is pure noise) and {@code cat#level}, a
 * categorical code in 0..4. The target is {@code 2 sin(1.5 x0) + x1^2 / 2 + sign(x2) + effect[level] + noise}
 * with Gaussian noise of standard deviation {@code noiseSd}; the best achievable R² is about 0.95 at
 * {@code noiseSd = 0.5}. {@link #noise} draws the same features with a target independent of them.
 */
public final class SyntheticRegression {
    /** The effect of each level of {@code cat#level} on the target. */
    private static final double[] LEVEL_EFFECT = {-1.5, -0.5, 0.0, 0.8, 2.0};
    /** The schema of every generated matrix. */
    public static final FeatureSchema SCHEMA = schema();

    /** Features and targets. */
    public record Data(FeatureMatrix x, double[] y) {
        public TrainingData training() {
            return TrainingData.of(x, y);
        }

        /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
        public Data slice(int from, int to) {
            int[] idx = new int[to - from];
            double[] ys = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
                ys[i] = y[from + i];
            }
            return new Data(x.selectRows(idx), ys);
        }
    }

    private SyntheticRegression() {
    }

    /** {@code rows} rows of the nonlinear problem with noise of standard deviation {@code noiseSd}. */
    public static Data nonlinear(int rows, double noiseSd, long seed) {
        return generate(rows, noiseSd, seed, false);
    }

    /** {@code rows} rows whose target is standard normal noise, independent of the features. */
    public static Data noise(int rows, long seed) {
        return generate(rows, 1.0, seed, true);
    }

    private static Data generate(int rows, double noiseSd, long seed, boolean pureNoise) {
        if (rows < 0 || !(noiseSd >= 0)) {
            throw new IllegalArgumentException("expected rows >= 0 and noiseSd >= 0, got " + rows + ", " + noiseSd);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureMatrix.Builder b = FeatureMatrix.builder(SCHEMA, rows);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double x0 = rnd.nextDouble(-2, 2);
            double x1 = rnd.nextDouble(-2, 2);
            double x2 = rnd.nextDouble(-2, 2);
            double x3 = rnd.nextDouble(-2, 2);
            int level = rnd.nextInt(LEVEL_EFFECT.length);
            b.set(r, 0, x0).set(r, 1, x1).set(r, 2, x2).set(r, 3, x3).set(r, 4, level);
            double signal = 2 * Math.sin(1.5 * x0) + x1 * x1 / 2 + Math.signum(x2) + LEVEL_EFFECT[level];
            y[r] = (pureNoise ? 0 : signal) + noiseSd * gaussian(rnd);
        }
        return new Data(b.build(), y);
    }

    /** A standard normal draw (Box–Muller), so results do not depend on java.util.Random. */
    private static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static FeatureSchema schema() {
        BitSet cats = new BitSet();
        cats.set(4);
        return new FeatureSchema(List.of("num#x0", "num#x1", "num#x2", "num#x3", "cat#level"), cats);
    }
}
