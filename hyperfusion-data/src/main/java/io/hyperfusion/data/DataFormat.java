package io.hyperfusion.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The on-disk layouts the project reads, by their CLI names. */
public enum DataFormat {
    /** SMP Challenge image track (Flickr): {@code train/} and {@code test/} folders of JSON and text files. */
    SMPD_IMAGE("smpd-image"),
    /** SMP Challenge video track (TikTok): four JSON-lines files per split. */
    SMPD_VIDEO("smpd-video"),
    /** The project's own format: one JSON object per line per post. */
    JSONL("jsonl");

    private final String cliName;

    DataFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name such as {@code smpd-image}. */
    public static DataFormat parse(String s) {
        for (DataFormat f : values()) {
            if (f.cliName.equalsIgnoreCase(s == null ? "" : s.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of "
                + Arrays.stream(values()).map(DataFormat::cliName).collect(Collectors.joining(", "))
                + ", got '" + s + "'");
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
