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
import io.hyperfusion.models.djl.DjlRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * The TabNet encoder with a regression head (Arik &amp; Pfister, "TabNet: Attentive Interpretable Tabular
 * Learning", AAAI 2021, Sec. 3).
 *
 * <p>Step 0's feature transformer turns the (already standardised) input into the first attention input
 * {@code a[0]}. Each decision step {@code i = 1..N_steps} then computes the mask
 * {@code M[i] = sparsemax(P[i-1] ⊙ h_i(a[i-1]))}, updates the prior scales {@code P[i] = P[i-1] ⊙ (γ - M[i])}
 * ({@code P[0] = 1}), transforms the masked input {@code M[i] ⊙ x} and splits the result into the decision
 * part {@code d[i]} (first {@code N_d}) and the next attention input {@code a[i]}. The output is a linear map
 * of {@code Σ ReLU(d[i])}. The paper's input batch norm is left out because inputs are standardised upstream.
 *
 * <p>Input {@code [x (rows, features)]}; outputs {@code [prediction (rows, 1), sparsity loss]}, the loss being
 * the mask entropy {@code Σ_i mean_b Σ_j -M log(M + ε) / N_steps} (Eq. 5), weighted by {@code λ_sparse} in
 * training.
 */
public final class TabNetBlock extends AbstractBlock {
    private static final float ENTROPY_EPS = 1e-15f;
    private final TabNetParams p;
    private final List<Linear> shared = new ArrayList<>();
    private final List<FeatureTransformer> transformers = new ArrayList<>();
    private final List<AttentiveTransformer> attention = new ArrayList<>();
    private final Linear head;

    /** A TabNet over {@code features} input columns. */
    public TabNetBlock(TabNetParams p, int features) {
        this.p = p;
        int units = p.nD() + p.nA();
        int vbs = p.virtualBatchSize();
        float momentum = (float) p.momentum();
        for (int i = 0; i < p.nShared(); i++) {
            shared.add(addChildBlock("sharedFc" + i, GluLayer.fullyConnected(units)));
        }
        for (int s = 0; s <= p.nSteps(); s++) {
            transformers.add(addChildBlock("step" + s,
                    new FeatureTransformer(shared, p.nIndependent(), units, vbs, momentum)));
            if (s > 0) {
                attention.add(addChildBlock("attention" + s, new AttentiveTransformer(features, vbs, momentum)));
            }
        }
        head = addChildBlock("head", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long nD = p.nD();
        NDArray prior = x.onesLike();
        NDArray a = split(transformers.get(0).forward(ps, new NDList(x), training, params), nD).get(1);
        NDArray decision = null;
        NDArray entropy = null;
        for (int s = 1; s <= p.nSteps(); s++) {
            NDArray mask = attention.get(s - 1).forward(ps, new NDList(a, prior), training, params)
                    .singletonOrThrow();
            NDArray e = mask.neg().mul(mask.add(DjlRuntime.scalar(mask, ENTROPY_EPS)).log()).sum(new int[] {1}).mean();
            entropy = entropy == null ? e : entropy.add(e);
            prior = prior.mul(mask.neg().add(DjlRuntime.scalar(mask, p.gamma())));
            NDList out = split(transformers.get(s).forward(ps, new NDList(mask.mul(x)), training, params), nD);
            NDArray d = Activation.relu(out.get(0));
            decision = decision == null ? d : decision.add(d);
            a = out.get(1);
        }
        NDArray prediction = head.forward(ps, new NDList(decision), training, params).singletonOrThrow();
        return new NDList(prediction, entropy.div(DjlRuntime.scalar(entropy, p.nSteps())));
    }

    private static NDList split(NDList h, long nD) {
        return h.singletonOrThrow().split(new long[] {nD}, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1), new Shape()};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long rows = inputShapes[0].get(0);
        int units = p.nD() + p.nA();
        for (int i = 0; i < shared.size(); i++) {
            shared.get(i).initialize(manager, dataType, i == 0 ? inputShapes[0] : new Shape(rows, units));
        }
        for (FeatureTransformer t : transformers) {
            t.initialize(manager, dataType, inputShapes[0]);
        }
        for (AttentiveTransformer t : attention) {
            t.initialize(manager, dataType, new Shape(rows, p.nA()));
        }
        head.initialize(manager, dataType, new Shape(rows, p.nD()));
    }
}
