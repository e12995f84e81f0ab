package io.hyperfusion.features.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Log-ratios between count-like fields: for every pair (a, b) of the chosen fields,
 * {@code ln(1 + a) - ln(1 + b)} — likes per video, followers per following. Trees split on one column at a time,
 * so a ratio of two columns is a shape they can only approximate with many splits; practitioners hand it to them.
 * A field is count-like when every finite training value is {@code >= 0} and it takes more than two values; at
 * most {@code maxFields} of them (the first in name order) are paired. A missing or negative value gives NaN.
 * Immutable; serialised as the list of chosen fields.
 */
public final class CountRatios {
    private final List<String> fields;

    @JsonCreator
    public CountRatios(@JsonProperty("fields") List<String> fields) {
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The chosen fields, in pairing order. */
    @JsonProperty("fields")
    public List<String> fields() {
        return fields;
    }

    /**
     * Chooses the count-like fields among {@code candidates} (name order) from their training values.
     *
     * @param values field → training values (NaN = missing)
     */
    public static CountRatios fit(List<String> candidates, Map<String, double[]> values, int maxFields) {
        List<String> chosen = new ArrayList<>();
        for (String f : candidates) {
            double[] v = values.get(f);
            if (v == null || chosen.size() >= maxFields) {
                continue;
            }
            Set<Double> distinct = new HashSet<>();
            boolean countLike = true;
            for (double x : v) {
                if (Double.isFinite(x)) {
                    countLike &= x >= 0;
                    if (distinct.size() < 3) {
                        distinct.add(x);
                    }
                }
            }
            if (countLike && distinct.size() > 2) {
                chosen.add(f);
            }
        }
        return new CountRatios(chosen);
    }

    /** Column suffixes, {@code ratio_<a>_<b>} for each pair in order. */
    public List<String> names() {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            for (int j = i + 1; j < fields.size(); j++) {
                n.add("ratio_" + fields.get(i) + "_" + fields.get(j));
            }
        }
        return n;
    }

    /** Number of columns. */
    public int width() {
        return fields.size() * (fields.size() - 1) / 2;
    }

    /** Writes the ratios of one row into {@code out[from..]}; {@code value} gives a field's value (null = missing). */
    public void write(java.util.function.Function<String, Double> value, double[] out, int from) {
        double[] logs = new double[fields.size()];
        for (int i = 0; i < logs.length; i++) {
            Double v = value.apply(fields.get(i));
            logs[i] = v == null || !(v >= 0) || Double.isInfinite(v) ? Double.NaN : Math.log1p(v);
        }
        int c = from;
        for (int i = 0; i < logs.length; i++) {
            for (int j = i + 1; j < logs.length; j++) {
                out[c++] = logs[i] - logs[j];
            }
        }
    }
}
