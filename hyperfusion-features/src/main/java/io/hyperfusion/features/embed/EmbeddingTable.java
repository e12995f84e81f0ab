package io.hyperfusion.features.embed;

import io.hyperfusion.data.PostKey;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An in-memory {@link Embeddings}: per space, a map from post key to vector. Immutable once built. */
public final class EmbeddingTable implements Embeddings {

    private record Space(List<String> names, Map<PostKey, float[]> vectors) { }

    private final Map<String, Space> spaces;

    private EmbeddingTable(Map<String, Space> spaces) {
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> spaces() {
        return spaces.keySet();
    }

    @Override
    public int dimension(String space) {
        return require(space).names().size();
    }

    @Override
    public List<String> componentNames(String space) {
        return require(space).names();
    }

    @Override
    public float[] get(String space, PostKey post) {
        Space s = spaces.get(space);
        return s == null ? null : s.vectors().get(post);
    }

    /** Number of posts that have a vector in a space. */
    public int count(String space) {
        Space s = spaces.get(space);
        return s == null ? 0 : s.vectors().size();
    }

    /** A table holding this table's spaces and {@code other}'s (other wins on a shared space name). */
    public EmbeddingTable merge(EmbeddingTable other) {
        Map<String, Space> m = new LinkedHashMap<>(spaces);
        m.putAll(other.spaces);
        return new EmbeddingTable(m);
    }

    private Space require(String space) {
        Space s = spaces.get(space);
        if (s == null) {
            throw new IllegalArgumentException("no embedding space '" + space + "'; present: " + spaces.keySet());
        }
        return s;
    }

    /** Collects vectors space by space. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Space> spaces = new LinkedHashMap<>();

        /** Declares a space with its component names. */
        public Builder space(String name, List<String> componentNames) {
            if (spaces.containsKey(name)) {
                throw new IllegalArgumentException("embedding space '" + name + "' declared twice");
            }
            spaces.put(name, new Space(List.copyOf(componentNames), new HashMap<>()));
            return this;
        }

        /** Adds a post's vector to a declared space; the length must match. */
        public Builder put(String space, PostKey post, float[] vector) {
            Space s = spaces.get(space);
            if (s == null) {
                throw new IllegalArgumentException("embedding space '" + space + "' was not declared");
            }
            if (vector.length != s.names().size()) {
                throw new IllegalArgumentException("space '" + space + "' vector of " + post + ": expected "
                        + s.names().size() + " values, got " + vector.length);
            }
            s.vectors().put(post, vector.clone());
            return this;
        }

        public EmbeddingTable build() {
            Map<String, Space> frozen = new LinkedHashMap<>();
            spaces.forEach((k, v) -> frozen.put(k, new Space(v.names(), Map.copyOf(v.vectors()))));
            return new EmbeddingTable(frozen);
        }
    }
}
