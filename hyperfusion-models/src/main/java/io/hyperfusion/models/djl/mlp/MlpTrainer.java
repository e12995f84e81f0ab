package io.hyperfusion.models.djl.mlp;

import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.FamilyTrainer;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.djl.DjlRuntime;
import io.hyperfusion.models.djl.NetFitter;
import io.hyperfusion.models.djl.NeuralNet;
import io.hyperfusion.models.djl.TabularEncoder;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains feed-forward regressors for user-specific signals with DJL on PyTorch (CPU), deterministically.
 *
 * <p>The author is not a feature value but an identity: with {@link MlpParams#keyColumn()} set (e.g. the
 * features pipeline's categorical {@code user#author_code}), that column's codes index a learned embedding
 * table instead of entering the dense input; codes unseen in training, beyond {@code max_keys} or NaN share one
 * unknown-author row, which learns the average author because a {@code key_dropout} share of training rows is
 * routed to it.
 * The numeric columns are standardised and other categoricals one-hot encoded on the training rows
 * ({@link TabularEncoder}); the target is standardised and predictions de-standardised. Adam, early stopping
 * on the validation set keeping the best epoch. Weights, batch order and dropout masks come from
 * {@link SplittableRandom}s derived from the seed; training runs under {@link DjlRuntime}'s JVM-wide lock.
 */
public final class MlpTrainer extends FamilyTrainer<MlpParams> {
    /** The family name under which MLP models are saved and loaded. */
    public static final String FAMILY = "mlp";

    public MlpTrainer(MlpParams params, long seed, int threads) {
        super(FAMILY, params, seed, threads, MlpTrainer::new, io.hyperfusion.models.djl.NetOptions.PATIENCE);
    }

    @Override
    public MlpModel train(TrainingData data) {
        Objects.requireNonNull(data, "data");
        long start = System.nanoTime();
        TabularEncoder encoder = TabularEncoder.fit(data.x(), data.y(), params().maxCategoryLevels(),
                params().keyColumn(), params().maxKeys(), params().inputScaling());
        SplittableRandom root = new SplittableRandom(seed());
        SplittableRandom fitRandom = root.split();
        long dropoutSeed = root.nextLong();
        NetFitter.Result fit = NetFitter.fit(
                new MlpBlock(params(), encoder.keyRows(), new SplittableRandom(dropoutSeed)),
                encoder, data, params().fitSettings(), fitRandom, threads());
        NeuralNet net = NeuralNet.restore(new MlpBlock(params(), encoder.keyRows(), null), encoder, fit.parameters(),
                threads());
        Map<String, String> extra = fit.facts(data);
        if (encoder.hasKey()) {
            extra.put("key_vocabulary", Integer.toString(encoder.keyRows() - 1));
        }
        Provenance provenance = provenance("djl-pytorch", DjlRuntime.libraryVersion(threads()), data, start, extra);
        return new MlpModel(data.x().schema(), provenance, params(), net);
    }
}
