package io.hyperfusion.models.catboost;

import ai.catboost.CatBoostModel;
import io.hyperfusion.features.FeatureSchema;
import java.util.Arrays;

/**
 * Where each schema column goes in a CatBoost model's input: CatBoost takes float features and categorical
 * features as two separate arrays, each in its own index order, while our matrix is in flat column order.
 *
 * @param floatColumns schema column of each CatBoost float feature, by float feature index
 * @param catColumns   schema column of each CatBoost categorical feature, by categorical feature index
 */
record CatBoostLayout(int[] floatColumns, int[] catColumns) {

    /** Reads the layout from a loaded model and checks it against the schema; {@code what} names the file. */
    static CatBoostLayout of(CatBoostModel model, FeatureSchema schema, String what) {
        if (model.getPredictionDimension() != 1) {
            throw new IllegalArgumentException(what + ": expected a CatBoost model with 1 prediction dimension "
                    + "(regression), got " + model.getPredictionDimension());
        }
        int floats = 0;
        int cats = 0;
        int flatCount = 0;
        for (CatBoostModel.Feature f : model.getFeatures()) {
            if (f instanceof CatBoostModel.FloatFeature) {
                floats++;
            } else if (f instanceof CatBoostModel.CatFeature) {
                cats++;
            } else {
                throw new IllegalArgumentException(what + ": feature " + f.getFlatFeatureIndex() + " '" + f.getName()
                        + "' is a " + f.getClass().getSimpleName() + "; only float and categorical features are supported");
            }
            flatCount = Math.max(flatCount, f.getFlatFeatureIndex() + 1);
        }
        if (flatCount != schema.size() || floats + cats != schema.size()) {
            throw new IllegalArgumentException(what + ": CatBoost model has " + Math.max(flatCount, floats + cats)
                    + " features but the schema has " + schema.size() + " columns " + schema.names());
        }
        int[] floatColumns = new int[floats];
        int[] catColumns = new int[cats];
        Arrays.fill(floatColumns, -1);
        Arrays.fill(catColumns, -1);
        for (CatBoostModel.Feature f : model.getFeatures()) {
            int flat = f.getFlatFeatureIndex();
            String name = f.getName();
            // Unnamed features come back as their flat index ("0", "1", ...): nothing to check then.
            if (name != null && !name.isEmpty() && !name.equals(Integer.toString(flat))
                    && !name.equals(schema.name(flat))) {
                throw new IllegalArgumentException(what + ": CatBoost feature " + flat + " is named '" + name
                        + "' but the schema's column " + flat + " is '" + schema.name(flat) + "'");
            }
            int[] target = f instanceof CatBoostModel.FloatFeature ? floatColumns : catColumns;
            int index = f.getFeatureIndex();
            if (index < 0 || index >= target.length || target[index] != -1) {
                throw new IllegalArgumentException(what + ": CatBoost feature " + flat + " '" + name
                        + "' has an invalid or repeated index " + index);
            }
            target[index] = flat;
        }
        return new CatBoostLayout(floatColumns, catColumns);
    }
}
