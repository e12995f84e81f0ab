package io.hyperfusion.data.smpd;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Counts the keys of one file's records that the reader does not know, so that a copy holding a field the
 * project never reads says so in the load summary ("ignored unknown key 'Views' in 3 records of ...") instead of
 * dropping it silently. One instance per file; not thread-safe.
 */
final class UnknownKeys {
    private final Set<String> known;
    private final Predicate<String> alsoRead;
    private final Map<String, Long> counts = new TreeMap<>();

    /** Keys outside {@code known} are unknown. */
    UnknownKeys(Collection<String> known) {
        this(known, k -> false);
    }

    /** Keys outside {@code known} that {@code alsoRead} does not accept are unknown. */
    UnknownKeys(Collection<String> known, Predicate<String> alsoRead) {
        this.known = Set.copyOf(known);
        this.alsoRead = alsoRead;
    }

    /** Counts the unknown keys of one record. */
    void count(ObjectNode rec) {
        rec.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k) && !alsoRead.test(k)) {
                counts.merge(k, 1L, Long::sum);
            }
        });
    }

    /** Counts one unknown key of one record (for keys only the caller can judge). */
    void countKey(String key) {
        counts.merge(key, 1L, Long::sum);
    }

    /** Adds one note per unknown key, in key order. */
    void note(RowProblems problems, java.nio.file.Path file) {
        counts.forEach((k, c) -> problems.summary().note("ignored unknown key '" + k + "' in " + c + " records of "
                + problems.name(file)));
    }
}
