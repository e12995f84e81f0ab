package io.hyperfusion.data;

import java.nio.file.Path;

/**
 * Input that cannot be read: a missing required file, unparseable JSON, counts that do not line up, or a bad
 * row under {@link BadRowPolicy#FAIL}. The message always names the file and, where known, the line or record.
 */
public class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String location;

    public DataFormatException(Path file, String location, String message) {
        this(file, location, message, null);
    }

    public DataFormatException(Path file, String location, String message, Throwable cause) {
        super(file + (location == null || location.isEmpty() ? "" : " (" + location + ")") + ": " + message, cause);
        this.file = file;
        this.location = location;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The line or record at fault, e.g. "line 12" or "record 3", or null for the whole file. */
    public String location() {
        return location;
    }
}
