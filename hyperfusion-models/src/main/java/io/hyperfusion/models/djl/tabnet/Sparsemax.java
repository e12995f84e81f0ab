package io.hyperfusion.models.djl.tabnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.hyperfusion.models.djl.DjlRuntime;

/**
 * Sparsemax over the last axis (Martins &amp; Astudillo, "From Softmax to Sparsemax", ICML 2016): the Euclidean
 * projection of a score vector onto the probability simplex, so the output sums to 1 and is exactly 0 for
 * low scores.
 *
 * <p>{@code sparsemax(z)_i = max(z_i - tau(z), 0)} with {@code tau = (sum_{j in S} z_j - 1) / |S|} and
 * {@code S = {j : z_j > tau}}, the support found from the sorted scores: {@code k(z) = max{k : 1 + k z_(k) >
 * sum_{j <= k} z_(j)}}. The support is found without gradient; {@code tau} is then recomputed from {@code z} on
 * the support, so autograd yields the exact sparsemax Jacobian {@code diag(s) - s s^T / |S|}. (DJL's own
 * {@code ai.djl.nn.core.SparseMax} is a top-k softmax, not sparsemax, hence this op.)
 */
public final class Sparsemax {
    private Sparsemax() {
    }

    /** Sparsemax of {@code z} along its last axis; any shape {@code (..., n)} with {@code n >= 1}. */
    public static NDArray apply(NDArray z) {
        int axis = z.getShape().dimension() - 1;
        long n = z.getShape().get(axis);
        NDArray detached = z.stopGradient();
        // Sort descending: sort ascending on -z.
        NDArray sorted = detached.neg().sort(axis).neg();
        NDArray cumsum = sorted.cumSum(axis);
        NDArray k = z.getManager().arange(1f, n + 1f, 1f, DataType.FLOAT32).toType(z.getDataType(), false);
        NDArray inPrefix = k.mul(sorted).add(1).gt(cumsum).toType(z.getDataType(), false);
        NDArray supportSize = inPrefix.sum(new int[] {axis}, true);
        NDArray tauDetached = sorted.mul(inPrefix).sum(new int[] {axis}, true).sub(1).div(supportSize);
        // Support membership on the unsorted scores; ties at tau contribute 0 either way.
        NDArray support = detached.gt(tauDetached).toType(z.getDataType(), false);
        NDArray count = support.sum(new int[] {axis}, true).maximum(1);
        NDArray tau = z.mul(support).sum(new int[] {axis}, true).sub(DjlRuntime.scalar(z, 1)).div(count);
        return Activation.relu(z.sub(tau));
    }
}
