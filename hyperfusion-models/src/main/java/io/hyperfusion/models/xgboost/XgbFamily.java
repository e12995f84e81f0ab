package io.hyperfusion.models.xgboost;

import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.TrainableFamily;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code xgboost} family: its options ({@link XgbParams#OPTIONS}), trainer and loader. */
public final class XgbFamily extends TrainableFamily<XgbParams> {

    public XgbFamily() {
        super(XgbParams.OPTIONS, "XGBoost gradient-boosted trees (depth-wise, histogram): a second boosted view with "
                + "other errors than LightGBM's; TreeSHAP explanations; a default fusion member", XgbTrainer::new);
    }

    /** Predicts with the thread count used in training. */
    @Override
    public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
        return XgbModel.load(dir, meta, Math.max(1, meta.provenance().threads()));
    }
}
