package io.hyperfusion.models.djl;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import io.hyperfusion.features.FeatureMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A fitted network with its input encoder: the shared inference half of the TabNet and MLP families.
 *
 * <p>The block's contract: inputs {@code [x (rows, width)]}, plus {@code [keys (rows) int64]} when the encoder
 * has a key column; outputs {@code [prediction (rows, 1)]}, optionally followed by an auxiliary loss scalar. The
 * parameters live in a root {@link NDManager} owned by this object and freed by {@link #close()}.
 *
 * <p>{@link #predict} is thread-safe: each call runs in inference mode in its own child manager and only reads
 * the parameters. A net is always rebuilt from its serialised parameters (also right after training), so a
 * saved and reloaded net predicts exactly like the original.
 */
public final class NeuralNet implements AutoCloseable {
    private static final int PREDICT_CHUNK = 4096;
    private static final int PAD_ROWS = 16;

    private final NDManager manager;
    private final Block block;
    private final TabularEncoder encoder;
    private final byte[] parameters;
    private volatile boolean closed;

    private NeuralNet(NDManager manager, Block block, TabularEncoder encoder, byte[] parameters) {
        this.manager = manager;
        this.block = block;
        this.encoder = encoder;
        this.parameters = parameters;
    }

    /** Builds a net from a fresh, uninitialised block and parameters written by {@link #parameters()}. */
    public static NeuralNet restore(Block block, TabularEncoder encoder, byte[] parameters, int threads) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(encoder, "encoder");
        NDManager manager = DjlRuntime.manager(threads);
        try {
            // Placeholder values only: loadParameters overwrites every parameter.
            block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, inputShapes(encoder, 2));
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            return new NeuralNet(manager, block, encoder, parameters.clone());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("network parameters do not fit the network: " + e.getMessage(), e);
        }
    }

    /** The input shapes of a batch of {@code rows}. */
    static Shape[] inputShapes(TabularEncoder encoder, int rows) {
        return encoder.hasKey()
                ? new Shape[] {new Shape(rows, encoder.width()), new Shape(rows)}
                : new Shape[] {new Shape(rows, encoder.width())};
    }

    /** The block's parameters in DJL's binary format. */
    static byte[] serialise(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise network parameters", e);
        }
        return bytes.toByteArray();
    }

    /** The network inputs for {@code x}, created in {@code m}. */
    static NDList inputs(NDManager m, TabularEncoder encoder, FeatureMatrix x) {
        NDList in = new NDList(DjlRuntime.owned(m.create(encoder.encode(x), new Shape(x.rows(), encoder.width()))));
        if (encoder.hasKey()) {
            in.add(DjlRuntime.owned(m.create(encoder.keys(x))));
        }
        return in;
    }

    public TabularEncoder encoder() { return encoder; }

    /** The parameters in DJL's binary format (a copy). */
    public byte[] parameters() { return parameters.clone(); }

    /** Predictions on the target's original scale. */
    public double[] predict(FeatureMatrix x) {
        if (closed) {
            throw new IllegalStateException("network was closed; load the model again to predict");
        }
        double[] out = new double[x.rows()];
        for (int from = 0; from < x.rows(); from += PREDICT_CHUNK) {
            int to = Math.min(x.rows(), from + PREDICT_CHUNK);
            // Pad to a multiple of PAD_ROWS by repeating the last row: PyTorch's CPU matrix products take another
            // code path for a single row (a matrix-vector product) that rounds differently, so without this a
            // post scored alone could differ in the last float bit from the same post scored in a batch.
            int n = to - from;
            int padded = Math.max(PAD_ROWS, (n + PAD_ROWS - 1) / PAD_ROWS * PAD_ROWS);
            int[] idx = new int[padded];
            for (int i = 0; i < padded; i++) {
                idx[i] = from + Math.min(i, n - 1);
            }
            FeatureMatrix part = x.selectRows(idx);
            try (NDManager m = manager.newSubManager()) {
                NDArray pred = block.forward(new ParameterStore(m, false), inputs(m, encoder, part), false).get(0);
                float[] z = pred.toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[from + i] = encoder.unscaleTarget(z[i]);
                }
            }
        }
        return out;
    }

    /** Frees the parameters; idempotent. */
    @Override
    public void close() {
        closed = true;
        manager.close();
    }
}
