package io.hyperfusion.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.ValueRanges;
import io.hyperfusion.data.smpd.JsonValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An advice request: {@code {"post": {...}, "from": "2024-03-01T18:00:00Z", "candidate_tags": ["a", "b"]}}, where
 * {@code post} is a post object as {@code /v1/predict} takes it; a bare post object is read as {@code {"post": ...}}.
 *
 * @param from       start of the advised week (default now); {@link Advisor} rounds it up to the hour
 * @param candidates tags to try, or null for the training tags
 */
public record AdviceRequest(Post post, Map<String, UserProfile> users, byte[] image, Instant from,
                            List<String> candidates) {

    /** Parses a body; errors name the field ({@code post.posted_at}, {@code from}, {@code candidate_tags[2]}). */
    public static AdviceRequest parse(byte[] body, RequestReader reader) {
        ObjectNode root = RequestReader.object(body);
        ObjectNode rec = root;
        String prefix = "";
        if (root.has("post")) {
            if (!root.get("post").isObject()) {
                throw ApiException.badField("post", "expected a post object, got " + root.get("post").getNodeType());
            }
            rec = (ObjectNode) root.get("post");
            prefix = "post.";
        }
        RequestReader.Posts p = reader.posts(List.of(rec), List.of(prefix), root);
        Instant from = Instant.now();
        JsonNode f = root.get("from");
        if (f != null && !f.isNull()) {
            try {
                from = ValueRanges.instant(JsonValues.instant(f));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("from", e.getMessage());
            }
            if (from == null) {
                throw ApiException.badField("from", "expected an ISO-8601 time or unix seconds, got " + f);
            }
        }
        List<String> candidates = null;
        JsonNode c = root.get("candidate_tags");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw ApiException.badField("candidate_tags", "expected an array of strings, got " + c.getNodeType());
            }
            if (c.size() > Advisor.MAX_CANDIDATES) {
                throw ApiException.badField("candidate_tags", "at most " + Advisor.MAX_CANDIDATES + " tags, got " + c.size());
            }
            candidates = new ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                if (!c.get(i).isTextual() || c.get(i).asText().isBlank()) {
                    throw ApiException.badField("candidate_tags[" + i + "]", "expected a non-empty string, got " + c.get(i));
                }
                candidates.add(c.get(i).asText().strip());
            }
        }
        return new AdviceRequest(p.posts().get(0), p.users(), p.images().get(0), from, candidates);
    }
}
