package io.hyperfusion.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one piece of JVM-wide state in the project: heavy, thread-safe, read-only resources (encoders with
 * their ONNX sessions, the embedding cache of this executor, loaded model bundles, fitted pipelines), opened
 * lazily the first time a task on this JVM asks for them and then shared by every task that runs on it.
 *
 * <p>Why a global: Spark ships tasks, not objects; without a per-JVM holder every partition would reload a
 * 10 MB ONNX model or a model bundle. Keys name everything that distinguishes a resource (kind, file paths,
 * thread counts), so two jobs with different settings never share one. Values must be thread-safe, since the
 * tasks of one executor run concurrently. They live until the JVM exits (a shutdown hook closes them) or
 * until {@link #closeAll()} (used by tests and benchmarks between runs).
 */
public final class JvmResources {
    private static final Map<String, AutoCloseable> HELD = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(JvmResources::closeAll, "hyperfusion-jvm-resources"));
    }

    private JvmResources() {
    }

    /** The resource under {@code key}, opened by {@code open} when this JVM has none yet. */
    public static <T extends AutoCloseable> T get(String key, Class<T> type, Supplier<T> open) {
        return type.cast(HELD.computeIfAbsent(key, k -> open.get()));
    }

    /** Whether this JVM holds a resource under {@code key}. */
    public static boolean holds(String key) {
        return HELD.containsKey(key);
    }

    /** Closes and forgets every resource; tasks that run later open them again. */
    public static synchronized void closeAll() {
        for (String k : HELD.keySet()) {
            AutoCloseable c = HELD.remove(k);
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + k + " failed: " + e);
                }
            }
        }
    }
}
