package io.hyperfusion.models.catboost;

import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.TrainableFamily;
import java.io.IOException;
import java.nio.file.Path;

/** The {@code catboost} family: CatBoost models trained in Python, one per fit of the member (docs/CATBOOST.md). */
public final class CatBoostFamily extends TrainableFamily<CatBoostOptions> {

    public CatBoostFamily() {
        super(CatBoostOptions.OPTIONS, "CatBoost trained elsewhere (Python) on tables export-features writes, one model "
                + "per fold and one on all rows; no explanations", CatBoostFoldsTrainer::new);
    }

    @Override
    public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
        return CatBoostImportedModel.load(dir, meta);
    }
}
