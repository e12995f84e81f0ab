package io.hyperfusion.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectInfoTest {
    private static final String C1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String C2 = "89abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void projectVersionComesFromTheBuild() {
        assertTrue(ProjectInfo.projectVersion().matches("\\d+\\.\\d+.*"), ProjectInfo.projectVersion());
    }

    @Test
    void looseRefFromASubdirectory() throws IOException {
        Path git = Files.createDirectories(tmp.resolve("repo/.git/refs/heads"));
        Files.writeString(tmp.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), C1 + "\n");
        Path sub = Files.createDirectories(tmp.resolve("repo/module/src"));
        assertEquals(C1, ProjectInfo.gitCommit(sub));
    }

    @Test
    void packedRefAndDetachedHead() throws IOException {
        Path git = Files.createDirectories(tmp.resolve("repo/.git"));
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/dev\n");
        Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + C1 + " refs/heads/main\n" + C2 + " refs/heads/dev\n");
        assertEquals(C2, ProjectInfo.gitCommit(tmp.resolve("repo")));
        Files.writeString(git.resolve("HEAD"), C1 + "\n");
        assertEquals(C1, ProjectInfo.gitCommit(tmp.resolve("repo")));
    }

    @Test
    void linkedWorktreeUsesTheCommonDirectory() throws IOException {
        Path common = Files.createDirectories(tmp.resolve("main/.git/refs/heads"));
        Files.writeString(common.resolve("feature"), C2);
        Path wtGit = Files.createDirectories(tmp.resolve("main/.git/worktrees/wt"));
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        Path wt = Files.createDirectories(tmp.resolve("wt"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        assertEquals(C2, ProjectInfo.gitCommit(wt));
    }

    @Test
    void noRepositoryOrGarbageGivesNull() throws IOException {
        Path git = Files.createDirectories(tmp.resolve("repo/.git"));
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/unborn\n");
        assertNull(ProjectInfo.gitCommit(tmp.resolve("repo")));
        Files.writeString(git.resolve("HEAD"), "garbage\n");
        assertNull(ProjectInfo.gitCommit(tmp.resolve("repo")));
    }
}
