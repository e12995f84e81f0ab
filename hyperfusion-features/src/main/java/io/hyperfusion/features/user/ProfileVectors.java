package io.hyperfusion.features.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.linalg.Pca;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An author-level vector of the data set (SMPD's {@code user_description} and {@code location_description}
 * embeddings) reduced to a few principal components fitted on the training authors, one row per author (an author
 * with many posts must not dominate the axes), plus whether the author has one. They describe an author before any
 * of their posts is labelled, so they matter most for new authors. Vectors of another length than the most common
 * one count as absent. Immutable.
 */
public final class ProfileVectors {
    private final Pca pca; // null when fewer than 2 training authors had a vector

    @JsonCreator
    public ProfileVectors(@JsonProperty("pca") Pca pca) {
        this.pca = pca;
    }

    @JsonProperty("pca")
    public Pca pca() {
        return pca;
    }

    /** Fits on the distinct authors of the training posts. */
    static ProfileVectors fit(Set<String> authors, Function<String, UserProfile> users,
                              Function<UserProfile, float[]> vector, int k, long seed) {
        Map<Integer, Integer> lengths = new HashMap<>();
        List<float[]> rows = new ArrayList<>();
        for (String a : new LinkedHashSet<>(authors)) {
            float[] v = vector.apply(users.apply(a));
            if (v.length > 0) {
                rows.add(v);
                lengths.merge(v.length, 1, Integer::sum);
            }
        }
        if (rows.isEmpty()) {
            return new ProfileVectors(null);
        }
        int d = lengths.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        rows.removeIf(v -> v.length != d);
        return rows.size() < 2 ? new ProfileVectors(null) : new ProfileVectors(Pca.fit(rows, Math.min(k, d), 50_000, seed));
    }

    /** Columns: present flag, then k components. */
    int width(int k) {
        return 1 + k;
    }

    /** Writes present and the components (NaN when absent) into {@code out[from..]}. */
    void write(float[] v, int k, double[] out, int from) {
        boolean ok = pca != null && v.length == pca.dimension();
        out[from] = ok ? 1 : 0;
        double[] z = ok ? pca.project(v) : null;
        for (int i = 0; i < k; i++) {
            out[from + 1 + i] = z != null && i < z.length ? z[i] : Double.NaN;
        }
    }
}
