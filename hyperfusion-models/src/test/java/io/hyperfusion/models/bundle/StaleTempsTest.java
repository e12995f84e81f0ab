package io.hyperfusion.models.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed writer's working folders are removed by the next write; a live writer's never are. */
class StaleTempsTest {
    @TempDir
    Path dir;

    @Test
    void theNextWriteRemovesWhatDeadWritersLeft() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        long me = ProcessHandle.current().pid();
        Path killed = Files.createDirectories(dir.resolve(".model.tmp-" + dead + "-123"));
        Files.writeString(killed.resolve("half-written.bin"), "x");
        Files.createDirectories(dir.resolve(".model.old-" + dead + "-456"));
        Files.createDirectories(dir.resolve(".model.tmp-" + me + "-789")); // this process: a write in flight
        Path oldStyle = Files.createDirectories(dir.resolve(".model.tmp-4711abc"));
        Files.setLastModifiedTime(oldStyle, FileTime.from(Instant.now().minusSeconds(7200)));
        Files.createDirectories(dir.resolve(".model.tmp-recentabc"));
        Files.createDirectories(dir.resolve(".other.tmp-" + dead + "-1")); // another bundle's: not ours to judge

        BundleWriter.write(dir.resolve("model"), Manifest.forRun(Map.of(), 1L),
                d -> Files.writeString(d.resolve("a.txt"), "a"));

        assertEquals(List.of(".model.tmp-" + me + "-789", ".model.tmp-recentabc", ".other.tmp-" + dead + "-1", "model"),
                names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
