package io.hyperfusion.app.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.app.page.DraftPage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
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
 * <p>Requests are read on Jetty's threads and computed on a fixed pool of {@code threads} workers with a bounded
 * queue: a full queue or a request not answered within the timeout gets 503, so an overloaded server sheds load
 * instead of piling it up. Bodies, batches and image pixels are limited (413, 413, 400). {@link #stop()} stops
 * accepting, lets requests in flight finish (up to the stop timeout), then closes the model.
 */
public final class PredictionServer implements AutoCloseable {
    private static final String JSON_TYPE = "application/json";

    private final ServedModel model;
    private final ServerConfig config;
    private final RequestReader reader;
    private final Advisor advisor;
    private final ServerMetrics metrics;
    private final ThreadPoolExecutor workers;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger stopped = new AtomicInteger();

    private PredictionServer(ServedModel model, ServerConfig config) {
        this.model = model;
        this.config = config;
        this.reader = new RequestReader(config.maxBatch());
        this.advisor = new Advisor(model.predictor(), model.trainingTags());
        this.metrics = new ServerMetrics(model.loadSeconds());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.SECONDS,
                config.queue() == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(config.queue()),
                r -> {
                    Thread t = new Thread(r, "hyperfusion-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // Jetty threads only read bodies and wait for workers; leave room for the acceptor and selector.
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
            // Stopping is best effort; the workers and the model are still released below.
        }
        workers.shutdown();
        try {
            workers.awaitTermination(config.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        model.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** An answer: status and JSON (or text) body. */
    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, JsonNode node) {
            try {
                return new Reply(status, JSON_TYPE, RequestReader.JSON.writeValueAsBytes(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
            }
        }

        static Reply error(ApiException e) {
            return json(e.status(), ResponseJson.error(e.getMessage(), e.field()));
        }
    }

    /** Routes, limits and error mapping. */
    private final class Api extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long t0 = System.nanoTime();
            metrics.started();
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            String route = switch (path) {
                case "/v1/predict", "/v1/advise", "/v1/health", "/v1/model", "/metrics" -> path;
                default -> "other";
            };
            Reply reply;
            try {
                reply = route(route, method, request);
            } catch (ApiException e) {
                reply = Reply.error(e);
            } catch (RuntimeException e) {
                reply = Reply.error(new ApiException(500, "internal error: " + e, null));
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            metrics.finished(route, method, reply.status(), (System.nanoTime() - t0) / 1e9);
            return true;
        }

        private Reply route(String route, String method, Request request) {
            return switch (route) {
                case "/v1/health" -> get(method, () -> Reply.json(200, RequestReader.JSON.createObjectNode()
                        .put("status", "ok").put("model_id", model.modelId())));
                case "/v1/model" -> get(method, () -> Reply.json(200, RequestReader.JSON.valueToTree(model.describe())));
                case "/metrics" -> get(method, () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.render().getBytes(StandardCharsets.UTF_8)));
                case "/v1/predict" -> post(method, request, this::predict);
                case "/v1/advise" -> post(method, request, this::advise);
                default -> throw new ApiException(404, "no route " + method + " " + Request.getPathInContext(request)
                        + "; routes: POST /v1/predict, POST /v1/advise, GET /v1/health, GET /v1/model, GET /metrics", null);
            };
        }

        private Reply get(String method, java.util.function.Supplier<Reply> f) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw new ApiException(405, "method " + method + " not allowed; use GET", null);
            }
            return f.get();
        }

        private Reply post(String method, Request request, java.util.function.Function<byte[], Reply> f) {
            if (!method.equals("POST")) {
                throw new ApiException(405, "method " + method + " not allowed; use POST", null);
            }
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!mime.equals(JSON_TYPE)) {
                throw new ApiException(415, "Content-Type must be application/json, got "
                        + (type == null ? "none" : "'" + type + "'"), null);
            }
            byte[] body = body(request);
            return compute(() -> f.apply(body));
        }

        /** The body, refused with 413 beyond the limit (by its declared length, or while reading). */
        private byte[] body(Request request) {
            long declared = request.getLength();
            long max = config.maxBodyBytes();
            if (declared > max) {
                throw new ApiException(413, "body of " + declared + " bytes exceeds the limit of " + max + " bytes", null);
            }
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                if (b.length > max) {
                    throw new ApiException(413, "body exceeds the limit of " + max + " bytes", null);
                }
                return b;
            } catch (IOException e) {
                throw new ApiException(400, "cannot read the body: " + e.getMessage(), null);
            }
        }

        /** Runs on a worker within the timeout; 503 when the queue is full or time runs out. */
        private Reply compute(java.util.concurrent.Callable<Reply> task) {
            Future<Reply> f;
            try {
                f = workers.submit(task);
            } catch (RejectedExecutionException e) {
                throw new ApiException(503, "server busy: " + config.threads() + " requests computing and "
                        + config.queue() + " waiting; retry later", null);
            }
            try {
                return f.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new ApiException(503, "request not answered within " + config.timeout().toMillis() + " ms", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "interrupted while shutting down", null);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ApiException a) {
                    throw a;
                }
                throw new IllegalStateException(e.getCause().toString(), e.getCause());
            }
        }

        private Reply predict(byte[] body) {
            RequestReader.Posts req = reader.read(body);
            JsonNode explainNode = req.root().get("explain");
            boolean explain = explainNode == null || explainNode.isNull() || explainNode.asBoolean(true);
            List<Prediction> preds;
            try {
                preds = model.predictor().predict(req.posts(), req.users(), req.images(), explain);
            } catch (OnlineEmbedder.BadImage e) {
                throw ApiException.badField(req.prefixes().get(e.index()) + "image_base64", e.getMessage());
            }
            metrics.scored(preds.size());
            return Reply.json(200, ResponseJson.predictions(req, preds, model.modelId()));
        }

        private Reply advise(byte[] body) {
            AdviceRequest a = AdviceRequest.parse(body, reader);
            Advisor.Advice advice;
            try {
                advice = advisor.advise(a.post(), a.users(), a.image(), a.from(), a.candidates());
            } catch (OnlineEmbedder.BadImage e) {
                throw ApiException.badField("post.image_base64", e.getMessage());
            }
            return Reply.json(200, ResponseJson.advice(a.post(), advice, model.modelId()));
        }
    }
}
