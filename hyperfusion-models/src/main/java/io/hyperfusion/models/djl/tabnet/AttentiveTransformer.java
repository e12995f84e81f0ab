package io.hyperfusion.models.djl.tabnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.hyperfusion.models.djl.GhostBatchNorm;

/**
 * TabNet's attentive transformer (Arik &amp; Pfister 2021, Eq. 1 and Fig. 4): the feature mask
 * {@code M = sparsemax(P ⊙ h(a))}, where {@code h} is a fully connected layer (no bias) followed by ghost
 * batch norm and {@code P} the prior scales. Inputs {@code [a (rows, N_a), prior (rows, features)]}; output
 * the mask {@code (rows, features)}, each row on the probability simplex.
 */
public final class AttentiveTransformer extends AbstractBlock {
    private final Linear fc;
    private final GhostBatchNorm bn;
    private final int features;

    public AttentiveTransformer(int features, int virtualBatchSize, float momentum) {
        this.features = features;
        this.fc = addChildBlock("fc", Linear.builder().setUnits(features).optBias(false).build());
        this.bn = addChildBlock("bn", new GhostBatchNorm(virtualBatchSize, momentum));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray a = inputs.get(0);
        NDArray prior = inputs.get(1);
        NDArray h = fc.forward(ps, new NDList(a), training, params).singletonOrThrow();
        h = bn.forward(ps, new NDList(h), training, params).singletonOrThrow();
        return new NDList(Sparsemax.apply(h.mul(prior)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), features)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc.initialize(manager, dataType, inputShapes[0]);
        bn.initialize(manager, dataType, new Shape(inputShapes[0].get(0), features));
    }
}
