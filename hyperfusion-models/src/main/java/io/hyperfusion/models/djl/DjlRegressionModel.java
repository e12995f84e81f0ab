package io.hyperfusion.models.djl;

import ai.djl.nn.Block;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The common half of the DJL model families: a {@link NeuralNet}, its schema and provenance, and the saved
 * layout: DJL's binary parameter file {@link #PARAMETERS_FILE} plus {@code model.json} holding the schema, the
 * provenance (whose options rebuild the network) and the encoder statistics.
 *
 * <p>{@link #predict} is thread-safe; {@link #close()} frees the native parameters.
 */
public abstract class DjlRegressionModel implements RegressionModel {
    /** The parameter file's name inside a saved model directory. */
    public static final String PARAMETERS_FILE = "parameters.djl";

    private final FeatureSchema schema;
    private final Provenance provenance;
    private final NeuralNet net;

    protected DjlRegressionModel(FeatureSchema schema, Provenance provenance, NeuralNet net) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.net = Objects.requireNonNull(net, "net");
    }

    @Override public final FeatureSchema schema() { return schema; }
    @Override public final Provenance provenance() { return provenance; }

    /** The input encoder fitted on the training rows. */
    public final TabularEncoder encoder() { return net.encoder(); }

    /** The network parameters in DJL's binary format (a copy). */
    public final byte[] parameters() { return net.parameters(); }

    @Override
    public final double[] predict(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        schema.requireSame(x.schema(), "predict");
        if (x.rows() == 0) {
            return new double[0];
        }
        return net.predict(x);
    }

    @Override
    public final void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(PARAMETERS_FILE), net.parameters());
        ModelMetadata.of(provenance.family(), schema, provenance,
                Map.of("parametersFile", PARAMETERS_FILE, "encoder", net.encoder().toMap())).write(dir);
    }

    @Override
    public final void close() {
        net.close();
    }

    /**
     * Reads a saved model's encoder and parameters and rebuilds its network.
     *
     * @param blockFactory builds the fresh network from the encoder (its input width and key vocabulary)
     */
    protected static NeuralNet loadNet(Path dir, ModelMetadata meta, String family,
                                       Function<TabularEncoder, Block> blockFactory, int threads) throws IOException {
        Path json = dir.resolve(ModelMetadata.FILE_NAME);
        if (!family.equals(meta.family())) {
            throw new IllegalArgumentException(json + ": expected family '" + family + "', got '" + meta.family() + "'");
        }
        Path file = dir.resolve(meta.stringProperty("parametersFile"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "DJL parameter file listed in model.json is missing");
        }
        try {
            if (!(meta.properties().get("encoder") instanceof Map<?, ?> enc)) {
                throw new IllegalArgumentException("expected an 'encoder' object, got " + meta.properties().get("encoder"));
            }
            TabularEncoder encoder = TabularEncoder.fromMap(enc, meta.schema());
            return NeuralNet.restore(blockFactory.apply(encoder), encoder, Files.readAllBytes(file), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(json + " / " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
