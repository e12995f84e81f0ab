package io.hyperfusion.models.djl.mlp;

import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.TrainableFamily;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code mlp} family: its options ({@link MlpParams#OPTIONS}), trainer and loader. */
public final class MlpFamily extends TrainableFamily<MlpParams> {

    public MlpFamily() {
        super(MlpParams.OPTIONS, "feed-forward network (DJL on PyTorch) with a learned author embedding "
                + "(`key_column`): sees authors as identities; a default fusion member, no explanations",
                MlpTrainer::new);
    }

    @Override
    public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
        return MlpModel.load(dir, meta);
    }
}
