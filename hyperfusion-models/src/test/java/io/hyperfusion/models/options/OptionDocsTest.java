package io.hyperfusion.models.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.models.ModelFamilies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/CONFIG.md lists exactly the options the families declare. */
class OptionDocsTest {

    @Test
    void configDocsListEveryFamilysOptionsAsDeclared() throws Exception {
        String home = System.getenv("HYPERFUSION_HOME");
        Path file = Path.of(home == null ? ".." : home, "docs", "CONFIG.md");
        String doc = Files.readString(file);
        String expected = OptionDocs.markdown(ModelFamilies.memberFamilies());
        assertEquals(expected, OptionDocs.section(doc), file + " is out of date with the option tables; regenerate it:"
                + " java -cp <models classes and dependencies> io.hyperfusion.models.options.OptionDocs docs/CONFIG.md"
                + " (scripts/config-docs.sh)");
        assertTrue(expected.contains("| `num_leaves` |") && expected.contains("#### `catboost`"), expected);
    }
}
