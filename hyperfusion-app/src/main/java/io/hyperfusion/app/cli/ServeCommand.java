package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.serve.PredictionServer;
import io.hyperfusion.app.serve.ServedModel;
import io.hyperfusion.app.serve.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion serve}: answers predictions and posting advice over HTTP (docs/SERVING.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a model bundle over HTTP: a page for drafting a post at GET /, and POST /v1/predict, "
                + "POST /v1/advise, GET /v1/health, /v1/model, /metrics.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model bundle folder.")
    Path model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", defaultValue = "2", description = "Requests computed at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--queue", defaultValue = "256", description = "Requests waiting before 503 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-body-bytes", defaultValue = "16777216", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--max-batch", defaultValue = "256", description = "Most posts per request (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-image-pixels", defaultValue = "40000000", description = "Largest image, width x height (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--timeout-ms", defaultValue = "10000",
            description = "Time from a complete body to the answer (parsing, decoding, scoring); 503 beyond (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--body-timeout-ms", defaultValue = "30000",
            description = "Time a request body may take to arrive; 408 beyond (default: ${DEFAULT-VALUE}).")
    long bodyTimeoutMs;

    @Option(names = "--min-body-rate", defaultValue = "16384", paramLabel = "BYTES_PER_S",
            description = "Slowest average rate a body may arrive at after its first second; 408 below (default: ${DEFAULT-VALUE}).")
    long minBodyRate;

    @Option(names = "--max-request-pixels", defaultValue = "100000000",
            description = "Pixels the headers of a request's images may declare in all; 413 beyond (default: ${DEFAULT-VALUE}).")
    long maxRequestPixels;

    @Option(names = "--decode-threads", defaultValue = "1",
            description = "Images decoded at once, server-wide, apart from the compute threads (default: ${DEFAULT-VALUE}).")
    int decodeThreads;

    @Option(names = "--batch-rows", defaultValue = "64", paramLabel = "POSTS",
            description = "Most posts of concurrent predict requests scored in one call; 1 scores each request alone "
                    + "(scores are the same either way) (default: ${DEFAULT-VALUE}).")
    int batchRows;

    @Option(names = "--text-cache", defaultValue = "20000", paramLabel = "TEXTS",
            description = "Texts whose embeddings are kept between requests, about 1.6 kB each with MiniLM; exact, "
                    + "since MiniLM encodes each text alone; 0 disables (default: ${DEFAULT-VALUE}).")
    long textCache;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config = new ServerConfig(host, port, threads, queue, maxBody, maxBatch, Duration.ofMillis(timeoutMs),
                Duration.ofSeconds(30), Duration.ofMillis(bodyTimeoutMs), minBodyRate, maxRequestPixels, decodeThreads,
                batchRows);
        ServedModel served = ServedModel.open(model,
                new ServedModel.Settings(embed.modelsDir(), embed.clipModel(), embed.threads(), maxPixels,
                        textCache), err);
        PredictionServer server = PredictionServer.start(served, config);
        // SIGTERM/SIGINT: stop accepting, finish requests in flight, close the model.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "hyperfusion-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("serving %s (model %s, loaded in %.1f s) on http://%s:%d%n", model, served.modelId(),
                served.loadSeconds(), host, server.port());
        // A wildcard bind address is not one a browser can open; this machine's loopback is.
        String pageHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
        out.printf("draft a post in a browser: http://%s:%d/%n", pageHost, server.port());
        out.flush();
        server.join();
        return 0;
    }
}
