package io.hyperfusion.app.serve;

import java.time.Duration;

/**
 * Where the server listens and the limits it enforces; checked when built.
 *
 * @param host           interface to bind, e.g. {@code 127.0.0.1}
 * @param port           TCP port, 0 for an ephemeral one
 * @param threads        requests computed at once (≥ 1)
 * @param queue          requests waiting for a compute thread before new ones get 503 (≥ 0)
 * @param maxBodyBytes   request bodies above this get 413 (≥ 1024)
 * @param maxBatch       posts per predict request above this get 413 (≥ 1)
 * @param timeout        requests not answered within this get 503 (> 0)
 * @param stopTimeout    how long a stop waits for requests in flight (≥ 0)
 */
public record ServerConfig(String host, int port, int threads, int queue, long maxBodyBytes, int maxBatch,
                           Duration timeout, Duration stopTimeout) {

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be non-empty, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads must be >= 1 and queue >= 0, got " + threads + " and " + queue);
        }
        if (maxBodyBytes < 1024 || maxBatch < 1) {
            throw new IllegalArgumentException("max body must be >= 1024 bytes and max batch >= 1, got "
                    + maxBodyBytes + " and " + maxBatch);
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout must be >= 0, got " + stopTimeout);
        }
    }

    /** Loopback, the given port, 2 threads, 16 MiB bodies, 256 posts, 10 s per request, 30 s to stop. */
    public static ServerConfig defaults(int port) {
        return new ServerConfig("127.0.0.1", port, 2, 256, 16L << 20, 256, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public ServerConfig withThreads(int n) {
        return new ServerConfig(host, port, n, queue, maxBodyBytes, maxBatch, timeout, stopTimeout);
    }

    public ServerConfig withLimits(long body, int batch) {
        return new ServerConfig(host, port, threads, queue, body, batch, timeout, stopTimeout);
    }

    public ServerConfig withTimeout(Duration t) {
        return new ServerConfig(host, port, threads, queue, maxBodyBytes, maxBatch, t, stopTimeout);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, threads, queue, maxBodyBytes, maxBatch, timeout, stopTimeout);
    }
}
