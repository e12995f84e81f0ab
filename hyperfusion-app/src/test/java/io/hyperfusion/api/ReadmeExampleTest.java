package io.hyperfusion.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example is examples/quickstart's Quickstart.java verbatim: scripts/test.sh compiles and runs
 * the example, so the README's copy cannot rot either.
 */
class ReadmeExampleTest {

    @Test
    void readmeJavaBlockIsTheExampleFile() throws Exception {
        String readme = Files.readString(ApiTest.repo().resolve("README.md"));
        String example = Files.readString(ApiTest.repo().resolve("examples/quickstart/src/main/java/Quickstart.java"));
        String section = readme.substring(readme.indexOf("## Use it as a library"));
        int start = section.indexOf("```java\n");
        assertTrue(start >= 0, "README's 'Use it as a library' section has a ```java block");
        String block = section.substring(start + "```java\n".length(), section.indexOf("```\n", start + 8));
        assertEquals(example, block, "README's Java example and examples/quickstart/src/main/java/Quickstart.java differ");
    }
}
