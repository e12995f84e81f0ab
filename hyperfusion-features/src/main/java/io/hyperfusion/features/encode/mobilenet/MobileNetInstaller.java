package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.data.Jackson;
import io.hyperfusion.features.cache.Hashing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs the default image encoder's model: fetches {@code nsfwjs@4.3.0} (MIT, © 2019 Infinite Red, Inc.)
 * with {@code npm pack}, checks the tarball's pinned SHA-256, unbundles its MobileNetV2 TF.js layers model
 * with Node and converts it to {@code <modelsDir>/mobilenetv2-nsfwjs/model.onnx} with {@link TfjsLayersToOnnx},
 * next to {@code install.json} (provenance) and the package's {@code LICENSE}.
 *
 * <p>Atomic (built in a temporary sibling directory, then renamed) and idempotent (an install whose ONNX
 * SHA-256 matches its install.json is left alone). Needs {@code npm} and {@code node} on the PATH, and the
 * npm registry, only when installing; the encoder itself needs neither.
 */
public final class MobileNetInstaller {

    /** The npm package the weights come from. */
    public static final String PACKAGE = "nsfwjs";
    /** Its pinned version. */
    public static final String VERSION = "4.3.0";
    /** SHA-256 of {@code nsfwjs-4.3.0.tgz} as served by the npm registry. */
    public static final String TARBALL_SHA256 = "4496790efc9bdc6f3e85a826a8e482c1fa1e9db4b3d18c095e98cc0c73cfb12f";
    /** Folder under the models directory. */
    public static final String DIR_NAME = "mobilenetv2-nsfwjs";
    /** The Keras layer whose output is the 1280-d pooled feature vector (AveragePooling2D 7×7 + Flatten). */
    public static final String FEATURES_LAYER = "flatten_1";
    /** The classifier's classes, in output order (nsfwjs {@code NSFW_CLASSES}). */
    public static final List<String> CLASSES = List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy");
    static final String BUNDLE_DIR = "package/dist/models/mobilenet_v2/";
    private static final String UNBUNDLER = "unbundle-tfjs-model.cjs";

    private final String npm;
    private final String node;
    private final Duration timeout;

    /** Uses {@code npm} and {@code node} from the PATH and a 10-minute limit per command. */
    public MobileNetInstaller() {
        this("npm", "node", Duration.ofMinutes(10));
    }

    /** Uses the given executables (names or paths) and time limit per external command. */
    public MobileNetInstaller(String npm, String node, Duration timeout) {
        this.npm = npm;
        this.node = node;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    /** Installs into the models folder {@code args[0]} (default {@code models}) and prints the model folder. */
    public static void main(String[] args) throws IOException {
        Path modelsDir = Path.of(args.length > 0 ? args[0] : "models");
        Path dir = new MobileNetInstaller().install(modelsDir);
        System.out.println("MobileNetV2 (" + PACKAGE + "@" + VERSION + ") installed in " + dir);
    }

    /** The model's folder under {@code modelsDir}. */
    public static Path modelDir(Path modelsDir) {
        return modelsDir.resolve(DIR_NAME);
    }

    /** The ONNX file under {@code modelsDir}. */
    public static Path modelFile(Path modelsDir) {
        return modelDir(modelsDir).resolve("model.onnx");
    }

    /** True when model.onnx and install.json exist and the file's SHA-256 is the one recorded. */
    public static boolean isInstalled(Path modelsDir) {
        Path dir = modelDir(modelsDir);
        Path onnx = dir.resolve("model.onnx");
        Path info = dir.resolve("install.json");
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(info)) {
            return false;
        }
        try {
            JsonNode json = Jackson.json().readTree(info.toFile());
            return Hashing.sha256(onnx).equals(json.path("onnxSha256").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Installs unless already installed; returns the model folder. */
    public Path install(Path modelsDir) throws IOException {
        if (isInstalled(modelsDir)) {
            return modelDir(modelsDir);
        }
        Files.createDirectories(modelsDir);
        Path staging = Files.createTempDirectory(modelsDir, "." + DIR_NAME + ".tmp-");
        try {
            Path work = Files.createDirectories(staging.resolve("work"));
            Path out = Files.createDirectories(staging.resolve(DIR_NAME));
            Path tgz = fetch(work);
            String tgzSha = Hashing.sha256(tgz);
            if (!tgzSha.equals(TARBALL_SHA256)) {
                throw new IOException(tgz + ": SHA-256 is " + tgzSha + ", expected the pinned " + TARBALL_SHA256
                        + " of " + PACKAGE + "@" + VERSION);
            }
            Path extracted = Files.createDirectories(work.resolve("extracted"));
            TarGz.extract(tgz, extracted, name -> name.startsWith(BUNDLE_DIR) || name.equals("package/LICENSE"));
            Path tfjs = work.resolve("tfjs");
            unbundle(extracted.resolve(BUNDLE_DIR), tfjs, work);
            TfjsLayersToOnnx.Result r = TfjsLayersToOnnx.convert(tfjs.resolve("model.json"), FEATURES_LAYER);
            if (r.featureDim() != 1280 || r.outputDim() != CLASSES.size() || r.height() != 224 || r.width() != 224) {
                throw new IllegalStateException("converted " + PACKAGE + "@" + VERSION + " has features " + r.featureDim()
                        + ", outputs " + r.outputDim() + ", input " + r.height() + "x" + r.width()
                        + "; expected 1280, 5, 224x224");
            }
            Path onnx = out.resolve("model.onnx");
            // Ordered map: the ONNX bytes (and so the encoder version) must not depend on hash order.
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("source", PACKAGE + "@" + VERSION + " " + BUNDLE_DIR);
            meta.put("license", "MIT, Copyright (c) 2019 Infinite Red, Inc.");
            meta.put("classes", String.join(",", CLASSES));
            r.model().withMetadata(meta)
                    .withDocString("MobileNetV2 NSFW classifier of nsfwjs, converted by HyperFusion").write(onnx);
            Files.copy(extracted.resolve("package/LICENSE"), out.resolve("LICENSE"));
            writeInstallJson(out.resolve("install.json"), tgzSha, Hashing.sha256(onnx));
            publish(out, modelDir(modelsDir), staging);
            return modelDir(modelsDir);
        } finally {
            deleteRecursively(staging);
        }
    }

    private Path fetch(Path work) throws IOException {
        run(List.of(npm, "pack", PACKAGE + "@" + VERSION, "--pack-destination", work.toString(), "--silent"), work,
                "npm (needed once to fetch " + PACKAGE + "@" + VERSION + " from the npm registry)");
        Path tgz = work.resolve(PACKAGE + "-" + VERSION + ".tgz");
        if (!Files.isRegularFile(tgz)) {
            throw new IOException("npm pack finished but " + tgz + " is missing");
        }
        return tgz;
    }

    private void unbundle(Path bundleDir, Path outDir, Path work) throws IOException {
        Path script = work.resolve(UNBUNDLER);
        try (InputStream in = MobileNetInstaller.class.getResourceAsStream(UNBUNDLER)) {
            if (in == null) {
                throw new IllegalStateException("resource " + UNBUNDLER + " is missing from the classpath");
            }
            Files.copy(in, script);
        }
        run(List.of(node, script.toString(), bundleDir.toString(), outDir.toString()), work,
                "node (needed once to unbundle the nsfwjs model files)");
    }

    private void run(List<String> command, Path cwd, String what) throws IOException {
        // Output goes to a file, so a hung command cannot block us on a full pipe and the timeout applies.
        Path log = Files.createTempFile(cwd, "command", ".log");
        Process p;
        try {
            p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start " + what + ": '" + command.get(0) + "' is not on the PATH or not"
                    + " executable; install Node.js/npm or pass its path to MobileNetInstaller", e);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue() + ":\n"
                    + (text.length() > 4000 ? text.substring(text.length() - 4000) : text));
        }
    }

    private static void writeInstallJson(Path file, String tgzSha, String onnxSha) throws IOException {
        ObjectMapper mapper = Jackson.json().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("package", PACKAGE);
        source.put("version", VERSION);
        source.put("tarball", PACKAGE + "-" + VERSION + ".tgz");
        source.put("tarballSha256", tgzSha);
        source.put("modelPath", BUNDLE_DIR);
        root.set("source", mapper.valueToTree(source));
        root.put("onnxFile", "model.onnx");
        root.put("onnxSha256", onnxSha);
        root.put("converter", TfjsLayersToOnnx.class.getName());
        root.put("convertedAt", Instant.now().toString());
        root.put("featuresLayer", FEATURES_LAYER);
        root.set("classes", mapper.valueToTree(CLASSES));
        root.set("license", mapper.valueToTree(Map.of("spdx", "MIT",
                "copyright", "Copyright (c) 2019 Infinite Red, Inc.", "file", "LICENSE")));
        mapper.writeValue(file.toFile(), root);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Renames the finished folder into place; a valid install that appeared meanwhile wins. */
    private static void publish(Path ready, Path target, Path staging) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = staging.resolve("replaced");
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!isInstalled(target.getParent())) {
                throw new IOException("cannot move the new model into " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
