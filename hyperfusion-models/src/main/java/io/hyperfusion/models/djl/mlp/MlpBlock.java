package io.hyperfusion.models.djl.mlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.hyperfusion.models.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A feed-forward regressor with an optional learned key embedding: the key's embedding row (Bengio et al.,
 * JMLR 2003 style lookup table) is concatenated to the dense input, then each hidden layer is linear, optional
 * batch norm, ReLU and inverted dropout; a linear head gives one output.
 *
 * <p>Inputs {@code [x (rows, width)]} or {@code [x, keys (rows) int64]}; output {@code [prediction (rows, 1)]}.
 * Dropout masks come from the {@link SplittableRandom} given at construction (not PyTorch's global generator);
 * a block built for inference needs none. Not thread-safe while training.
 */
public final class MlpBlock extends AbstractBlock {
    private final MlpParams p;
    private final int keyRows;
    private final Parameter embedding;
    private final List<Linear> linears = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final Linear head;
    private final SplittableRandom dropoutRandom;

    /**
     * @param keyRows       rows of the embedding table (0 = no key input)
     * @param dropoutRandom source of dropout masks, or null when the block only predicts
     */
    public MlpBlock(MlpParams p, int keyRows, SplittableRandom dropoutRandom) {
        this.p = p;
        this.keyRows = keyRows;
        this.dropoutRandom = dropoutRandom;
        this.embedding = keyRows == 0 ? null : addParameter(Parameter.builder().setName("keyEmbedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(keyRows, p.embeddingDim())).build());
        for (int i = 0; i < p.hidden().size(); i++) {
            linears.add(addChildBlock("hidden" + i, Linear.builder().setUnits(p.hidden().get(i)).build()));
            if (p.batchNorm()) {
                norms.add(addChildBlock("bn" + i, BatchNorm.builder().build()));
            }
        }
        head = addChildBlock("head", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        if (embedding != null) {
            NDArray table = ps.getValue(embedding, h.getDevice(), training);
            NDArray keys = training && p.keyDropout() > 0 ? dropKeys(inputs.get(1)) : inputs.get(1);
            h = NDArrays.concat(new NDList(h, table.get(keys)), 1);
        }
        for (int i = 0; i < linears.size(); i++) {
            h = linears.get(i).forward(ps, new NDList(h), training, params).singletonOrThrow();
            if (p.batchNorm()) {
                h = norms.get(i).forward(ps, new NDList(h), training, params).singletonOrThrow();
            }
            h = Activation.relu(h);
            if (training && p.dropout() > 0) {
                h = h.mul(dropoutMask(h));
            }
        }
        return head.forward(ps, new NDList(h), training, params);
    }

    /** Replaces each key by the unknown key (the last row) with probability {@code keyDropout}. */
    private NDArray dropKeys(NDArray keys) {
        requireRandom();
        long[] k = keys.toLongArray();
        for (int i = 0; i < k.length; i++) {
            if (dropoutRandom.nextDouble() < p.keyDropout()) {
                k[i] = keyRows - 1;
            }
        }
        return DjlRuntime.owned(keys.getManager().create(k));
    }

    private void requireRandom() {
        if (dropoutRandom == null) {
            throw new IllegalStateException("MLP block built for inference cannot train with dropout");
        }
    }

    /** Inverted dropout: keep with probability {@code 1 - rate}, scaled by {@code 1 / (1 - rate)}. */
    private NDArray dropoutMask(NDArray h) {
        requireRandom();
        float keep = (float) (1 - p.dropout());
        float[] mask = new float[(int) h.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutRandom.nextDouble() < keep ? 1f / keep : 0f;
        }
        return DjlRuntime.owned(h.getManager().create(mask, h.getShape()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long rows = inputShapes[0].get(0);
        Shape in = new Shape(rows, inputShapes[0].get(1) + (keyRows == 0 ? 0 : p.embeddingDim()));
        for (int i = 0; i < linears.size(); i++) {
            Block linear = linears.get(i);
            linear.initialize(manager, dataType, in);
            in = new Shape(rows, p.hidden().get(i));
            if (p.batchNorm()) {
                norms.get(i).initialize(manager, dataType, in);
            }
        }
        head.initialize(manager, dataType, in);
    }
}
