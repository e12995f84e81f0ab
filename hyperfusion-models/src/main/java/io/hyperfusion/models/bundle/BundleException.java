package io.hyperfusion.models.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A bundle that cannot be trusted or read: missing or malformed manifest, unsupported format, or a file whose
 * content does not match its recorded SHA-256. The message always names the file at fault.
 */
public class BundleException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public BundleException(Path file, String message) {
        this(file, message, null);
    }

    public BundleException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
