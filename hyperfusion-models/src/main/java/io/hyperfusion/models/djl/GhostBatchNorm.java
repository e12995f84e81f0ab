package io.hyperfusion.models.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Ghost batch normalisation (Hoffer, Hubara &amp; Soudry, "Train longer, generalize better", NeurIPS 2017), as
 * used by TabNet: in training, the batch is cut into near-equal chunks of at most {@code virtualBatchSize} rows
 * and each chunk is normalised with its own statistics (each also updates the running statistics); in inference,
 * the running statistics normalise the whole batch.
 *
 * <p>Written here because DJL 0.36's {@code ai.djl.nn.norm.GhostBatchNorm} discards the normalised chunks and
 * returns its input unchanged. Chunks are near-equal (sizes differ by at most one) so no chunk has a single row,
 * which batch norm cannot normalise.
 */
public final class GhostBatchNorm extends AbstractBlock {
    private final int virtualBatchSize;
    private final BatchNorm norm;

    /**
     * @param virtualBatchSize rows per ghost batch, at least 2
     * @param momentum         DJL's running-statistics momentum (weight of the old value), in [0, 1)
     */
    public GhostBatchNorm(int virtualBatchSize, float momentum) {
        if (virtualBatchSize < 2) {
            throw new IllegalArgumentException("virtualBatchSize: expected >= 2, got " + virtualBatchSize);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("batch norm momentum: expected a value in [0, 1), got " + momentum);
        }
        this.virtualBatchSize = virtualBatchSize;
        this.norm = addChildBlock("bn", BatchNorm.builder().optMomentum(momentum).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long rows = x.getShape().get(0);
        int chunks = (int) Math.max(1, (rows + virtualBatchSize - 1) / virtualBatchSize);
        if (!training || chunks == 1) {
            return norm.forward(ps, new NDList(x), training, params);
        }
        long[] cuts = new long[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            cuts[c - 1] = rows * c / chunks;
        }
        NDList parts = x.split(cuts, 0);
        NDList normed = new NDList(chunks);
        for (NDArray part : parts) {
            normed.add(norm.forward(ps, new NDList(part), true, params).singletonOrThrow());
        }
        return new NDList(NDArrays.concat(normed, 0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes);
    }
}
