package io.hyperfusion.features.crossmodal;

import io.hyperfusion.features.linalg.Ridge;
import io.hyperfusion.features.linalg.Vectors;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A linear alignment of one modality onto another, learned on training posts: ridge regression from the
 * (PCA-reduced) image embedding to a text embedding, scored by the cosine of the predicted and the actual text
 * vector. In the spirit of cross-modal retrieval by linear projection (Rasiwasia et al., "A new approach to
 * cross-modal multimedia retrieval", ACM MM 2010). Training rows are scored out of fold, by a ridge fitted on
 * the other folds, because an in-sample ridge fits its own rows and would overstate their similarity.
 */
public final class Alignment {
    private Alignment() { }

    /**
     * A fitted alignment.
     *
     * @param ridge          fitted on every training row with both vectors (null when there were none)
     * @param trainSimilarity each training row's out-of-fold similarity (NaN without both vectors)
     */
    public record Result(Ridge ridge, double[] trainSimilarity) { }

    /**
     * Fits and scores training rows.
     *
     * @param x      reduced image vectors per training row (null = absent)
     * @param y      text vectors per training row (null = absent)
     * @param folds  K ≥ 2
     * @param lambda ridge penalty
     * @param seed   fold assignment seed
     */
    public static Result fit(double[][] x, double[][] y, int folds, double lambda, long seed) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("expected one target per input: " + x.length + " inputs, "
                    + y.length + " targets");
        }
        int in = -1;
        int out = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != null && y[i] != null) {
                in = x[i].length;
                out = y[i].length;
                break;
            }
        }
        double[] sim = new double[x.length];
        Arrays.fill(sim, Double.NaN);
        if (in < 0) {
            return new Result(null, sim);
        }
        int[] fold = new int[x.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        Ridge.Accumulator[] acc = new Ridge.Accumulator[folds];
        for (int f = 0; f < folds; f++) {
            acc[f] = new Ridge.Accumulator(in, out);
        }
        for (int i = 0; i < x.length; i++) {
            fold[i] = rnd.nextInt(folds);
            if (x[i] != null && y[i] != null) {
                acc[fold[i]].add(x[i], y[i]);
            }
        }
        Ridge.Accumulator all = new Ridge.Accumulator(in, out);
        Ridge[] heldOut = new Ridge[folds];
        for (int f = 0; f < folds; f++) {
            all.addAll(acc[f]);
            Ridge.Accumulator rest = new Ridge.Accumulator(in, out);
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    rest.addAll(acc[g]);
                }
            }
            heldOut[f] = rest.count() == 0 ? null : rest.solve(lambda);
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] != null && y[i] != null && heldOut[fold[i]] != null) {
                sim[i] = Vectors.cosine(heldOut[fold[i]].predict(x[i]), y[i]);
            }
        }
        return new Result(all.solve(lambda), sim);
    }
}
