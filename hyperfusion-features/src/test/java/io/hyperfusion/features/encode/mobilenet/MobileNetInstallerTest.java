package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.features.cache.Hashing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MobileNetInstallerTest {

    @Test
    void installRecordsProvenanceAndLicence() throws IOException {
        Path dir = MobileNetInstaller.modelDir(InstalledModel.modelsDir());
        JsonNode info = new ObjectMapper().readTree(dir.resolve("install.json").toFile());
        assertEquals("nsfwjs", info.path("source").path("package").asText());
        assertEquals("4.3.0", info.path("source").path("version").asText());
        assertEquals(MobileNetInstaller.TARBALL_SHA256, info.path("source").path("tarballSha256").asText());
        assertEquals(Hashing.sha256(dir.resolve("model.onnx")), info.path("onnxSha256").asText());
        assertEquals("MIT", info.path("license").path("spdx").asText());
        assertTrue(Files.readString(dir.resolve("LICENSE")).contains("Copyright (c) 2019 Infinite Red, Inc."));
    }

    @Test
    void installIsIdempotentWhenTheModelMatchesItsRecord() throws IOException {
        Path models = InstalledModel.modelsDir();
        Path onnx = MobileNetInstaller.modelFile(models);
        FileTime before = Files.getLastModifiedTime(onnx);
        // An npm that does not exist proves nothing is fetched again.
        new MobileNetInstaller("/nonexistent/npm", "/nonexistent/node", Duration.ofSeconds(5)).install(models);
        assertEquals(before, Files.getLastModifiedTime(onnx));
    }

    @Test
    void aTamperedModelIsNotInstalled(@TempDir Path tmp) throws IOException {
        Path src = MobileNetInstaller.modelDir(InstalledModel.modelsDir());
        Path copy = Files.createDirectories(MobileNetInstaller.modelDir(tmp));
        Files.copy(src.resolve("install.json"), copy.resolve("install.json"));
        byte[] onnx = Files.readAllBytes(src.resolve("model.onnx"));
        Files.write(copy.resolve("model.onnx"), onnx);
        assertTrue(MobileNetInstaller.isInstalled(tmp));
        onnx[onnx.length / 2] ^= 1;
        Files.write(copy.resolve("model.onnx"), onnx);
        assertFalse(MobileNetInstaller.isInstalled(tmp));
        assertFalse(MobileNetInstaller.isInstalled(tmp.resolve("absent")));
    }

    @Test
    void missingNpmFailsWithAClearMessageAndLeavesNothingBehind(@TempDir Path tmp) throws IOException {
        MobileNetInstaller installer = new MobileNetInstaller("/nonexistent/npm", "node", Duration.ofSeconds(5));
        IOException e = assertThrows(IOException.class, () -> installer.install(tmp));
        assertTrue(e.getMessage().contains("/nonexistent/npm") && e.getMessage().contains("not on the PATH"),
                e.getMessage());
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "staging folder must be removed");
        }
    }
}
