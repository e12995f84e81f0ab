package io.hyperfusion.models.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Glorot/Xavier-uniform weights (Glorot &amp; Bengio, AISTATS 2010) drawn from a caller's
 * {@link SplittableRandom} rather than PyTorch's process-wide generator, so a training run is seeded per call.
 *
 * <p>For a weight of shape {@code (out, in...)}, values are uniform in {@code ±sqrt(6 / (fanIn + fanOut))} with
 * {@code fanOut = shape[0]} and {@code fanIn} the product of the other dimensions. Not thread-safe: one instance
 * per training run (DJL initialises parameters in a fixed order, so the draws are reproducible).
 */
public final class SeededInitializer implements Initializer {
    private final SplittableRandom random;

    public SeededInitializer(SplittableRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter too large to initialise: shape " + shape);
        }
        long fanOut = shape.dimension() == 0 ? 1 : shape.get(0);
        long fanIn = shape.dimension() <= 1 ? 1 : size / fanOut;
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-limit, limit);
        }
        return DjlRuntime.owned(manager.create(values, shape).toType(dataType, false));
    }
}
