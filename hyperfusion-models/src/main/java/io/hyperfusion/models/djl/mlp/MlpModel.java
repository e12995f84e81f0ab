package io.hyperfusion.models.djl.mlp;

import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.djl.DjlRegressionModel;
import io.hyperfusion.models.djl.NeuralNet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted feed-forward regressor with an optional learned key (author) embedding: the network, its input
 * encoder, feature schema and provenance. Saved as DJL parameters plus {@code model.json}; the network shape
 * is rebuilt from the provenance options. Thread-safe prediction; {@link #close()} frees native memory.
 */
public final class MlpModel extends DjlRegressionModel {
    private final MlpParams params;

    MlpModel(FeatureSchema schema, Provenance provenance, MlpParams params, NeuralNet net) {
        super(schema, provenance, net);
        this.params = params;
    }

    public MlpParams params() { return params; }

    /** Loads a model saved by {@link #save}. */
    public static MlpModel load(Path dir) throws IOException {
        return load(dir, ModelMetadata.read(dir));
    }

    /** Loads a model saved by {@link #save} whose {@code model.json} was read into {@code meta}. */
    public static MlpModel load(Path dir, ModelMetadata meta) throws IOException {
        MlpParams params = MlpParams.OPTIONS.parse(meta.provenance().options());
        int threads = Math.max(1, meta.provenance().threads());
        NeuralNet net = loadNet(dir, meta, MlpTrainer.FAMILY, enc -> new MlpBlock(params, enc.keyRows(), null), threads);
        return new MlpModel(meta.schema(), meta.provenance(), params, net);
    }

    @Override
    public String toString() {
        return "MlpModel[" + schema().size() + " features, hidden " + params.hidden()
                + (params.keyColumn() == null ? "" : ", key " + params.keyColumn()) + "]";
    }
}
