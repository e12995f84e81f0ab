package io.hyperfusion.app.page;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.serve.ApiException;
import io.hyperfusion.app.serve.ResponseJson;
import io.hyperfusion.app.serve.ServedModel;
import io.hyperfusion.app.serve.ServerMetrics;
import io.hyperfusion.data.jsonl.JsonlRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The drafting page of {@code hyperfusion serve}: {@code GET /} and its assets (fixed files inside the jar,
 * read once at start; no path from a request ever reaches the class path or the disk), and the two read-only
 * endpoints the page needs beside {@code /v1/predict} and {@code /v1/advise}: {@code GET /v1/draft-context}
 * ({@link DraftContext}) and {@code GET /v1/authors?q=&limit=} ({@link AuthorIndex}). Every other request goes to
 * the wrapped API handler unchanged.
 *
 * <p>Responses carry a Content-Security-Policy that allows only this origin's scripts, styles and requests (the
 * page has no inline script or style), and no CORS header, so other origins can neither read them nor frame the
 * page.
 */
public final class DraftPage extends Handler.Wrapper {
    /** Sent with every response of this handler. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
    private static final String JSON_TYPE = "application/json";
    private static final String RESOURCES = "/io/hyperfusion/app/page/";
    /** URL path → (resource file, content type). */
    private static final Map<String, String[]> ASSETS = assetTable();

    private final ObjectMapper json = Jackson.json();
    private final ServerMetrics metrics;
    private final AuthorIndex authors;
    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final byte[] context;

    private record Asset(String type, byte[] body) { }

    /**
     * @param model        the served model
     * @param maxBodyBytes the server's body limit (the page checks images against it before sending)
     * @param metrics      where requests are counted (routes {@code /}, {@code /assets}, and the endpoint paths)
     * @param api          the handler of every other request
     */
    public DraftPage(ServedModel model, long maxBodyBytes, ServerMetrics metrics, Handler api) {
        super(api);
        this.metrics = metrics;
        TrainingSummary summary = TrainingSummary.read(model.bundle());
        this.authors = AuthorIndex.of(model.predictor().model().pipeline(), summary.authors());
        try {
            this.context = json.writeValueAsBytes(DraftContext.of(json, model, summary, authors, maxBodyBytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the draft context: " + e.getMessage(), e);
        }
        ASSETS.forEach((path, file) -> assets.put(path, new Asset(file[1], resource(file[0]))));
    }

    private static Map<String, String[]> assetTable() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("/", new String[] {"index.html", "text/html; charset=utf-8"});
        m.put("/assets/page.css", new String[] {"page.css", "text/css; charset=utf-8"});
        for (String js : new String[] {"app.js", "author.js", "chart.js", "form.js", "format.js", "image.js",
                "places.js", "results.js", "words.js", "zones.js"}) {
            m.put("/assets/" + js, new String[] {js, "text/javascript; charset=utf-8"});
        }
        m.put("/assets/icon.svg", new String[] {"icon.svg", "image/svg+xml"});
        return Map.copyOf(m);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DraftPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the page resource " + RESOURCES + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page resource " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String route = assets.containsKey(path) ? (path.equals("/") ? "/" : "/assets")
                : path.equals("/v1/draft-context") || path.equals("/v1/authors") ? path : null;
        if (route == null) {
            return super.handle(request, response, callback);
        }
        long t0 = System.nanoTime();
        metrics.started();
        String method = request.getMethod();
        int status;
        String type;
        byte[] body;
        try {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new ApiException(405, "method " + method + " not allowed; use GET", null);
            }
            Asset a = assets.get(path);
            if (a != null) {
                type = a.type();
                body = a.body();
            } else {
                type = JSON_TYPE;
                body = path.equals("/v1/authors") ? json.writeValueAsBytes(authors(request)) : context;
            }
            status = 200;
        } catch (ApiException e) {
            status = e.status();
            type = JSON_TYPE;
            body = json.writeValueAsBytes(ResponseJson.error(e.getMessage(), e.field()));
        }
        response.setStatus(status);
        SECURITY_HEADERS.forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        // The page and its assets change with the jar; a revalidation per load costs nothing on a local server.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        metrics.finished(route, method, status, (System.nanoTime() - t0) / 1e9);
        return true;
    }

    /** {@code GET /v1/authors?q=TEXT&limit=N}: matching authors, most active first, each with its history. */
    private ObjectNode authors(Request request) {
        Fields params;
        try {
            params = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            throw new ApiException(400, "cannot read the query string: " + e.getMessage(), null);
        }
        String q = params.getValue("q");
        String limitText = params.getValue("limit");
        int limit = 8;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badField("limit", "expected an integer, got '" + limitText + "'");
            }
        }
        AuthorIndex.Result r;
        try {
            if (limit < 1 || limit > AuthorIndex.MAX_LIMIT) {
                throw ApiException.badField("limit", "must be in [1, " + AuthorIndex.MAX_LIMIT + "], got " + limit);
            }
            r = authors.search(q == null ? "" : q, limit);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("q", e.getMessage());
        }
        ObjectNode o = json.createObjectNode();
        o.put("query", q == null ? "" : q);
        o.put("total", r.total());
        ArrayNode arr = o.putArray("authors");
        for (AuthorIndex.Author a : r.authors()) {
            ObjectNode n = arr.addObject();
            n.put("user_id", a.userId());
            n.put("posts", a.posts());
            n.put("labelled_posts", a.labelled());
            if (a.meanLabel() == null) {
                n.putNull("mean_score");
            } else {
                n.put("mean_score", a.meanLabel());
            }
            n.put("first_post", a.firstPost() == null ? null : a.firstPost().toString());
            n.put("last_post", a.lastPost() == null ? null : a.lastPost().toString());
            if (a.profile() == null) {
                n.putNull("profile");
            } else {
                n.set("profile", JsonlRecords.userRecord(json, a.profile()));
            }
        }
        return o;
    }
}
