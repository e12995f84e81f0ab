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
import io.hyperfusion.models.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * TabNet's feature transformer for one decision step (Arik &amp; Pfister 2021, Fig. 4): the shared GLU layers
 * followed by the step's own, each after the first added to its input and scaled by {@code sqrt(0.5)} to keep
 * the variance stable.
 */
public final class FeatureTransformer extends AbstractBlock {
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private final List<GluLayer> layers = new ArrayList<>();
    private final int units;

    /**
     * @param shared       the fully connected layers shared across steps (owned by the caller)
     * @param nIndependent step-specific layers
     * @param units        output width {@code N_d + N_a}
     */
    public FeatureTransformer(List<Linear> shared, int nIndependent, int units, int virtualBatchSize,
                              float momentum) {
        this.units = units;
        for (int i = 0; i < shared.size(); i++) {
            layers.add(addChildBlock("shared" + i, new GluLayer(shared.get(i), units, virtualBatchSize, momentum)));
        }
        for (int i = 0; i < nIndependent; i++) {
            layers.add(addChildBlock("own" + i, new GluLayer(null, units, virtualBatchSize, momentum)));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = layers.get(0).forward(ps, inputs, training, params).singletonOrThrow();
        for (int i = 1; i < layers.size(); i++) {
            NDArray g = layers.get(i).forward(ps, new NDList(h), training, params).singletonOrThrow();
            h = h.add(g).mul(DjlRuntime.scalar(h, SQRT_HALF));
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        for (GluLayer layer : layers) {
            layer.initialize(manager, dataType, in);
            in = layer.getOutputShapes(new Shape[] {in})[0];
        }
    }
}
