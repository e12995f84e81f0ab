package io.hyperfusion.spark.train;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.TrainingData;

import java.io.Serializable;
import java.util.BitSet;
import java.util.List;

/**
 * The training data of one member fit in a form Spark can ship to executors (a broadcast variable): the feature
 * matrices as flat row-major doubles with their column names and categorical columns, the targets, the weights
 * and the validation set for early stopping. {@link #toTrainingData()} gives back exactly what
 * {@link #of(TrainingData)} was given.
 *
 * @param x      the training rows
 * @param y      their targets
 * @param w      their weights, or null for all 1
 * @param validX the validation rows, or null
 * @param validY their targets, or null
 */
public record FitData(Block x, double[] y, double[] w, Block validX, double[] validY) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * A feature matrix with its schema.
     *
     * @param names       column names
     * @param categorical indices of the categorical columns
     * @param rows        number of rows
     * @param values      row-major values, NaN for missing
     */
    public record Block(String[] names, int[] categorical, int rows, double[] values) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Block of(FeatureMatrix m) {
            return m == null ? null : new Block(m.schema().names().toArray(String[]::new),
                    m.schema().categoricalColumns(), m.rows(), m.values());
        }

        /** The number of columns. */
        public int cols() {
            return names.length;
        }

        /** The schema of these columns. */
        public FeatureSchema schema() {
            BitSet cat = new BitSet();
            for (int c : categorical) {
                cat.set(c);
            }
            return new FeatureSchema(List.of(names), cat);
        }

        FeatureMatrix matrix() {
            return new FeatureMatrix(schema(), rows, values);
        }
    }

    /** The shippable form of {@code d}. */
    public static FitData of(TrainingData d) {
        return new FitData(Block.of(d.x()), d.y(), d.weights(), Block.of(d.validX()), d.validY());
    }

    /** Whether a validation set is present. */
    public boolean hasValidation() {
        return validX != null;
    }

    /** The training data again, checked as any {@link TrainingData}. */
    public TrainingData toTrainingData() {
        return new TrainingData(x.matrix(), y, w, validX == null ? null : validX.matrix(), validY);
    }
}
