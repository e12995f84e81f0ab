package io.hyperfusion.features.encode.mobilenet;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the installed MobileNetV2 for tests: in the folder named by the system property
 * {@code hyperfusion.models.dir}, default {@code <repo>/models} (the repo root is the parent of the module
 * folder that Surefire runs in). Installs it there when absent, which runs npm once; an install failure
 * fails the test with the installer's message instead of skipping it.
 */
public final class InstalledModel {

    private InstalledModel() {
    }

    public static synchronized Path modelsDir() {
        String prop = System.getProperty("hyperfusion.models.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent().resolve("models");
        if (!MobileNetInstaller.isInstalled(dir)) {
            try {
                new MobileNetInstaller().install(dir);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("MobileNetV2 is not installed under " + dir + " and installing it failed"
                        + " (pre-install it, or set -Dhyperfusion.models.dir): " + e.getMessage(), e);
            }
        }
        return dir;
    }
}
