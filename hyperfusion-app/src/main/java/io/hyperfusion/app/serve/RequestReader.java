package io.hyperfusion.app.serve;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.jsonl.JsonlRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the posts of a request body: one post object, or {@code {"posts": [...]}}, each in the project's own JSON
 * post format (docs/FORMATS.md, read with {@link JsonlRecords} so the two never drift) plus {@code image_base64}
 * (the image's bytes) and {@code user} (the author's profile in {@code users.jsonl} form). Every error names the
 * field ({@code posts[3].posted_at}). Thread-safe.
 */
public final class RequestReader {
    /** Deepest nesting accepted: a post is 4 levels deep ({@code {"posts": [{"user": {"numeric": {}}}]}}). */
    static final int MAX_DEPTH = 32;
    /** Longest number accepted, in characters (a double needs 25; 10,000 digits cost quadratic time to parse). */
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Shared, thread-safe mapper (the project's configuration, {@link Jackson#json()}): creating one per request
     * costs more than a prediction. Its read constraints refuse absurd nesting and number lengths while parsing
     * (a 400), before any tree is built; they are set on this copy's own factory only.
     */
    static final ObjectMapper JSON = constrained(Jackson.json());

    private static ObjectMapper constrained(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH).build());
        return mapper;
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private final int maxBatch;

    /** @param maxBatch posts accepted in one request (≥ 1); more give 413 */
    public RequestReader(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be >= 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
    }

    /**
     * The posts of a request, their authors' inline profiles and their images.
     *
     * @param prefixes per post the path prefix of its fields ({@code ""} or {@code posts[i].})
     */
    public record Posts(List<Post> posts, Map<String, UserProfile> users, List<byte[]> images, List<String> prefixes,
                        ObjectNode root) { }

    /** Parses a JSON body into an object. */
    public static ObjectNode object(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Constraint violations carry no location.
            JsonLocation at = e.getLocation();
            throw new ApiException(400, "invalid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), null);
        } catch (IOException e) {
            throw new ApiException(400, "cannot read the body: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()), null);
        }
        return (ObjectNode) root;
    }

    /** The posts of a body holding one post or {@code {"posts": [...]}}. */
    public Posts read(byte[] body) {
        ObjectNode root = object(body);
        List<ObjectNode> records = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (root.has("posts")) {
            JsonNode arr = root.get("posts");
            if (!arr.isArray()) {
                throw ApiException.badField("posts", "expected an array of posts, got " + arr.getNodeType());
            }
            if (arr.isEmpty()) {
                throw ApiException.badField("posts", "expected at least one post");
            }
            if (arr.size() > maxBatch) {
                throw new ApiException(413, "batch of " + arr.size() + " posts exceeds the limit of " + maxBatch
                        + " posts per request", "posts");
            }
            for (int i = 0; i < arr.size(); i++) {
                if (!arr.get(i).isObject()) {
                    throw ApiException.badField("posts[" + i + "]", "expected a post object, got " + arr.get(i).getNodeType());
                }
                records.add((ObjectNode) arr.get(i));
                prefixes.add("posts[" + i + "].");
            }
        } else {
            records.add(root);
            prefixes.add("");
        }
        return posts(records, prefixes, root);
    }

    /** Reads post records (with their field path prefixes). */
    public Posts posts(List<ObjectNode> records, List<String> prefixes, ObjectNode root) {
        List<Post> posts = new ArrayList<>(records.size());
        List<byte[]> images = new ArrayList<>(records.size());
        Map<String, UserProfile> users = new LinkedHashMap<>();
        Set<PostKey> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode rec = records.get(i);
            String at = prefixes.get(i);
            Post p = post(rec, at);
            if (!seen.add(p.key())) {
                throw ApiException.badField(at + "post_id", "post " + p.userId() + "/" + p.postId()
                        + " appears twice in the request");
            }
            posts.add(p);
            images.add(image(rec.get("image_base64"), at + "image_base64"));
            JsonNode u = rec.get("user");
            if (u != null && !u.isNull()) {
                UserProfile profile = user(u, p.userId(), at + "user");
                UserProfile old = users.putIfAbsent(p.userId(), profile);
                if (old != null && !old.equals(profile)) {
                    throw ApiException.badField(at + "user", "differs from the profile of author " + p.userId()
                            + " given earlier in the request");
                }
            }
        }
        return new Posts(posts, users, images, prefixes, root);
    }

    private static Post post(ObjectNode rec, String at) {
        try {
            return JsonlRecords.post(rec);
        } catch (JsonlRecords.BadField e) {
            throw ApiException.badField(at + e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(at + "post_id", e.getMessage());
        }
    }

    private static UserProfile user(JsonNode u, String authorId, String at) {
        if (!u.isObject()) {
            throw ApiException.badField(at, "expected a profile object, got " + u.getNodeType());
        }
        ObjectNode rec = ((ObjectNode) u).deepCopy();
        if (!rec.hasNonNull("user_id")) {
            rec.put("user_id", authorId);
        }
        try {
            UserProfile p = JsonlRecords.user(rec);
            if (!p.userId().equals(authorId)) {
                throw ApiException.badField(at + ".user_id", "expected the post's author '" + authorId + "', got '"
                        + p.userId() + "'");
            }
            return p;
        } catch (JsonlRecords.BadField e) {
            throw ApiException.badField(at + "." + e.field(), e.getMessage());
        }
    }

    private static byte[] image(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badField(field, "expected a base64 string, got " + n.getNodeType());
        }
        try {
            // Strict decoder (the MIME one skips stray characters); line breaks and spaces are allowed.
            byte[] bytes = Base64.getDecoder().decode(WHITESPACE.matcher(n.asText()).replaceAll(""));
            if (bytes.length == 0) {
                throw ApiException.badField(field, "empty image");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "not valid base64: " + e.getMessage());
        }
    }
}
