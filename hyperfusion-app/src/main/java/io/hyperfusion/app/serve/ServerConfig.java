package io.hyperfusion.app.serve;

import java.time.Duration;

/**
 * Where the server listens and the limits it enforces; checked when built.
 *
 * @param host             interface to bind, e.g. {@code 127.0.0.1}
 * @param port             TCP port, 0 for an ephemeral one
 * @param threads          requests computed at once (≥ 1)
 * @param queue            requests waiting for a compute (or decode) thread before new ones get 503 (≥ 0)
 * @param maxBodyBytes     request bodies above this get 413 (≥ 1024)
 * @param maxBatch         posts per predict request above this get 413 (≥ 1)
 * @param timeout          requests not answered within this after their body arrived get 503 (> 0)
 * @param stopTimeout      how long a stop waits for requests in flight (≥ 0)
 * @param bodyTimeout      a body not received completely within this after the request's headers gets 408 (> 0)
 * @param minBodyRate      bytes per second a body must arrive at, on average after its first second, or 408 (≥ 1)
 * @param maxRequestPixels header-declared pixels summed over a request's distinct images above this get 413 (≥ 1)
 * @param decodeThreads    images decoded at once, server-wide (≥ 1); decoding never runs on the compute threads
 * @param batchRows        most posts of concurrent predict requests scored in one call (≥ 1; 1: each request alone)
 */
public record ServerConfig(String host, int port, int threads, int queue, long maxBodyBytes, int maxBatch,
                           Duration timeout, Duration stopTimeout, Duration bodyTimeout, long minBodyRate,
                           long maxRequestPixels, int decodeThreads, int batchRows) {

    /** Posts of concurrent requests scored together by default. */
    public static final int DEFAULT_BATCH_ROWS = 64;

    /** With the default request batching. */
    public ServerConfig(String host, int port, int threads, int queue, long maxBodyBytes, int maxBatch,
                        Duration timeout, Duration stopTimeout, Duration bodyTimeout, long minBodyRate,
                        long maxRequestPixels, int decodeThreads) {
        this(host, port, threads, queue, maxBodyBytes, maxBatch, timeout, stopTimeout, bodyTimeout, minBodyRate,
                maxRequestPixels, decodeThreads, DEFAULT_BATCH_ROWS);
    }

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be non-empty, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (threads < 1 || queue < 0 || decodeThreads < 1) {
            throw new IllegalArgumentException("threads and decode threads must be >= 1 and queue >= 0, got "
                    + threads + ", " + decodeThreads + " and " + queue);
        }
        if (maxBodyBytes < 1024 || maxBatch < 1) {
            throw new IllegalArgumentException("max body must be >= 1024 bytes and max batch >= 1, got "
                    + maxBodyBytes + " and " + maxBatch);
        }
        positive("timeout", timeout);
        positive("body timeout", bodyTimeout);
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout must be >= 0, got " + stopTimeout);
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batch rows must be >= 1, got " + batchRows);
        }
        if (minBodyRate < 1 || maxRequestPixels < 1) {
            throw new IllegalArgumentException("minimum body rate and request pixels must be >= 1, got "
                    + minBodyRate + " and " + maxRequestPixels);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be > 0, got " + d);
        }
    }

    /**
     * Loopback, the given port, 2 threads, 16 MiB bodies, 256 posts, 10 s per request, 30 s to stop, bodies within
     * 30 s at 16 KiB/s or more, 100 megapixels per request, one decode thread.
     */
    public static ServerConfig defaults(int port) {
        return new ServerConfig("127.0.0.1", port, 2, 256, 16L << 20, 256, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 16 * 1024, 100_000_000L, 1);
    }

    public ServerConfig withThreads(int n) {
        return new ServerConfig(host, port, n, queue, maxBodyBytes, maxBatch, timeout, stopTimeout, bodyTimeout,
                minBodyRate, maxRequestPixels, decodeThreads, batchRows);
    }

    public ServerConfig withLimits(long body, int batch) {
        return new ServerConfig(host, port, threads, queue, body, batch, timeout, stopTimeout, bodyTimeout,
                minBodyRate, maxRequestPixels, decodeThreads, batchRows);
    }

    public ServerConfig withTimeout(Duration t) {
        return new ServerConfig(host, port, threads, queue, maxBodyBytes, maxBatch, t, stopTimeout, bodyTimeout,
                minBodyRate, maxRequestPixels, decodeThreads, batchRows);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, threads, queue, maxBodyBytes, maxBatch, timeout, stopTimeout, bodyTimeout,
                minBodyRate, maxRequestPixels, decodeThreads, batchRows);
    }

    /** Body deadline and minimum rate. */
    public ServerConfig withBodyLimits(Duration deadline, long bytesPerSecond) {
        return new ServerConfig(host, port, threads, queue, maxBodyBytes, maxBatch, timeout, stopTimeout, deadline,
                bytesPerSecond, maxRequestPixels, decodeThreads, batchRows);
    }

    /** Posts of concurrent requests scored in one call (1: no batching). */
    public ServerConfig withBatchRows(int rows) {
        return new ServerConfig(host, port, threads, queue, maxBodyBytes, maxBatch, timeout, stopTimeout, bodyTimeout,
                minBodyRate, maxRequestPixels, decodeThreads, rows);
    }

    /** Pixel budget per request and decode threads. */
    public ServerConfig withImageLimits(long pixels, int decoders) {
        return new ServerConfig(host, port, threads, queue, maxBodyBytes, maxBatch, timeout, stopTimeout, bodyTimeout,
                minBodyRate, pixels, decoders, batchRows);
    }
}
