package io.hyperfusion.models;

import io.hyperfusion.models.catboost.CatBoostTables;
import io.hyperfusion.models.catboost.CbmTrainer;
import io.hyperfusion.models.options.OptionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model family as {@link FamilyContractTest} exercises it: small options that train fast, the training data
 * (with a validation set when the trainer stops early), and the fitted model, cached per seed for the run.
 */
final class FamilyCase {
    static final SyntheticRegression.Data ALL = SyntheticRegression.nonlinear(1000, 0.5, 7);
    static final SyntheticRegression.Data TRAIN = ALL.slice(0, 600);
    static final SyntheticRegression.Data VALID = ALL.slice(600, 800);
    static final SyntheticRegression.Data TEST = ALL.slice(800, 1000);
    static final long SEED = 42;

    private final String name;
    private final String family;
    private final Map<String, Object> options;
    private final Map<Long, RegressionModel> fitted = new ConcurrentHashMap<>();

    private FamilyCase(String name, String family, Map<String, Object> options) {
        this.name = name;
        this.family = family;
        this.options = options;
    }

    /** Every member family, plus the seed average the hierarchy builds from one; one list per run. */
    static List<FamilyCase> all() {
        return Holder.CASES;
    }

    private static final class Holder {
        static final List<FamilyCase> CASES = cases();
    }

    private static List<FamilyCase> cases() {
        return List.of(
                new FamilyCase("lightgbm", "lightgbm", Map.of("num_iterations", 60, "num_leaves", 15,
                        "bagging_fraction", 0.8, "bagging_freq", 1, "early_stopping_rounds", 10)),
                new FamilyCase("xgboost", "xgboost", Map.of("num_round", 60, "eta", 0.1, "max_depth", 4,
                        "subsample", 0.8, "early_stopping_rounds", 10)),
                new FamilyCase("mlp", "mlp", Map.of("hidden", List.of(16), "max_epochs", 15, "patience", 5,
                        "key_column", "cat#level", "embedding_dim", 2, "batch_size", 64)),
                new FamilyCase("tabnet", "tabnet", Map.of("n_d", 4, "n_a", 4, "n_steps", 2, "max_epochs", 8,
                        "patience", 4, "batch_size", 128, "virtual_batch_size", 64)),
                new FamilyCase("ridge", "ridge", Map.of("alpha_steps", 8)),
                new FamilyCase("catboost", "catboost", Map.of("models", catBoostModels().toString())),
                new FamilyCase("average of lightgbm", AveragedModel.FAMILY, Map.of("num_iterations", 40)));
    }

    String family() { return family; }

    /** The registered family (the averaged case: the family it averages). */
    ModelFamily registered() {
        return ModelFamilies.get(family.equals(AveragedModel.FAMILY) ? "lightgbm" : family);
    }

    Optional<OptionTable<?>> options() {
        return registered().options();
    }

    RegressionTrainer trainer(long seed) {
        return registered().trainer(options, seed, 1);
    }

    /** The training data: with the validation rows when the trainer stops early. */
    TrainingData data(RegressionTrainer tr) {
        TrainingData d = TRAIN.training();
        return tr.stopsEarly() ? d.withValidation(VALID.x(), VALID.y()) : d;
    }

    /** The model fitted with {@code seed}, once per run. */
    RegressionModel model(long seed) {
        return fitted.computeIfAbsent(seed, this::fit);
    }

    /** A fresh fit with {@code seed}, owned by the caller. */
    RegressionModel fit(long seed) {
        if (family.equals(AveragedModel.FAMILY)) {
            RegressionTrainer a = trainer(seed);
            RegressionTrainer b = trainer(seed + 1);
            return new AveragedModel(List.of(a.train(data(a)), b.train(data(b))), new Provenance(AveragedModel.FAMILY,
                    Map.of("family", "lightgbm", "seeds", 2), "hyperfusion", "average", null, TRAIN.x().rows(),
                    TRAIN.x().cols(), seed, 1, 0, java.time.Instant.now(), Map.of()));
        }
        RegressionTrainer tr = trainer(seed);
        return tr.train(data(tr));
    }

    void closeAll() {
        fitted.values().forEach(RegressionModel::close);
    }

    /** The CatBoost member's folder: the training rows exported and a model trained on them by {@link CbmTrainer}. */
    private static Path catBoostModels() {
        try {
            Path dir = Files.createTempDirectory("hf-contract-catboost");
            dir.toFile().deleteOnExit();
            new CatBoostTables.Writer(dir, "contract").add(TRAIN.training());
            new CbmTrainer(30, 3, 0.3).trainTables(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
