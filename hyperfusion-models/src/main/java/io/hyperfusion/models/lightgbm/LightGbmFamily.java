package io.hyperfusion.models.lightgbm;

import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.TrainableFamily;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code lightgbm} family: its options ({@link LightGbmParams#OPTIONS}), trainer and loader. */
public final class LightGbmFamily extends TrainableFamily<LightGbmParams> {

    public LightGbmFamily() {
        super(LightGbmParams.OPTIONS, "LightGBM gradient-boosted trees: fast, strong on tabular features, TreeSHAP "
                + "explanations; the default experts and a fusion member", LightGbmTrainer::new);
    }

    /** Predicts with the thread count used in training. */
    @Override
    public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
        return LightGbmModel.load(dir, meta, Math.max(1, meta.provenance().threads()));
    }
}
