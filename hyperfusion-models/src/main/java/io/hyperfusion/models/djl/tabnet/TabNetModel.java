package io.hyperfusion.models.djl.tabnet;

import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.djl.DjlRegressionModel;
import io.hyperfusion.models.djl.NeuralNet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted TabNet regressor (Arik &amp; Pfister, AAAI 2021): the network, its input encoder, feature schema and
 * provenance. Saved as DJL parameters plus {@code model.json}; the network shape is rebuilt from the
 * provenance options. Thread-safe prediction; {@link #close()} frees native memory.
 */
public final class TabNetModel extends DjlRegressionModel {
    private final TabNetParams params;

    TabNetModel(FeatureSchema schema, Provenance provenance, TabNetParams params, NeuralNet net) {
        super(schema, provenance, net);
        this.params = params;
    }

    public TabNetParams params() { return params; }

    /** Loads a model saved by {@link #save}. */
    public static TabNetModel load(Path dir) throws IOException {
        return load(dir, ModelMetadata.read(dir));
    }

    /** Loads a model saved by {@link #save} whose {@code model.json} was read into {@code meta}. */
    public static TabNetModel load(Path dir, ModelMetadata meta) throws IOException {
        TabNetParams params = TabNetParams.OPTIONS.parse(meta.provenance().options());
        int threads = Math.max(1, meta.provenance().threads());
        NeuralNet net = loadNet(dir, meta, TabNetTrainer.FAMILY, enc -> new TabNetBlock(params, enc.width()), threads);
        return new TabNetModel(meta.schema(), meta.provenance(), params, net);
    }

    @Override
    public String toString() {
        return "TabNetModel[" + schema().size() + " features, " + params.nSteps() + " steps]";
    }
}
