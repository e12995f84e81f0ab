package io.hyperfusion.models;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The common half of models that wrap a native library's handle (a LightGBM or XGBoost booster, a CatBoost model):
 * schema, provenance, and the handle's lifecycle.
 *
 * <p><b>Native memory.</b> The handle lives outside the Java heap. {@link #close()} frees it; if a model is dropped
 * without closing, a {@link Cleaner} frees it once the model is unreachable (the release action holds the handle,
 * never the model). Subclasses keep their serialised model on the heap, so saving works after {@code close()}.
 *
 * <p><b>Threads.</b> None of the wrapped libraries documents concurrent calls on one handle as safe (LightGBM builds
 * its predictor inside the booster, issue #6142; xgboost4j's {@code predict} writes the booster's prediction cache;
 * catboost-prediction documents nothing), so every native call runs under a per-model lock; each call is itself
 * parallel over rows with the model's native threads. For more throughput, load one model per worker thread.
 *
 * @param <H> the native handle's type
 */
public abstract class NativeModel<H> implements RegressionModel {
    private static final Cleaner CLEANER = Cleaner.create();

    /** A call on the native handle, which may throw the library's checked exception. */
    @FunctionalInterface
    protected interface NativeCall<H, R> {
        R apply(H handle) throws Exception;
    }

    private final String library;
    private final FeatureSchema schema;
    private final Provenance provenance;
    private final H handle;
    private final Cleaner.Cleanable cleanable;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed; // guarded by lock

    /**
     * @param library how messages name the library, e.g. {@code LightGBM}
     * @param release frees the handle; must not refer to the model
     */
    protected NativeModel(String library, FeatureSchema schema, Provenance provenance, H handle, Consumer<H> release) {
        this.library = library;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.handle = handle;
        this.cleanable = CLEANER.register(this, () -> release.accept(handle));
    }

    @Override public final FeatureSchema schema() { return schema; }
    @Override public final Provenance provenance() { return provenance; }

    /**
     * Checks {@code x} against the schema and runs {@code call} on the handle under the lock; {@code empty} for no
     * rows. A closed model → IllegalStateException; the library's own failure → IllegalStateException with its message.
     */
    protected final <R> R call(FeatureMatrix x, R empty, NativeCall<H, R> call) {
        Objects.requireNonNull(x, "x");
        schema.requireSame(x.schema(), "predict");
        if (x.rows() == 0) {
            return empty;
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(library + " model was closed; load it again to predict");
            }
            return call.apply(handle);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(library + " prediction failed on " + x.rows() + " rows: " + e.getMessage(),
                    e);
        } finally {
            lock.unlock();
        }
    }

    /** Frees the native handle; idempotent; waits for a running prediction to finish. */
    @Override
    public final void close() {
        lock.lock();
        try {
            closed = true;
            cleanable.clean();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Builds a model around a freshly loaded handle; if the checks in {@code build} fail, frees the handle first
     * (runtime exceptions pass unchanged, the library's checked ones become IllegalStateException).
     */
    protected static <H, M> M adopt(H handle, Consumer<H> release, NativeCall<H, M> build) {
        try {
            return build.apply(handle);
        } catch (Exception e) {
            release.accept(handle);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The native model file a saved model's {@code model.json} names under {@code modelFile}, after checking the
     * family; a missing file → NoSuchFileException naming it.
     */
    protected static Path modelFile(Path dir, ModelMetadata meta, String family, String library) throws IOException {
        if (!family.equals(meta.family())) {
            throw new IllegalArgumentException(dir.resolve(ModelMetadata.FILE_NAME) + ": expected family '" + family
                    + "', got '" + meta.family() + "'");
        }
        Path file = dir.resolve(meta.stringProperty("modelFile"));
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, library + " model file listed in model.json is missing");
        }
        return file;
    }

    /** A version from a properties resource inside a library's jar, or {@code unknown}. */
    public static String libraryVersion(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
