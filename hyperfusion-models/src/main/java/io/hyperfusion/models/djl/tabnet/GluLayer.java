package io.hyperfusion.models.djl.tabnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.hyperfusion.models.djl.GhostBatchNorm;

/**
 * One TabNet feature-transformer layer (Arik &amp; Pfister 2021, Fig. 4): fully connected to {@code 2 units}
 * (no bias), ghost batch norm, then a gated linear unit {@code a ⊙ sigmoid(b)} (Dauphin et al. 2017) giving
 * {@code units} outputs.
 *
 * <p>A layer either owns its fully connected part or borrows one shared across decision steps; a borrowed
 * one is not a child (so it is initialised and saved once, by its owner) but each step keeps its own batch
 * norm, as in the reference implementation.
 */
public final class GluLayer extends AbstractBlock {
    private final Linear fc;
    private final boolean ownsFc;
    private final GhostBatchNorm bn;
    private final int units;

    /**
     * @param shared the shared fully connected layer ({@code 2 units} outputs), or null to own one
     */
    public GluLayer(Linear shared, int units, int virtualBatchSize, float momentum) {
        this.units = units;
        this.ownsFc = shared == null;
        this.fc = ownsFc ? addChildBlock("fc", fullyConnected(units)) : shared;
        this.bn = addChildBlock("bn", new GhostBatchNorm(virtualBatchSize, momentum));
    }

    /** The layer's fully connected part: {@code 2 units} outputs, no bias (batch norm follows). */
    public static Linear fullyConnected(int units) {
        return Linear.builder().setUnits(2L * units).optBias(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = fc.forward(ps, inputs, training, params).singletonOrThrow();
        z = bn.forward(ps, new NDList(z), training, params).singletonOrThrow();
        NDList halves = z.split(new long[] {units}, 1);
        return new NDList(halves.get(0).mul(Activation.sigmoid(halves.get(1))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (ownsFc) {
            fc.initialize(manager, dataType, inputShapes);
        }
        bn.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 2L * units));
    }
}
