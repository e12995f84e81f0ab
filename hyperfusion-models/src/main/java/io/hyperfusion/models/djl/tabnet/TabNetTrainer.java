package io.hyperfusion.models.djl.tabnet;

import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.FamilyTrainer;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.djl.DjlRuntime;
import io.hyperfusion.models.djl.NetFitter;
import io.hyperfusion.models.djl.NeuralNet;
import io.hyperfusion.models.djl.TabularEncoder;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains TabNet regressors (Arik &amp; Pfister, AAAI 2021) with DJL on PyTorch (CPU), deterministically.
 *
 * <p>Holds only {@link TabNetParams}, a seed and a thread count. The input encoder (standardisation, one-hot
 * categoricals, standardised target; see {@link TabularEncoder}) is fitted on the training rows only. Initial
 * weights and batch order come from a {@link SplittableRandom} seeded with the trainer's seed, never from
 * PyTorch's global generator, and training runs under {@link DjlRuntime}'s JVM-wide lock (DJL allows one
 * gradient collector per process), so the same data, seed and thread count give identical parameters.
 */
public final class TabNetTrainer extends FamilyTrainer<TabNetParams> {
    /** The family name under which TabNet models are saved and loaded. */
    public static final String FAMILY = "tabnet";

    public TabNetTrainer(TabNetParams params, long seed, int threads) {
        super(FAMILY, params, seed, threads, TabNetTrainer::new, io.hyperfusion.models.djl.NetOptions.PATIENCE);
    }

    @Override
    public TabNetModel train(TrainingData data) {
        Objects.requireNonNull(data, "data");
        long start = System.nanoTime();
        TabularEncoder encoder = TabularEncoder.fit(data.x(), data.y(), params().maxCategoryLevels(), null, 0,
                params().inputScaling());
        NetFitter.Result fit = NetFitter.fit(new TabNetBlock(params(), encoder.width()), encoder, data,
                params().fitSettings(), new SplittableRandom(seed()), threads());
        NeuralNet net = NeuralNet.restore(new TabNetBlock(params(), encoder.width()), encoder, fit.parameters(), threads());
        Provenance provenance = provenance("djl-pytorch", DjlRuntime.libraryVersion(threads()), data, start, fit.facts(data));
        return new TabNetModel(data.x().schema(), provenance, params(), net);
    }
}
