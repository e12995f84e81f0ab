package io.hyperfusion.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.app.HyperFusionCli;
import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.models.ModelFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code train --help} names every member family and says how to choose them. */
class TrainHelpTest {

    @Test
    void trainHelpNamesTheFamiliesAndHowToChooseThem() {
        StringWriter out = new StringWriter();
        CommandLine cl = HyperFusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("train", "--help"));
        String help = out.toString();
        for (ModelFamily f : ModelFamilies.memberFamilies()) {
            assertTrue(help.contains("  " + f.name() + " "), f.name() + " missing from:\n" + help);
        }
        assertTrue(help.contains("Model families:") && help.contains("--config FILE") && help.contains("\"family\"")
                && help.contains("docs/CONFIG.md"), help);
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= 120, "line too long for a terminal: " + line);
        }
    }
}
