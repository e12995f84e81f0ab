package io.hyperfusion.app.serve;

/**
 * A request the server refuses: the HTTP status, a message and, for a bad field, its path in the request body
 * ({@code posts[3].posted_at}); rendered as {@code {"error": ..., "field": ...}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String field;

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** A 400 naming a bad field. */
    public static ApiException badField(String field, String message) {
        return new ApiException(400, field + ": " + message, field);
    }

    public int status() {
        return status;
    }

    /** The JSON path of the bad field, or null. */
    public String field() {
        return field;
    }
}
