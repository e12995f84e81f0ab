package io.hyperfusion.spark;

import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.features.FittedPipeline;

import java.nio.file.Path;

/**
 * Model bundles and fitted feature pipelines opened once per executor JVM from a path readable by every
 * executor (shared file system), through {@link JvmResources}.
 */
final class ExecutorModels {
    private ExecutorModels() {
    }

    /** This JVM's copy of the bundle at {@code dir}, verified and loaded on first use. */
    static PopularityBundle.Loaded bundle(String dir) {
        String key = "bundle|" + Path.of(dir).toAbsolutePath().normalize();
        return JvmResources.get(key, PopularityBundle.Loaded.class, () -> PopularityBundle.load(Path.of(dir)));
    }

    /** This JVM's copy of the fitted pipeline saved in {@code dir}. */
    static FittedPipeline pipeline(String dir) {
        String key = "pipeline|" + Path.of(dir).toAbsolutePath().normalize();
        return JvmResources.get(key, HeldPipeline.class, () -> new HeldPipeline(FittedPipeline.load(Path.of(dir))))
                .pipeline();
    }

    /** A fitted pipeline holds no native memory; this wrapper only lets {@link JvmResources} keep it. */
    record HeldPipeline(FittedPipeline pipeline) implements AutoCloseable {
        @Override
        public void close() {
        }
    }
}
