package io.hyperfusion.models.xgboost;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Builds XGBoost's native {@link DMatrix} from a {@link FeatureMatrix}: NaN = missing, names and types set. */
final class XgbMatrices {

    private XgbMatrices() {
    }

    /**
     * A dense matrix with labels and optional weights (null labels for prediction); categorical columns are typed
     * {@code c} only with {@code nativeCategorical}.
     */
    static DMatrix of(FeatureMatrix x, double[] y, double[] weights, boolean nativeCategorical)
            throws XGBoostError {
        return of(x, y, weights, nativeCategorical, true);
    }

    /**
     * As above; without {@code names} the column names are not handed to XGBoost (prediction: the model's caller
     * has checked the schema already, and passing ~160 names through JNI cost a tenth of a served request's XGBoost
     * time), and types only when some column is natively categorical (every column is {@code q} otherwise, as
     * XGBoost assumes).
     */
    static DMatrix of(FeatureMatrix x, double[] y, double[] weights, boolean nativeCategorical, boolean names)
            throws XGBoostError {
        DMatrix m = new DMatrix(x.valuesAsFloat(), x.rows(), x.cols(), Float.NaN);
        try {
            FeatureSchema schema = x.schema();
            if (names) {
                m.setFeatureNames(schema.names().toArray(String[]::new));
            }
            if (names || nativeCategorical && schema.categoricalColumns().length > 0) {
                m.setFeatureTypes(featureTypes(schema, nativeCategorical));
            }
            if (y != null) {
                m.setLabel(toFloat(y));
            }
            if (weights != null) {
                m.setWeight(toFloat(weights));
            }
            return m;
        } catch (XGBoostError | RuntimeException e) {
            m.dispose();
            throw e;
        }
    }

    /** XGBoost's feature types: {@code c} for categorical columns if {@code nativeCategorical}, else {@code q}. */
    static String[] featureTypes(FeatureSchema schema, boolean nativeCategorical) {
        String[] types = new String[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = nativeCategorical && schema.isCategorical(i) ? "c" : "q";
        }
        return types;
    }

    static void dispose(DMatrix m) {
        if (m != null) {
            m.dispose();
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
