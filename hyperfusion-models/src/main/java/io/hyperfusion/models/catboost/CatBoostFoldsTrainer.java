package io.hyperfusion.models.catboost;

import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.RegressionTrainer;
import io.hyperfusion.models.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trainer of a {@code catboost} configuration member: CatBoost cannot train on the JVM, so each fit the hierarchy
 * asks for is answered with the {@code .cbm} model that Python trained on exactly those rows (exported with
 * {@code export-features --catboost-tables}, trained with {@code scripts/catboost/train_tables.py}). The rows are
 * matched by their {@link TrainingData#fingerprint()} in the folder's {@link CatBoostTables#INDEX}; rows no model was
 * trained on (another configuration, seed or data set) are refused with the reason. So out-of-fold predictions come
 * from the fold models and predictions for new posts from the model trained on all rows, as for any member.
 *
 * <p>Holds only the folder. The seed and thread count are those of the Python training run, recorded in its models.
 */
public final class CatBoostFoldsTrainer implements RegressionTrainer {
    private final CatBoostOptions options;
    private final long seed;
    private final int threads;

    public CatBoostFoldsTrainer(CatBoostOptions options, long seed, int threads) {
        this.options = Objects.requireNonNull(options, "options");
        this.seed = seed;
        this.threads = threads;
    }

    @Override
    public RegressionModel train(TrainingData data) {
        Path dir = Path.of(options.models());
        String fp = data.fingerprint();
        try {
            List<CatBoostTables.Entry> entries = CatBoostTables.read(dir);
            for (CatBoostTables.Entry e : entries) {
                if (e.fingerprint().equals(fp)) {
                    return CatBoostImport.load(dir.resolve(e.model()), data.x().schema());
                }
            }
            throw new IllegalArgumentException(dir.resolve(CatBoostTables.INDEX) + ": no CatBoost model was trained on "
                    + "these " + data.rows() + " rows (fingerprint " + fp.substring(0, 12) + "; " + entries.size()
                    + " tables listed): export the tables again with this configuration, seed and data "
                    + "(export-features --catboost-tables) and train them (docs/CATBOOST.md)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CatBoost models in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override public String family() { return CatBoostImport.FAMILY; }
    @Override public Map<String, Object> options() { return options.toOptions(); }
    @Override public long seed() { return seed; }
    @Override public int threads() { return threads; }

    @Override
    public CatBoostFoldsTrainer withSeed(long newSeed) {
        return new CatBoostFoldsTrainer(options, newSeed, threads);
    }

    @Override
    public String toString() {
        return "CatBoostFoldsTrainer[" + options.models() + "]";
    }
}
