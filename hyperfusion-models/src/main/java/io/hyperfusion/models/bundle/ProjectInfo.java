package io.hyperfusion.models.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The HyperFusion version and, when known, the git commit of the source tree, for bundle manifests.
 *
 * <p>The version comes from the jar manifest's {@code Implementation-Version}, else from a resource filled in
 * at build time. The commit is read from the files of a {@code .git} directory (plain clones, linked worktrees
 * whose {@code .git} is a file, loose and packed refs); no process is spawned. Anything unexpected gives null.
 */
public final class ProjectInfo {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");
    private static final String VERSION = readVersion();

    private ProjectInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
    public static String projectVersion() {
        return VERSION;
    }

    /** The commit checked out in the working directory (or a parent of it), or null when unknown. */
    public static String gitCommit() {
        return gitCommit(Path.of("").toAbsolutePath());
    }

    /** The commit checked out in the repository containing {@code dir}, or null when unknown. */
    public static String gitCommit(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return headCommit(dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    // A linked worktree or submodule: ".git" holds "gitdir: <path>".
                    String line = Files.readString(dotGit).trim();
                    if (!line.startsWith("gitdir:")) {
                        return null;
                    }
                    return headCommit(d.resolve(line.substring("gitdir:".length()).trim()).normalize());
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // best effort: provenance without a commit beats a failed run
        }
    }

    private static String headCommit(Path gitDir) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD")).trim();
        if (!head.startsWith("ref:")) {
            return HASH.matcher(head).matches() ? head : null; // detached HEAD
        }
        String ref = head.substring("ref:".length()).trim();
        Path common = gitDir;
        Path commonFile = gitDir.resolve("commondir");
        if (Files.isRegularFile(commonFile)) {
            common = gitDir.resolve(Files.readString(commonFile).trim()).normalize();
        }
        for (Path base : new Path[] {gitDir, common}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String hash = Files.readString(loose).trim();
                return HASH.matcher(hash).matches() ? hash : null;
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[1].equals(ref) && HASH.matcher(parts[0]).matches()) {
                    return parts[0];
                }
            }
        }
        return null;
    }

    private static String readVersion() {
        String v = ProjectInfo.class.getPackage() == null ? null
                : ProjectInfo.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = ProjectInfo.class.getResourceAsStream("project.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return "unknown";
    }
}
