package io.hyperfusion.models.bundle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The hidden working folders of a bundle write ({@code .NAME.tmp-PID-*}, {@code .NAME.old-PID-*}) carry the id
 * of the process writing them. A writer killed mid-write (SIGKILL, a power cut) cannot remove its own; the next
 * write to the same target removes those whose process is gone. Folders of a live process are never touched;
 * folders without a process id (written before ids were added) count as stale after {@link #UNNAMED_AGE}.
 */
final class StaleTemps {
    /** Age after which a working folder without a process id is taken as abandoned. */
    static final Duration UNNAMED_AGE = Duration.ofHours(1);

    private StaleTemps() { }

    /** The prefix of this process's working folders for {@code name} of the given kind ({@code tmp}, {@code old}). */
    static String prefix(String name, String kind) {
        return "." + name + "." + kind + "-" + ProcessHandle.current().pid() + "-";
    }

    /** Removes abandoned working folders of {@code name} in {@code parent}; returns those removed. */
    static List<Path> clean(Path parent, String name) {
        List<Path> removed = new ArrayList<>();
        // A filter, not a glob: a bundle name may hold glob characters.
        DirectoryStream.Filter<Path> ours = p -> {
            String f = p.getFileName().toString();
            return f.startsWith("." + name + ".tmp-") || f.startsWith("." + name + ".old-");
        };
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ours)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && abandoned(p, name)) {
                    try {
                        BundleFiles.deleteTree(p);
                        removed.add(p);
                    } catch (IOException e) {
                        // Best effort: another cleaner may be removing it; the write itself goes on.
                    }
                }
            }
        } catch (IOException e) {
            // An unlistable parent fails the write itself a moment later, with a better message.
        }
        return removed;
    }

    static boolean abandoned(Path p, String name) {
        String rest = p.getFileName().toString().substring(name.length() + 6); // after ".NAME.tmp-"
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash > 0 ? rest.substring(0, dash) : "x");
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            try {
                FileTime t = Files.getLastModifiedTime(p);
                return t.toInstant().isBefore(Instant.now().minus(UNNAMED_AGE));
            } catch (IOException io) {
                return false;
            }
        }
    }
}
