package io.hyperfusion.models.djl.tabnet;

import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.TrainableFamily;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code tabnet} family: its options ({@link TabNetParams#OPTIONS}), trainer and loader. */
public final class TabNetFamily extends TrainableFamily<TabNetParams> {

    public TabNetFamily() {
        super(TabNetParams.OPTIONS, "TabNet (DJL on PyTorch), attention over features: about 10x slower than the "
                + "boosted trees on CPU for lower accuracy here, so not in the default ensemble", TabNetTrainer::new);
    }

    @Override
    public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
        return TabNetModel.load(dir, meta);
    }
}
