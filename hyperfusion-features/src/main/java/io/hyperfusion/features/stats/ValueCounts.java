package io.hyperfusion.features.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each value of a categorical field occurs among the posts known when fitting (labelled and unlabelled;
 * no label is read): the "frequency encoding" of a category, e.g. how many posts use the same sound. Values seen
 * once or never count 0 (only repeated values are kept, so the fitted state stays small for id-like fields such as
 * a path alias). The feature is {@code ln(1 + count)}. Immutable.
 */
public final class ValueCounts {
    private final Map<String, Long> counts;

    @JsonCreator
    public ValueCounts(Map<String, Long> counts) {
        this.counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts)); // sorted: stable JSON
    }

    /** Counts the non-null values; keeps those seen at least twice. */
    public static ValueCounts fit(Iterable<String> values) {
        Map<String, Long> c = new HashMap<>();
        for (String v : values) {
            if (v != null) {
                c.merge(v, 1L, Long::sum);
            }
        }
        c.values().removeIf(n -> n < 2);
        return new ValueCounts(c);
    }

    @JsonValue
    public Map<String, Long> counts() {
        return counts;
    }

    /** {@code ln(1 + count)}; NaN for a missing value. */
    public double logCount(String value) {
        if (value == null) {
            return Double.NaN;
        }
        return Math.log1p(counts.getOrDefault(value, 0L));
    }
}
