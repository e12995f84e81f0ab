package io.hyperfusion.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperfusion.app.HyperFusionCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;

/**
 * A small generated world and a model trained on it once per test JVM (600 posts, 2 folds, no pseudo-labels),
 * plus HTTP helpers for the server tests (the drafting page's tests in {@code io.hyperfusion.app.page} share it, so the
 * world is trained once per test JVM).
 */
public final class ServeWorld {
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static Path root;

    private ServeWorld() { }

    public record Run(int exit, String out, String err) { }

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HyperFusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    /** The folder holding world/ and model/, built on first use. */
    public static synchronized Path root() throws Exception {
        if (root == null) {
            Path dir = Files.createTempDirectory("hyperfusion-serve-test");
            Run g = cli("generate", "--posts", "600", "--users", "60", "--seed", "11", "--out", dir.resolve("world").toString());
            assertEquals(0, g.exit(), g.err());
            Run t = cli("train", "--data", dir.resolve("world").toString(), "--out", dir.resolve("model").toString(),
                    "--folds", "2", "--pseudo-rounds", "0", "--seed", "5");
            assertEquals(0, t.exit(), t.err());
            root = dir;
        }
        return root;
    }

    public static Path world() throws Exception {
        return root().resolve("world");
    }

    public static Path model() throws Exception {
        return root().resolve("model");
    }

    /** The encoder models folder of the worktree ({@code ./hyperfusion models install}); installed when absent. */
    public static Path modelsDir() {
        Path p = Path.of("").toAbsolutePath();
        // Tests run in hyperfusion-app/; the launcher keeps models/ at the repository root.
        Path repo = Files.isDirectory(p.resolve("../hyperfusion-app")) ? p.getParent() : p;
        return repo.resolve("models");
    }

    public static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return post(port, path, body, "application/json");
    }

    public static HttpResponse<String> post(int port, String path, String body, String type) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }
}
