package io.hyperfusion.app.serve;

import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.app.page.DraftPage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP model server (embedded Jetty 12): {@code POST /v1/predict}, {@code POST /v1/advise},
 * {@code GET /v1/health}, {@code GET /v1/model} and {@code GET /metrics} (docs/SERVING.md), behind the drafting page
 * ({@link DraftPage}: {@code GET /}).
 *
 * <p>No Jetty thread ever waits: bodies are read as they arrive ({@link BodyReader}, with a deadline and a minimum
 * rate), parsing and scoring run on a fixed pool of {@code threads} workers, image decoding (and the parsing of
 * bodies above 256 KiB) on its own {@code decodeThreads} pool under a per-request pixel budget, and a request's
 * timeout answers 503 and aborts its decoding ({@link Requests}). So slow clients and costly images cannot occupy the threads that answer {@code /v1/health} and
 * {@code /metrics}, which are answered on arrival. Full queues give 503 instead of piling work up.
 * {@link #stop()} stops accepting, lets requests in flight finish (up to the stop timeout), then closes the model.
 */
public final class PredictionServer implements AutoCloseable {
    private final ServedModel model;
    private final ServerConfig config;
    private final RequestReader reader;
    private final Advisor advisor;
    private final ServerMetrics metrics;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor decoders;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Server server;
    private final ServerConnector connector;
    private final Requests requests;
    private final AtomicInteger stopped = new AtomicInteger();
    private final AtomicLong incidents = new AtomicLong();

    private PredictionServer(ServedModel model, ServerConfig config) {
        this.model = model;
        this.config = config;
        this.reader = new RequestReader(config.maxBatch());
        this.advisor = new Advisor(model.predictor(), model.trainingTags());
        this.metrics = new ServerMetrics(model.loadSeconds());
        metrics.textCache(model.predictor().embedder()::textCacheCounts);
        this.workers = pool("hyperfusion-worker", config.threads(), config.queue());
        this.decoders = pool("hyperfusion-decoder", config.decodeThreads(), config.queue());
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemons("hyperfusion-timer"));
        scheduler.setRemoveOnCancelPolicy(true); // a cancelled timeout must not linger until it would have fired
        this.requests = new Requests(model, config, reader, advisor, metrics, workers, decoders, scheduler, incidents);
        metrics.batches(requests::batchCounts);
        // Jetty threads never block on a body or a computation; these only run handlers and I/O callbacks.
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, 4 * config.threads() + 8), 4);
        pool.setName("hyperfusion-http");
        this.server = new Server(pool);
        this.connector = new ServerConnector(server, 1, 1);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        // GET / and its assets, /v1/draft-context and /v1/authors: the drafting page (docs/SERVING.md); the rest is the API.
        server.setHandler(new GracefulHandler(new DraftPage(model, config.maxBodyBytes(), metrics, new Api())));
        server.setStopTimeout(config.stopTimeout().toMillis());
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        BlockingQueue<Runnable> q = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, q, daemons(name));
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts a server for {@code model}; the server owns the model from then on and closes it on {@link #stop()}. */
    public static PredictionServer start(ServedModel model, ServerConfig config) {
        PredictionServer s = new PredictionServer(model, config);
        try {
            s.server.start();
        } catch (Exception e) {
            s.stop();
            throw new IllegalStateException("cannot start the server on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        return s;
    }

    /** The port listened on (the ephemeral one when configured with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops accepting, waits for requests in flight (up to the stop timeout), then closes the model. Idempotent. */
    public void stop() {
        if (stopped.getAndIncrement() > 0) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort; the pools and the model are still released below.
        }
        decoders.shutdownNow(); // nothing waits for them any more: every request was answered or given up
        workers.shutdown();
        try {
            workers.awaitTermination(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        model.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** Routes and the cheap GET answers; the POST routes go to {@link Requests}. */
    private final class Api extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String route = switch (path) {
                case "/v1/predict", "/v1/advise", "/v1/health", "/v1/model", "/metrics" -> path;
                default -> "other";
            };
            Exchange ex = new Exchange(request, response, callback, route, metrics);
            try {
                switch (route) {
                    case "/v1/health" -> ex.answer(get(request, () -> Reply.json(200, RequestReader.JSON.createObjectNode()
                            .put("status", "ok").put("model_id", model.modelId()))));
                    case "/v1/model" -> ex.answer(get(request, () -> Reply.json(200, RequestReader.JSON.valueToTree(model.describe()))));
                    case "/metrics" -> ex.answer(get(request, () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                            metrics.render().getBytes(StandardCharsets.UTF_8))));
                    case "/v1/predict", "/v1/advise" -> requests.post(ex, route, contentType(request));
                    default -> throw new ApiException(404, "no route " + request.getMethod() + " " + path
                            + "; routes: POST /v1/predict, POST /v1/advise, GET /v1/health, GET /v1/model, GET /metrics", null);
                }
            } catch (ApiException e) {
                ex.answer(Reply.error(e));
            } catch (RuntimeException e) {
                ex.answer(Reply.internal(e, incidents));
            }
            return true;
        }

        private Reply get(Request request, java.util.function.Supplier<Reply> f) {
            String method = request.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw new ApiException(405, "method " + method + " not allowed; use GET", null);
            }
            return f.get();
        }

        private String contentType(Request request) {
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            return type == null ? null : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether {@code pool} took {@code task}; a full pool answers 503. */
    static boolean submit(ThreadPoolExecutor pool, Exchange ex, String what, Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            ex.answer(Reply.error(new ApiException(503, "server busy: every " + what + " thread is working and "
                    + pool.getQueue().size() + " requests wait; retry later", null)));
            return false;
        }
    }
}
