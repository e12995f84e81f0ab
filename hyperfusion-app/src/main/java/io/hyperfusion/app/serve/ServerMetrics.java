package io.hyperfusion.app.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's metrics, kept and written by the Prometheus Java client ({@code prometheus-metrics-core}, text
 * exposition format 0.0.4): requests by route, method and status, a latency histogram per route, posts scored,
 * requests in flight and the model load time. Every label comes from a closed set (routes, {@link #METHODS} or
 * {@code other}, the statuses the server answers with), so no client can create series: 2,000 invented methods once
 * made 2,000 series. Each server has a registry of its own (no process-wide default registry: two servers in one
 * JVM, as in the tests, keep separate counts). Safe to update from every request thread.
 */
public final class ServerMetrics {
    /** Histogram bucket upper bounds, seconds (up to the longest body deadline a client can use up). */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** The HTTP methods counted by name; any other is counted as {@code other}. */
    static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS", "TRACE", "CONNECT");

    /** The metric label of a request method: itself when standard, else {@code other}. */
    static String method(String m) {
        return METHODS.contains(m) ? m : "other";
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("hyperfusion_http_requests_total")
            .help("HTTP requests by route, method and status.").labelNames("route", "method", "status")
            .register(registry);
    private final Histogram latency = Histogram.builder().name("hyperfusion_http_request_duration_seconds")
            .help("Request latency by route.").labelNames("route").classicOnly().classicUpperBounds(BUCKETS)
            .register(registry);
    private final Counter posts = Counter.builder().name("hyperfusion_posts_scored_total")
            .help("Posts scored by /v1/predict.").register(registry);
    private final Gauge inFlight = Gauge.builder().name("hyperfusion_http_requests_in_flight")
            .help("Requests being handled.").register(registry);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public ServerMetrics(double modelLoadSeconds) {
        Gauge.builder().name("hyperfusion_model_load_seconds").help("Time to load the bundle and open its encoders.")
                .register(registry).set(modelLoadSeconds);
    }

    /**
     * Exposes the server's text-embedding cache: lookups that were hits and misses, and the texts held.
     *
     * @param counts returns {hits, misses, entries} when scraped
     */
    public void textCache(java.util.function.Supplier<long[]> counts) {
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("hyperfusion_text_cache_lookups_total")
                .help("Text-embedding cache lookups by result (hit, miss).").labelNames("result")
                .callback(cb -> {
                    long[] c = counts.get();
                    cb.call(c[0], "hit");
                    cb.call(c[1], "miss");
                }).register(registry);
        io.prometheus.metrics.core.metrics.GaugeWithCallback.builder().name("hyperfusion_text_cache_entries")
                .help("Texts whose embeddings the server keeps.").callback(cb -> cb.call(counts.get()[2]))
                .register(registry);
    }

    /**
     * Exposes request batching: batches scored with more than one request, and the requests in them.
     *
     * @param counts returns {batches, requests in them} when scraped
     */
    public void batches(java.util.function.Supplier<long[]> counts) {
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("hyperfusion_predict_batches_total")
                .help("Calls that scored several concurrent predict requests together.")
                .callback(cb -> cb.call(counts.get()[0])).register(registry);
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("hyperfusion_predict_batched_requests_total")
                .help("Predict requests scored in a call together with others.")
                .callback(cb -> cb.call(counts.get()[1])).register(registry);
    }

    /** A request started. */
    public void started() {
        inFlight.inc();
    }

    /**
     * A request finished with {@code status} after {@code seconds}; {@code route} and {@code method} must already
     * be labels of the closed sets (see {@link #method}).
     */
    public void finished(String route, String method, int status, double seconds) {
        inFlight.dec();
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route).observe(seconds);
    }

    /** Requests being handled now. */
    public long inFlight() {
        return (long) inFlight.get();
    }

    /** Posts scored (a batch counts each post). */
    public void scored(int n) {
        posts.inc(n);
    }

    /** The exposition text. */
    public String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics", e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
