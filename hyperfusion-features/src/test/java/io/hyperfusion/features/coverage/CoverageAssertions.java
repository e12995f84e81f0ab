package io.hyperfusion.features.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hyperfusion.data.PostDataset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The checks every format's coverage test makes on its table, its fixture and the outcomes of its mutations. */
final class CoverageAssertions {
    private CoverageAssertions() { }

    /** Every (file kind, key) is listed once, and the table lists exactly the keys the fixture wrote. */
    static void tableMatchesFixture(String format, List<Field> table, Map<String, Set<String>> written) {
        Map<String, Set<String>> listed = new TreeMap<>();
        for (Field f : table) {
            assertTrue(listed.computeIfAbsent(f.kind(), k -> new TreeSet<>()).add(f.key()),
                    "[" + format + "] " + f.kind() + " field '" + f.key() + "' is listed twice");
            assertTrue(f.isIgnored() ? !f.ignored().isBlank() : f.target() != null,
                    "[" + format + "] " + f.kind() + " field '" + f.key() + "' needs a mutation or a reason");
        }
        assertEquals(new TreeMap<>(written), listed, "[" + format + "] the coverage table must list exactly the fields"
                + " the fixture writes, per file (a field added to the fixture needs a row, and a row needs the field)");
    }

    /** For each file kind the reader names, the table's keys (the part before a dot) are exactly the reader's keys. */
    static void coversReaderKeys(String format, List<Field> table, Map<String, ? extends Collection<String>> known) {
        known.forEach((kind, keys) -> {
            Set<String> listed = new TreeSet<>();
            table.stream().filter(f -> f.kind().equals(kind)).forEach(f -> listed.add(f.key().split("\\.")[0]));
            assertEquals(new TreeSet<>(keys), listed, "[" + format + "] the table of " + kind
                    + " must cover every key the reader knows, and no other");
        });
    }

    /** The fixture reads without a skipped row, a skipped field or an ignored unknown key. */
    static void cleanRead(String format, PostDataset ds, int posts, int labelled) {
        assertEquals(List.of(), ds.summary().skips(), "[" + format + "] the fixture must read cleanly");
        assertEquals(List.of(), ds.summary().notes().stream().filter(n -> n.startsWith("ignored")).toList(),
                "[" + format + "] the fixture must hold only keys the reader reads");
        assertEquals(posts, ds.all().size(), "[" + format + "] posts read");
        assertEquals(labelled, ds.labelled().size(), "[" + format + "] labelled posts read");
    }

    /** Fails listing every mutated field whose target's feature rows did not move. */
    static void everyFieldReachesAFeature(String format, Map<Field, CoverageRun.Outcome> outcomes) {
        List<String> failures = new ArrayList<>();
        outcomes.values().forEach(o -> {
            if (o.failure() != null) {
                failures.add(o.failure());
            }
        });
        if (!failures.isEmpty()) {
            fail(failures.size() + " field(s) of " + format + " feed no feature:\n  " + String.join("\n  ", failures));
        }
    }

    /** The table with each mutated field's changed groups, for the log (and docs/FORMATS.md). */
    static String report(String format, List<Field> table, Map<Field, CoverageRun.Outcome> outcomes) {
        StringBuilder sb = new StringBuilder(format).append(" field coverage:\n");
        for (Field f : table) {
            sb.append(String.format("  %-34s %-24s %s%n", f.kind(), f.key(), f.isIgnored() ? "ignored: " + f.ignored()
                    : String.join(", ", outcomes.get(f).groups())));
        }
        return sb.toString();
    }
}
