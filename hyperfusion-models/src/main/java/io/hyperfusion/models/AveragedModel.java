package io.hyperfusion.models;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plain average of several models of one schema, typically one family fitted with different seeds ("seed
 * bagging"): it removes the part of a member's error that comes from its own randomness (row and column sampling,
 * network initialisation). Contributions, when every model has them, are averaged too, so they still sum to the
 * prediction. Thread-safe as its models are; closing closes them all.
 */
public final class AveragedModel implements RegressionModel {
    /** The family name of averaged models. */
    public static final String FAMILY = "average";

    private final List<RegressionModel> models;
    private final Provenance provenance;

    /** Averages {@code models} (at least one, all of the same schema); {@code provenance} describes the whole. */
    public AveragedModel(List<RegressionModel> models, Provenance provenance) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an average needs at least one model, got 0");
        }
        for (RegressionModel m : models) {
            models.get(0).schema().requireSame(m.schema(), "averaged model");
        }
        this.models = List.copyOf(models);
        this.provenance = provenance;
    }

    /** The averaged models. */
    public List<RegressionModel> models() {
        return models;
    }

    @Override
    public FeatureSchema schema() {
        return models.get(0).schema();
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public double[] predict(FeatureMatrix x) {
        double[] out = new double[x.rows()];
        for (RegressionModel m : models) {
            double[] p = m.predict(x);
            for (int i = 0; i < out.length; i++) {
                out[i] += p[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= models.size();
        }
        return out;
    }

    @Override
    public boolean hasContributions() {
        return models.stream().allMatch(RegressionModel::hasContributions);
    }

    @Override
    public double[][] contributions(FeatureMatrix x) {
        if (!hasContributions()) {
            throw new UnsupportedOperationException("not every averaged model has feature contributions");
        }
        double[][] out = null;
        for (RegressionModel m : models) {
            double[][] c = m.contributions(x);
            if (out == null) {
                out = new double[c.length][c.length == 0 ? 0 : c[0].length];
            }
            for (int r = 0; r < c.length; r++) {
                for (int j = 0; j < c[r].length; j++) {
                    out[r][j] += c[r][j] / models.size();
                }
            }
        }
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        for (int i = 0; i < models.size(); i++) {
            models.get(i).save(dir.resolve(memberDir(i)));
        }
        ModelMetadata.of(FAMILY, schema(), provenance, Map.of("models", models.size())).write(dir);
    }

    @Override
    public void close() {
        models.forEach(RegressionModel::close);
    }

    private static String memberDir(int i) {
        return String.format(java.util.Locale.ROOT, "model-%02d", i);
    }

    /**
     * The {@code average} family: the models of a member fitted with several seeds ({@code "seeds"} in a
     * configuration). Not a member family itself: the hierarchy builds averages from the member's own family.
     */
    public static final class Family extends LoadOnlyFamily {
        public Family() {
            super(FAMILY, "the average of one member family's models fitted with different seeds (option `seeds`)",
                    "give a member option \"seeds\": N instead");
        }

        @Override
        public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
            long n = meta.longProperty("models");
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME)
                        + ": expected 1..1000 averaged models, got " + n);
            }
            List<RegressionModel> models = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    models.add(ModelIO.load(dir.resolve(memberDir(i))));
                }
            } catch (IOException | RuntimeException e) {
                models.forEach(RegressionModel::close);
                throw e;
            }
            return new AveragedModel(models, meta.provenance());
        }
    }
}
