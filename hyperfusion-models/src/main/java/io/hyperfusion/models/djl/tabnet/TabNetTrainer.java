package io.hyperfusion.models.djl.tabnet;

import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.djl.DjlRuntime;
import io.hyperfusion.models.djl.NetFitter;
import io.hyperfusion.models.djl.NeuralNet;
import io.hyperfusion.models.djl.TabularEncoder;
import java.time.Instant;
import java.util.Map;
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
public final class TabNetTrainer implements RegressionTrainer {
    /** The family name under which TabNet models are saved and loaded. */
    public static final String FAMILY = "tabnet";

    private final TabNetParams params;
    private final long seed;
    private final int threads;

    public TabNetTrainer(TabNetParams params, long seed, int threads) {
        this.params = Objects.requireNonNull(params, "params");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        this.seed = seed;
        this.threads = threads;
    }

    public TabNetParams params() { return params; }

    @Override
    public boolean stopsEarly() {
        return params.patience() > 0;
    }

    @Override public long seed() { return seed; }
    @Override public int threads() { return threads; }
    @Override public String family() { return FAMILY; }
    @Override public Map<String, Object> options() { return params.toOptions(); }

    @Override
    public TabNetTrainer withSeed(long newSeed) {
        return new TabNetTrainer(params, newSeed, threads);
    }

    @Override
    public TabNetModel train(TrainingData data) {
        Objects.requireNonNull(data, "data");
        long start = System.nanoTime();
        TabularEncoder encoder = TabularEncoder.fit(data.x(), data.y(), params.maxCategoryLevels(), null, 0,
                params.inputScaling());
        NetFitter.Result fit = NetFitter.fit(new TabNetBlock(params, encoder.width()), encoder, data,
                params.fitSettings(), new SplittableRandom(seed), threads);
        NeuralNet net = NeuralNet.restore(new TabNetBlock(params, encoder.width()), encoder, fit.parameters(), threads);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Provenance provenance = new Provenance(FAMILY, options(), "djl-pytorch", DjlRuntime.libraryVersion(threads),
                System.getProperty("java.version"), data.rows(), data.x().cols(), seed, threads, millis,
                Instant.now(), fit.facts(data));
        return new TabNetModel(data.x().schema(), provenance, params, net);
    }

    @Override
    public String toString() {
        return "TabNetTrainer" + options() + " seed=" + seed + " threads=" + threads;
    }
}
