package io.hyperfusion.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The metric names, labels and values /metrics has always written, now kept and written by the Prometheus client. */
class ServerMetricsTest {

    @Test
    void namesLabelsAndCountsAreTheOnesScrapersKnow() {
        ServerMetrics m = new ServerMetrics(1.5);
        m.started();
        m.started();
        m.finished("/v1/predict", "POST", 200, 0.003);
        m.scored(7);
        String text = m.render();
        // The client writes label names sorted and counts as floating-point numbers: the same series as before.
        assertTrue(text.contains("hyperfusion_http_requests_total{method=\"POST\",route=\"/v1/predict\",status=\"200\"} 1.0"),
                text);
        assertTrue(text.contains("# TYPE hyperfusion_http_request_duration_seconds histogram"), text);
        assertTrue(text.contains("hyperfusion_http_request_duration_seconds_bucket{route=\"/v1/predict\",le=\"0.0025\"} 0"),
                text);
        assertTrue(text.contains("hyperfusion_http_request_duration_seconds_bucket{route=\"/v1/predict\",le=\"0.005\"} 1"),
                text);
        assertTrue(text.contains("hyperfusion_http_request_duration_seconds_count{route=\"/v1/predict\"} 1"), text);
        assertTrue(text.contains("hyperfusion_posts_scored_total 7"), text);
        assertTrue(text.contains("hyperfusion_http_requests_in_flight 1"), text);
        assertTrue(text.contains("hyperfusion_model_load_seconds 1.5"), text);
        assertEquals(1, m.inFlight());
    }
}
