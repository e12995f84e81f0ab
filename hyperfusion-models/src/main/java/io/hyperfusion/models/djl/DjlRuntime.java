package io.hyperfusion.models.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place that touches DJL's process-wide state: the PyTorch engine, its thread pools and the training
 * lock.
 *
 * <p><b>Offline.</b> The engine loads from the {@code pytorch-native-cpu} and {@code pytorch-jni} jars on the class
 * path; {@code ai.djl.offline=true} is set (unless the caller set it) so DJL never tries the network. The native
 * files are unpacked into {@code DJL_CACHE_DIR} (default {@code ~/.djl.ai}).
 *
 * <p><b>Threads.</b> PyTorch's intra-op and inter-op pools are process-wide and the inter-op pool can be sized only
 * before first use, so the first call to {@link #manager(int)} fixes them: {@code ai.djl.pytorch.num_threads}
 * (intra-op) defaults to the first caller's thread count and {@code ai.djl.pytorch.num_interop_threads} to 1,
 * unless already set as system properties. Later thread counts are recorded but do not resize the pools.
 *
 * <p><b>Training is serialised.</b> DJL's PyTorch gradient collector is a process-wide singleton ("only one can
 * be collecting at a time"), so {@link #exclusive} runs training under one JVM-wide lock. Training never uses
 * PyTorch's global random generator: initial weights, dropout masks and batch order come from a
 * {@link java.util.SplittableRandom} seeded per call, so results do not depend on what ran before. Prediction
 * needs no lock.
 */
public final class DjlRuntime {
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";
    private static final ReentrantLock TRAINING = new ReentrantLock();
    private static volatile Engine engine;

    private DjlRuntime() {
    }

    /** The PyTorch engine, initialised on first use with {@code threads} intra-op threads (see class doc). */
    public static Engine engine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        Engine e = engine;
        if (e == null) {
            synchronized (DjlRuntime.class) {
                e = engine;
                if (e == null) {
                    setIfAbsent("ai.djl.offline", "true");
                    setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
                    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
                    e = Engine.getEngine(ENGINE);
                    engine = e;
                }
            }
        }
        return e;
    }

    /** A new root NDManager on the CPU of the PyTorch engine; the caller closes it. */
    public static NDManager manager(int threads) {
        return engine(threads).newBaseManager(ai.djl.Device.cpu());
    }

    /**
     * Sets PyTorch's intra-op thread count for the calling thread's parallel regions (OpenMP's thread count is a
     * per-thread setting, so other threads' predictions keep theirs).
     */
    public static void setCallerThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        JniUtils.setNumThreads(threads);
    }

    /** PyTorch's intra-op thread count in effect. */
    public static int intraOpThreads() {
        return JniUtils.getNumThreads();
    }

    /** Runs {@code body} holding the JVM-wide training lock (DJL allows one gradient collector per process). */
    public static <T> T exclusive(Supplier<T> body) {
        TRAINING.lock();
        try {
            return body.get();
        } finally {
            TRAINING.unlock();
        }
    }

    /**
     * A copy of {@code a} in memory allocated by PyTorch, closing {@code a}. Arrays made from Java data wrap a Java
     * direct buffer that the garbage collector may free while PyTorch still holds the tensor (autograd keeps a
     * layer's input for the backward pass); a PyTorch-owned copy is freed by PyTorch's reference count instead.
     * See {@link #scalar}.
     */
    public static NDArray owned(NDArray a) {
        NDArray copy = a.duplicate();
        a.close();
        return copy;
    }

    /**
     * A scalar constant of {@code like}'s type, in memory allocated by PyTorch, for arithmetic inside a network
     * that is being trained. Never write {@code array.mul(0.5)} (or add/sub/div/maximum with a Java number) in a
     * differentiable path: DJL turns the number into a tensor over a Java direct buffer, uses it and closes it,
     * but PyTorch's autograd keeps that tensor for the backward pass, and once the garbage collector frees the
     * buffer the gradient reads freed memory. On this machine that gave NaN gradients in about one step in a few
     * hundred, at a step that depended on GC timing: same-seed runs diverged more often the busier the machine.
     */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new ai.djl.ndarray.types.Shape(), (float) value, like.getDataType());
    }

    /** "DJL x / PyTorch y", for provenance. */
    public static String libraryVersion(int threads) {
        return Engine.getDjlVersion() + " / PyTorch " + engine(threads).getVersion();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
