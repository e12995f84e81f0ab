package io.hyperfusion.data;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One social-media post: ids, author, time, text, image reference, category levels, geo, extra metadata
 * and, when known, its popularity label.
 *
 * <p>Every field but the two ids may be absent: absent strings are {@code null} (an empty title is
 * {@code ""}), absent numbers are {@code null}. Collections are never null and are immutable.
 *
 * @param postId       the post's id (SMPD {@code Pid}, SMPD-Video {@code pid}); unique together with {@code userId}
 * @param userId       the author's id (SMPD {@code Uid})
 * @param postedAt     when it was posted, or null
 * @param title        title or text, "" when empty
 * @param tags         tags/hashtags in the order given
 * @param imagePath    image file relative to the dataset root (or absolute), or null when the post has none
 * @param category     first category level, or null
 * @param subcategory  second category level, or null
 * @param concept      third category level, or null
 * @param latitude     degrees, or null when the post has no geo tag
 * @param longitude    degrees, or null when the post has no geo tag
 * @param geoAccuracy  Flickr geo accuracy 1-16, or null
 * @param numeric      extra numeric metadata by name (no namespace prefix)
 * @param categorical  extra categorical metadata by name (no namespace prefix)
 * @param label        the popularity score, or null for an unlabelled post
 */
public record Post(
        String postId,
        String userId,
        Instant postedAt,
        String title,
        List<String> tags,
        String imagePath,
        String category,
        String subcategory,
        String concept,
        Double latitude,
        Double longitude,
        Integer geoAccuracy,
        Map<String, Double> numeric,
        Map<String, String> categorical,
        Double label) {

    public Post {
        if (postId == null || postId.isBlank()) {
            throw new IllegalArgumentException("post id must be non-empty, got " + (postId == null ? "null" : "'" + postId + "'"));
        }
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("user id of post " + postId + " must be non-empty");
        }
        if (label != null && !Double.isFinite(label)) {
            throw new IllegalArgumentException("label of post " + postId + " must be finite, got " + label);
        }
        title = title == null ? "" : title;
        tags = tags == null ? List.of() : List.copyOf(tags);
        numeric = numeric == null ? Map.of() : Map.copyOf(numeric);
        categorical = categorical == null ? Map.of() : Map.copyOf(categorical);
    }

    /** The join key used by every SMPD file: author and post id. */
    public PostKey key() {
        return new PostKey(userId, postId);
    }

    /** True when this post carries a label. */
    public boolean isLabelled() {
        return label != null;
    }

    /** The label as an optional. */
    public OptionalDouble labelValue() {
        return label == null ? OptionalDouble.empty() : OptionalDouble.of(label);
    }

    /** True when the post is geo-tagged (SMPD writes "0" for none). */
    public boolean hasGeo() {
        return latitude != null && longitude != null && !(latitude == 0.0 && longitude == 0.0);
    }

    /** A copy with another label (null removes it). */
    public Post withLabel(Double newLabel) {
        return new Post(postId, userId, postedAt, title, tags, imagePath, category, subcategory, concept,
                latitude, longitude, geoAccuracy, numeric, categorical, newLabel);
    }

    /** A copy with another post id (the server gives posts of requests scored together distinct keys). */
    public Post withPostId(String newPostId) {
        return new Post(newPostId, userId, postedAt, title, tags, imagePath, category, subcategory, concept,
                latitude, longitude, geoAccuracy, numeric, categorical, label);
    }

    /** A builder for the required ids; every other field is optional. */
    public static Builder builder(String postId, String userId) {
        return new Builder(postId, userId);
    }

    /** Mutable builder for {@link Post}; used by the readers that assemble a post from several files. */
    public static final class Builder {
        private final String postId;
        private final String userId;
        private Instant postedAt;
        private String title = "";
        private List<String> tags = List.of();
        private String imagePath;
        private String category;
        private String subcategory;
        private String concept;
        private Double latitude;
        private Double longitude;
        private Integer geoAccuracy;
        private final Map<String, Double> numeric = new java.util.LinkedHashMap<>();
        private final Map<String, String> categorical = new java.util.LinkedHashMap<>();
        private Double label;

        private Builder(String postId, String userId) {
            this.postId = postId;
            this.userId = userId;
        }

        public Builder postedAt(Instant v) { this.postedAt = v; return this; }
        public Builder title(String v) { this.title = v; return this; }
        public Builder tags(List<String> v) { this.tags = Objects.requireNonNullElse(v, List.of()); return this; }
        public Builder imagePath(String v) { this.imagePath = v; return this; }
        public Builder category(String v) { this.category = v; return this; }
        public Builder subcategory(String v) { this.subcategory = v; return this; }
        public Builder concept(String v) { this.concept = v; return this; }
        public Builder geo(Double lat, Double lon, Integer accuracy) {
            this.latitude = lat; this.longitude = lon; this.geoAccuracy = accuracy; return this;
        }
        public Builder numeric(String name, double v) { this.numeric.put(name, v); return this; }
        public Builder categorical(String name, String v) { this.categorical.put(name, v); return this; }
        public Builder label(Double v) { this.label = v; return this; }

        public String postId() { return postId; }
        public String userId() { return userId; }

        public Post build() {
            return new Post(postId, userId, postedAt, title, tags, imagePath, category, subcategory, concept,
                    latitude, longitude, geoAccuracy, numeric, categorical, label);
        }
    }
}
