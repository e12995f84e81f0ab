package io.hyperfusion.spark;

import io.hyperfusion.features.encode.mobilenet.MobileNetInstaller;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The installed image model for the Spark tests: {@code -Dhyperfusion.models.dir}, default {@code <repo>/models} (the
 * README's test command installs it there first). Installs it when absent (npm, once); a failure fails the test.
 */
final class TestModels {
    private TestModels() {
    }

    static synchronized Path dir() {
        String prop = System.getProperty("hyperfusion.models.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent().resolve("models");
        if (!MobileNetInstaller.isInstalled(dir)) {
            try {
                new MobileNetInstaller().install(dir);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("MobileNetV2 is not installed under " + dir + " and installing it failed: "
                        + e.getMessage(), e);
            }
        }
        return dir;
    }
}
