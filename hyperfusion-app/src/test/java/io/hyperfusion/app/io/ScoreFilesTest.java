package io.hyperfusion.app.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Score files are RFC 4180 CSV both ways (Commons CSV): quoted commas, quotes and line breaks survive. */
class ScoreFilesTest {

    @Test
    void idsWithCommasQuotesAndLineBreaksRoundTrip(@TempDir Path dir) {
        Path csv = dir.resolve("scores.csv");
        List<Scored> scores = List.of(new Scored("u,1", "p\"2\"", 6.25), new Scored("u\n3", "p4", -0.1),
                new Scored("u5", "p5", 1e-7));
        ScoreFiles.write(csv, scores);
        assertEquals(scores, ScoreFiles.read(csv));
    }

    @Test
    void aQuotedLineBreakIsReadAndABadRowIsNamed(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("labels.csv");
        // Before Commons CSV a record was one line: this file could not be read.
        Files.writeString(csv, "uid,pid,label\n\"a\nb\",p1,1.5\n\nu2,p2,2\n");
        List<Scored> s = ScoreFiles.read(csv);
        assertEquals(2, s.size());
        assertEquals("a\nb", s.get(0).uid());
        Files.writeString(csv, "uid,pid,label\nu1,p1,1\nu2,p2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ScoreFiles.read(csv));
        assertTrue(e.getMessage().contains("labels.csv") && e.getMessage().contains("expected 3 fields, got 2"),
                e.getMessage());
    }
}
