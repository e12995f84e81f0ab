package io.hyperfusion.app.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicLong;

/** An answer of the server: status, content type and body (JSON unless it is the metrics text). */
record Reply(int status, String contentType, byte[] body) {
    static final String JSON_TYPE = "application/json";

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

    /**
     * A 500 that says nothing about the inside (native stack traces and temporary paths used to reach clients):
     * the details go to the server's standard error under an incident number the answer quotes.
     */
    static Reply internal(Throwable t, AtomicLong incidents) {
        long id = incidents.incrementAndGet();
        synchronized (System.err) {
            System.err.println("hyperfusion serve: internal error #" + id + ": " + t);
            t.printStackTrace(System.err);
        }
        return json(500, ResponseJson.error("internal error #" + id + "; the server log has the details", null));
    }
}
