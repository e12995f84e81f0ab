package io.hyperfusion.app.serve;

import io.hyperfusion.features.encode.image.Cancellation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request on its way through the server: answered exactly once, by whichever comes first of its result, an
 * error, or its timeout; a timeout, or a failure of the connection that Jetty reports, also cancels the request's
 * image decoding. The latency recorded is the
 * whole request, from the first byte of its headers until the answer is written (the handler alone used to
 * report at most 1 s while clients waited longer). Thread-safe.
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String route;
    private final String method;
    private final ServerMetrics metrics;
    private final Cancellation cancellation = new Cancellation();
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    Exchange(Request request, Response response, Callback callback, String route, ServerMetrics metrics) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.route = route;
        this.method = ServerMetrics.method(request.getMethod());
        this.metrics = metrics;
        metrics.started();
        // A connection that fails while its request is being handled (closed by the client, idle timeout) stops
        // the request's image decoding too; its answer is then written into the void and completes the callback.
        request.addFailureListener(x -> cancellation.cancel());
    }

    Request request() {
        return request;
    }

    /** Stops this request's image decoding when cancelled. */
    Cancellation cancellation() {
        return cancellation;
    }

    /** Whether an answer has been given (work for this request can then be skipped). */
    boolean answered() {
        return answered.get();
    }

    /** Answers {@code timeout} after now with {@code reply} unless answered before, and cancels its decoding. */
    void deadline(ScheduledExecutorService scheduler, Duration timeout, Reply reply) {
        timer = scheduler.schedule(() -> {
            cancellation.cancel();
            answer(reply);
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (answered()) {
            timer.cancel(false);
        }
    }

    /** Writes {@code reply} unless an answer was given already; returns whether this call answered. */
    boolean answer(Reply reply) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        Callback done = Callback.from(() -> {
            record(reply.status());
            callback.succeeded();
        }, x -> {
            record(reply.status());
            callback.failed(x);
        });
        response.write(true, ByteBuffer.wrap(reply.body()), done);
        return true;
    }

    private void record(int status) {
        metrics.finished(route, method, status, (System.nanoTime() - request.getBeginNanoTime()) / 1e9);
    }
}
