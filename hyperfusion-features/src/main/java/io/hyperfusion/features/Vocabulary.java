package io.hyperfusion.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Codes for a categorical field, fitted on training values: the most frequent values get codes 0..n-1
 * (ties broken by value, so the codes are deterministic); unseen values and values beyond the size limit
 * share the "other" code n; missing values are NaN. Immutable; serialises as its list of values.
 */
public final class Vocabulary {
    private final List<String> values;
    private final Map<String, Integer> index;

    @JsonCreator
    public Vocabulary(List<String> values) {
        this.values = List.copyOf(values);
        this.index = new HashMap<>();
        for (int i = 0; i < this.values.size(); i++) {
            if (index.put(this.values.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary lists '" + this.values.get(i) + "' twice");
            }
        }
    }

    /** Fits a vocabulary of at most {@code maxSize} values seen at least {@code minCount} times. */
    public static Vocabulary fit(Iterable<String> observed, int maxSize, int minCount) {
        if (maxSize < 1 || minCount < 1) {
            throw new IllegalArgumentException("vocabulary needs maxSize >= 1 and minCount >= 1, got "
                    + maxSize + ", " + minCount);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String v : observed) {
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> es = new ArrayList<>(counts.entrySet());
        es.removeIf(e -> e.getValue() < minCount);
        es.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return new Vocabulary(es.stream().limit(maxSize).map(Map.Entry::getKey).toList());
    }

    /** The coded values; code = index. */
    @JsonValue
    public List<String> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    /** The code of a value: its index, {@code size()} for unseen values, NaN for null. */
    public double code(String value) {
        if (value == null) {
            return Double.NaN;
        }
        Integer i = index.get(value);
        return i != null ? i : values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && values.equals(v.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
