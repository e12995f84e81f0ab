package io.hyperfusion.app.serve;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while it waits: chunks are taken as Jetty's selector delivers
 * them ({@link Request#demand}), so a client that sends one byte every five seconds costs a connection, not one
 * of the server's threads (13 such clients used to block every thread, {@code /v1/health} included).
 *
 * <p>Three limits end a body early: more than {@code maxBytes} (413), not complete within the body deadline
 * (408), or arriving slower than the minimum rate, on average, once its first second has passed (408; a body
 * shorter than the rate times the elapsed time only has to be complete). A watchdog on the shared scheduler
 * checks the last two twice a second, and only for bodies that did not arrive with their headers.
 */
final class BodyReader implements Runnable {
    /** Time a body may take before the minimum rate applies. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CHECK_MILLIS = 500;
    /** Buffer before the first bytes arrive. */
    private static final int INITIAL_BYTES = 64 * 1024;

    private final Request request;
    private final long maxBytes;
    private final long deadlineNanos;
    private final long minRate;
    private final Consumer<byte[]> onBody;
    private final Consumer<ApiException> onError;
    private final long begin;
    private final long expected;
    private final AtomicBoolean done = new AtomicBoolean();
    private byte[] buf;
    private volatile long received;
    private volatile ScheduledFuture<?> watchdog;

    private BodyReader(Request request, ServerConfig config, Consumer<byte[]> onBody, Consumer<ApiException> onError) {
        this.request = request;
        this.maxBytes = config.maxBodyBytes();
        this.deadlineNanos = config.bodyTimeout().toNanos();
        this.minRate = config.minBodyRate();
        this.onBody = onBody;
        this.onError = onError;
        this.begin = request.getBeginNanoTime();
        this.expected = request.getLength();
        // Grown as bytes arrive, never sized by the declared length alone: 50 connections declaring 16 MiB and
        // sending nothing must not cost 800 MB.
        this.buf = new byte[(int) Math.min(Math.min(expected >= 0 ? expected : INITIAL_BYTES, INITIAL_BYTES), maxBytes)];
    }

    /**
     * Starts reading; exactly one of {@code onBody} (the whole body) and {@code onError} is called later, on this
     * or another thread.
     */
    static void read(Request request, ServerConfig config, ScheduledExecutorService scheduler,
                     Consumer<byte[]> onBody, Consumer<ApiException> onError) {
        BodyReader r = new BodyReader(request, config, onBody, onError);
        r.run();
        if (!r.done.get()) {
            r.watchdog = scheduler.scheduleWithFixedDelay(r::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (r.done.get()) {
                r.watchdog.cancel(false); // finished while the watchdog was being scheduled
            }
        }
    }

    /** Takes every chunk available, then asks to be called again when more arrives. */
    @Override
    public void run() {
        while (!done.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                finish(null, new ApiException(400, "cannot read the body: " + chunk.getFailure(), null));
                return;
            }
            boolean last = chunk.isLast();
            boolean fits = append(chunk.getByteBuffer());
            chunk.release();
            if (!fits) {
                finish(null, new ApiException(413, "body exceeds the limit of " + maxBytes + " bytes", null));
                return;
            }
            if (last) {
                finish(received == buf.length ? buf : Arrays.copyOf(buf, (int) received), null);
                return;
            }
        }
    }

    private boolean append(ByteBuffer b) {
        int n = b.remaining();
        long size = received + n;
        if (size > maxBytes) {
            return false;
        }
        if (size > buf.length) {
            // Bytes are arriving: take the declared length at once (one allocation of a 15 MB body instead of
            // doubling through 32 MB of copies, which the garbage collector pays for in pauses); else double.
            long target = expected >= size ? expected : Math.max(size, 2L * buf.length);
            buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, target));
        }
        b.get(buf, (int) received, n);
        received = size;
        return true;
    }

    /** The watchdog: the body deadline and the minimum rate. */
    void check() {
        long elapsed = System.nanoTime() - begin;
        long got = received;
        if (elapsed > deadlineNanos) {
            finish(null, new ApiException(408, "request body not received within " + deadlineNanos / 1_000_000
                    + " ms (" + got + (expected >= 0 ? " of " + expected : "") + " bytes arrived)", null));
        } else if (elapsed > GRACE_NANOS) {
            double due = minRate * ((elapsed - GRACE_NANOS) / 1e9);
            if (got < (expected >= 0 ? Math.min(expected, due) : due)) {
                finish(null, new ApiException(408, String.format(java.util.Locale.ROOT,
                        "request body arriving at %.0f bytes/s, below the minimum of %d bytes/s", got / (elapsed / 1e9),
                        minRate), null));
            }
        }
    }

    private void finish(byte[] body, ApiException error) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> w = watchdog;
        if (w != null) {
            w.cancel(false);
        }
        if (error != null) {
            onError.accept(error);
        } else {
            onBody.accept(body);
        }
    }
}
