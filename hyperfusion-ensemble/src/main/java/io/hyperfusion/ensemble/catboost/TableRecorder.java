package io.hyperfusion.ensemble.catboost;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.catboost.CatBoostImport;
import io.hyperfusion.models.catboost.CatBoostTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * A stand-in trainer of the CatBoost table export ({@link CatBoostExport}): writes each fit's rows as a table and
 * returns a model that predicts their mean, which no exported table depends on. Never part of a saved model.
 */
final class TableRecorder implements RegressionTrainer {
    private final CatBoostTables.Writer writer;
    private final long seed;

    TableRecorder(CatBoostTables.Writer writer, long seed) {
        this.writer = writer;
        this.seed = seed;
    }

    @Override
    public RegressionModel train(TrainingData data) {
        try {
            writer.add(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a CatBoost table: " + e.getMessage(), e);
        }
        return new Mean(data, CatBoostImport.FAMILY, seed);
    }

    @Override public String family() { return CatBoostImport.FAMILY; }
    @Override public Map<String, Object> options() { return Map.of(); }
    @Override public long seed() { return seed; }
    @Override public int threads() { return 1; }
    @Override public RegressionTrainer withSeed(long s) { return new TableRecorder(writer, s); }

    /** Fits nothing: stands in for a member whose predictions no exported table needs. */
    record Constant(String family, long seed) implements RegressionTrainer {
        @Override public RegressionModel train(TrainingData data) { return new Mean(data, family, seed); }
        @Override public Map<String, Object> options() { return Map.of(); }
        @Override public int threads() { return 1; }
        @Override public RegressionTrainer withSeed(long s) { return new Constant(family, s); }
    }

    /** Predicts the training rows' mean target. */
    private static final class Mean implements RegressionModel {
        private final FeatureSchema schema;
        private final double mean;
        private final Provenance provenance;

        Mean(TrainingData data, String family, long seed) {
            this.schema = data.x().schema();
            this.mean = Arrays.stream(data.y()).average().orElse(0);
            this.provenance = new Provenance(family, Map.of(), "catboost-table-export", "stand-in", null, data.rows(),
                    schema.size(), seed, 1, 0, Instant.now(), Map.of());
        }

        @Override public FeatureSchema schema() { return schema; }
        @Override public Provenance provenance() { return provenance; }

        @Override
        public double[] predict(FeatureMatrix x) {
            schema.requireSame(x.schema(), "predict");
            double[] out = new double[x.rows()];
            Arrays.fill(out, mean);
            return out;
        }

        @Override
        public void save(Path dir) {
            throw new UnsupportedOperationException("a CatBoost table export's stand-in model is never saved");
        }
    }
}
