package io.hyperfusion.ensemble;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extra report files are plain new names: nothing outside report/, nothing the bundle writes itself. */
class PopularityBundleReportFilesTest {

    @Test
    void refusesNamesThatLeaveTheReportFolderOrReplaceItsFiles(@TempDir Path dir) {
        for (String bad : new String[] {"../manifest.json", "sub/x.json", "..", "", "tags.json", "train_report.json",
                "config.json", "pseudo_labels.csv", ".hidden"}) {
            Path target = dir.resolve("b");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PopularityBundle.save(target,
                    null, null, null, List.of(), List.of(), List.of(), Map.of(bad, new byte[0])), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertFalse(Files.exists(target), "nothing written for " + bad);
        }
    }
}
