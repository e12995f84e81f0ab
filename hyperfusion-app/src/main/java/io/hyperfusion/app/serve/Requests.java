package io.hyperfusion.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.app.advise.Advisor;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The stages of a {@code POST /v1/predict} or {@code /v1/advise} request, each on its own pool, none holding a
 * thread while it waits for the next: body (Jetty's selector) → parse and check (a worker) → decode the images,
 * if the model uses them, under the pixel budget (a decoder) → score (a worker) → answer. A stage of a request
 * already answered (its timeout fired) is skipped, and the timeout aborts its decoding. Thread-safe.
 */
final class Requests {
    /** Bodies above this are parsed on the decoder pool, apart from the compute threads. */
    static final int LARGE_BODY_BYTES = 256 * 1024;

    private final ServedModel model;
    private final ServerConfig config;
    private final RequestReader reader;
    private final Advisor advisor;
    private final ServerMetrics metrics;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor decoders;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong incidents;
    private final PredictBatcher batcher;

    Requests(ServedModel model, ServerConfig config, RequestReader reader, Advisor advisor, ServerMetrics metrics,
             ThreadPoolExecutor workers, ThreadPoolExecutor decoders, ScheduledExecutorService scheduler,
             AtomicLong incidents) {
        this.model = model;
        this.config = config;
        this.reader = reader;
        this.advisor = advisor;
        this.metrics = metrics;
        this.workers = workers;
        this.decoders = decoders;
        this.scheduler = scheduler;
        this.incidents = incidents;
        this.batcher = new PredictBatcher(model.predictor(), config.batchRows());
    }

    /** Batches scored together and the requests in them, since start. */
    long[] batchCounts() {
        return batcher.counts();
    }

    /** Checks method, type and declared length, then reads the body without blocking. */
    void post(Exchange ex, String route, String contentType) {
        String method = ex.request().getMethod();
        if (!method.equals("POST")) {
            throw new ApiException(405, "method " + method + " not allowed; use POST", null);
        }
        if (!Reply.JSON_TYPE.equals(contentType)) {
            throw new ApiException(415, "Content-Type must be application/json, got "
                    + (contentType == null ? "none" : "'" + contentType + "'"), null);
        }
        long declared = ex.request().getLength();
        if (declared > config.maxBodyBytes()) {
            throw new ApiException(413, "body of " + declared + " bytes exceeds the limit of " + config.maxBodyBytes()
                    + " bytes", null);
        }
        BodyReader.read(ex.request(), config, scheduler, body -> accepted(ex, route, body),
                e -> ex.answer(Reply.error(e)));
    }

    /**
     * The body is complete: the request's time starts, and it queues for a worker. A large body (in practice one
     * carrying images) is parsed on the decoder pool instead: parsing and base64-decoding 15 MB takes a worker for
     * half a second, and two clients sending such batches back to back kept ordinary requests waiting.
     */
    private void accepted(Exchange ex, String route, byte[] body) {
        ex.deadline(scheduler, config.timeout(), Reply.error(new ApiException(503, "request not answered within "
                + config.timeout().toMillis() + " ms", null)));
        boolean large = body.length > LARGE_BODY_BYTES;
        stage(large ? decoders : workers, ex, large ? "decode" : "compute", () -> {
            if (route.equals("/v1/predict")) {
                predict(ex, body, large);
            } else {
                advise(ex, body, large);
            }
        });
    }

    private void predict(Exchange ex, byte[] body, boolean onDecoder) {
        RequestReader.Posts req = reader.read(body);
        JsonNode e = req.root().get("explain");
        boolean explain = e == null || e.isNull() || e.asBoolean(true);
        if (req.posts().size() <= batcher.maxRows() && !decodes(req.images())) {
            // Scored with whatever other requests are parsed by the time the drain queued behind this one runs.
            batcher.submit(new PredictBatcher.Job(req.posts(), req.users(), explain, ex::answered,
                    preds -> ex.answer(predictions(req, preds, OnlineEmbedder.Decoded.none())), t -> failed(ex, t)));
            PredictionServer.submit(workers, ex, "compute", batcher::drain);
            return;
        }
        withImages(ex, onDecoder, req.images(), i -> req.prefixes().get(i) + "image_base64", decoded -> predictions(req,
                model.predictor().predict(req.posts(), req.users(), req.images(), decoded, explain), decoded));
    }

    /** The answer of a predict request, counted in the metrics. */
    private Reply predictions(RequestReader.Posts req, List<Prediction> preds, OnlineEmbedder.Decoded decoded) {
        metrics.scored(preds.size());
        return Reply.json(200, ResponseJson.predictions(req, preds, decoded, model.modelId()));
    }

    /** Whether any of a request's images must be decoded: the model uses images and the request has one. */
    private boolean decodes(List<byte[]> images) {
        return model.predictor().embedder().usesImages() && !images.stream().allMatch(Objects::isNull);
    }

    private void advise(Exchange ex, byte[] body, boolean onDecoder) {
        AdviceRequest a = AdviceRequest.parse(body, reader);
        withImages(ex, onDecoder, Collections.singletonList(a.image()), i -> "post.image_base64", decoded -> Reply.json(200,
                ResponseJson.advice(a.post(), advisor.advise(a.post(), a.users(), a.image(), decoded, a.from(),
                        a.candidates()), model.modelId())));
    }

    /**
     * Computes the answer directly when no image needs decoding; otherwise checks the pixel budget, decodes on a
     * decoder thread (this one when {@code onDecoder}) and computes on a worker.
     */
    private void withImages(Exchange ex, boolean onDecoder, List<byte[]> images, IntFunction<String> field,
                            Function<OnlineEmbedder.Decoded, Reply> compute) {
        OnlineEmbedder embedder = model.predictor().embedder();
        if (!decodes(images)) {
            if (onDecoder) {
                stage(workers, ex, "compute", () -> ex.answer(compute(compute, OnlineEmbedder.Decoded.none(), field)));
            } else {
                ex.answer(compute(compute, OnlineEmbedder.Decoded.none(), field));
            }
            return;
        }
        long pixels;
        try {
            pixels = embedder.declaredPixels(images);
        } catch (OnlineEmbedder.BadImage b) {
            throw ApiException.badField(field.apply(b.index()), b.getMessage());
        }
        if (pixels > config.maxRequestPixels()) {
            throw new ApiException(413, "the request's images declare " + pixels + " pixels in all, above the limit of "
                    + config.maxRequestPixels() + " pixels per request; send fewer or smaller images per request", null);
        }
        Runnable decode = () -> {
            OnlineEmbedder.Decoded decoded;
            try {
                decoded = embedder.decode(images, ex.cancellation());
            } catch (OnlineEmbedder.BadImage b) {
                throw ApiException.badField(field.apply(b.index()), b.getMessage());
            }
            stage(workers, ex, "compute", () -> ex.answer(compute(compute, decoded, field)));
        };
        if (onDecoder) {
            decode.run(); // parsed on a decoder already (a large body): no second queue
        } else {
            stage(decoders, ex, "decode", decode);
        }
    }

    private static Reply compute(Function<OnlineEmbedder.Decoded, Reply> compute, OnlineEmbedder.Decoded decoded,
                                 IntFunction<String> field) {
        try {
            return compute.apply(decoded);
        } catch (OnlineEmbedder.BadImage b) {
            throw ApiException.badField(field.apply(b.index()), b.getMessage());
        }
    }

    /** Runs {@code task} on {@code pool} unless the request is answered by then; its failures become answers. */
    private void stage(ThreadPoolExecutor pool, Exchange ex, String what, Runnable task) {
        PredictionServer.submit(pool, ex, what, () -> {
            if (ex.answered()) {
                return; // timed out while queued: the work would be thrown away
            }
            guarded(ex, task);
        });
    }

    /** Runs a step of {@code ex}'s request; its failures become its answer. */
    private void guarded(Exchange ex, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error t) {
            failed(ex, t);
        }
    }

    /** Answers {@code ex} with its failure {@code t}. */
    private void failed(Exchange ex, Throwable t) {
        if (t instanceof ApiException a) {
            ex.answer(Reply.error(a));
        } else if (!(t instanceof OnlineEmbedder.Cancelled)) { // a cancelled decoding's timeout has answered already
            ex.answer(Reply.internal(t, incidents));
        }
    }
}
