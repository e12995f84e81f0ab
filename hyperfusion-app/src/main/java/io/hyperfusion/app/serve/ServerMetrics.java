package io.hyperfusion.app.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's metrics in the Prometheus text exposition format (version 0.0.4): requests by route, method and
 * status, a latency histogram per route, posts scored, requests in flight and the model load time. Every label
 * comes from a closed set (routes, {@link #METHODS} or {@code other}, the statuses the server answers with), so
 * no client can create series: 2,000 invented methods once made 2,000 series. Lock-free counters; safe to
 * update from every request thread.
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

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder posts = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final double modelLoadSeconds;

    public ServerMetrics(double modelLoadSeconds) {
        this.modelLoadSeconds = modelLoadSeconds;
    }

    /** Latency counts of one route. */
    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder total = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].increment(); // non-cumulative here; summed when rendered
                    break;
                }
            }
            total.increment();
            sum.add(seconds);
        }
    }

    /** A request started. */
    public void started() {
        inFlight.increment();
    }

    /**
     * A request finished with {@code status} after {@code seconds}; {@code route} and {@code method} must already
     * be labels of the closed sets (see {@link #method}).
     */
    public void finished(String route, String method, int status, double seconds) {
        inFlight.decrement();
        requests.computeIfAbsent(route + '\u0000' + method + '\u0000' + status, k -> new LongAdder()).increment();
        latency.computeIfAbsent(route, k -> new Histogram()).observe(seconds);
    }

    /** Requests being handled now. */
    public long inFlight() {
        return inFlight.sum();
    }

    /** Posts scored (a batch counts each post). */
    public void scored(int n) {
        posts.add(n);
    }

    /** The exposition text. */
    public String render() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("# HELP hyperfusion_http_requests_total HTTP requests by route, method and status.\n");
        sb.append("# TYPE hyperfusion_http_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            String[] p = k.split("\u0000", -1);
            sb.append("hyperfusion_http_requests_total{route=\"").append(escape(p[0])).append("\",method=\"")
                    .append(escape(p[1])).append("\",status=\"").append(p[2]).append("\"} ").append(v.sum()).append('\n');
        });
        sb.append("# HELP hyperfusion_http_request_duration_seconds Request latency by route.\n");
        sb.append("# TYPE hyperfusion_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((route, h) -> {
            String r = escape(route);
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                sb.append("hyperfusion_http_request_duration_seconds_bucket{route=\"").append(r).append("\",le=\"")
                        .append(format(BUCKETS[i])).append("\"} ").append(cumulative).append('\n');
            }
            long total = h.total.sum();
            sb.append("hyperfusion_http_request_duration_seconds_bucket{route=\"").append(r).append("\",le=\"+Inf\"} ")
                    .append(total).append('\n');
            sb.append("hyperfusion_http_request_duration_seconds_sum{route=\"").append(r).append("\"} ")
                    .append(format(h.sum.sum())).append('\n');
            sb.append("hyperfusion_http_request_duration_seconds_count{route=\"").append(r).append("\"} ")
                    .append(total).append('\n');
        });
        sb.append("# HELP hyperfusion_posts_scored_total Posts scored by /v1/predict.\n");
        sb.append("# TYPE hyperfusion_posts_scored_total counter\n");
        sb.append("hyperfusion_posts_scored_total ").append(posts.sum()).append('\n');
        sb.append("# HELP hyperfusion_http_requests_in_flight Requests being handled.\n");
        sb.append("# TYPE hyperfusion_http_requests_in_flight gauge\n");
        sb.append("hyperfusion_http_requests_in_flight ").append(inFlight.sum()).append('\n');
        sb.append("# HELP hyperfusion_model_load_seconds Time to load the bundle and open its encoders.\n");
        sb.append("# TYPE hyperfusion_model_load_seconds gauge\n");
        sb.append("hyperfusion_model_load_seconds ").append(format(modelLoadSeconds)).append('\n');
        return sb.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
