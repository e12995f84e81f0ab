package io.hyperfusion.features;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ordered, namespaced column names of a feature matrix and which columns are categorical.
 *
 * <p>Names carry their source: {@code group#name}, e.g. {@code time#hour}, {@code user#photo_count},
 * {@code image#emb_17}. A categorical column holds non-negative integer codes (NaN = missing).
 */
public final class FeatureSchema {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*#[A-Za-z0-9_.:-]+");

    private final List<String> names;
    private final BitSet categorical;
    private final Map<String, Integer> index;

    public FeatureSchema(List<String> names, BitSet categorical) {
        this.names = List.copyOf(names);
        this.categorical = (BitSet) categorical.clone();
        this.index = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            String n = this.names.get(i);
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("feature name must look like 'group#name', got '" + n + "'");
            }
            if (index.put(n, i) != null) {
                throw new IllegalArgumentException("duplicate feature name '" + n + "'");
            }
        }
        if (categorical.length() > this.names.size()) {
            throw new IllegalArgumentException("categorical column " + (categorical.length() - 1)
                    + " is beyond the " + this.names.size() + " columns");
        }
    }

    public int size() { return names.size(); }
    public List<String> names() { return names; }
    public String name(int col) { return names.get(col); }
    public boolean isCategorical(int col) { return categorical.get(col); }

    /** Indices of the categorical columns, ascending. */
    public int[] categoricalColumns() { return categorical.stream().toArray(); }

    /** The column of a name, or -1. */
    public int indexOf(String name) { return index.getOrDefault(name, -1); }

    /** The group of a column: the part before '#'. */
    public String group(int col) {
        String n = names.get(col);
        return n.substring(0, n.indexOf('#'));
    }

    /** Columns whose group is one of {@code groups}, ascending. */
    public int[] columnsOfGroups(java.util.Collection<String> groups) {
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (groups.contains(group(i))) {
                cols.add(i);
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Throws when {@code other} does not have the same columns in the same order. */
    public void requireSame(FeatureSchema other, String what) {
        if (!names.equals(other.names) || !categorical.equals(other.categorical)) {
            String detail = names.size() != other.names.size()
                    ? "expected " + names.size() + " columns, got " + other.names.size()
                    : firstDifference(other);
            throw new IllegalArgumentException(what + ": feature schema does not match the model's: " + detail);
        }
    }

    private String firstDifference(FeatureSchema other) {
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(other.names.get(i))) {
                return "column " + i + " expected '" + names.get(i) + "', got '" + other.names.get(i) + "'";
            }
            if (categorical.get(i) != other.categorical.get(i)) {
                return "column " + i + " '" + names.get(i) + "' categorical expected " + categorical.get(i);
            }
        }
        return "same names";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema s && names.equals(s.names) && categorical.equals(s.categorical);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + categorical.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema" + names;
    }
}
