package io.hyperfusion.data;

import java.util.Locale;

/** What a reader does with a row that is malformed on its own (the file as a whole is still sound). */
public enum BadRowPolicy {
    /** Stop with a {@link DataFormatException} naming the file and row. */
    FAIL,
    /** Leave the row out and count it, with its reason, in the {@link LoadSummary}. */
    SKIP;

    /** Parses {@code fail} or {@code skip}, case-insensitively. */
    public static BadRowPolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("bad-row policy must be 'fail' or 'skip', got '" + s + "'");
        }
    }
}
