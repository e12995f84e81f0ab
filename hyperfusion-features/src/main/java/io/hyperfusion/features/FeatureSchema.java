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
    /** Name → column, built on first use: schemas derived per request ({@link #select}) rarely need it. */
    private volatile Map<String, Integer> index;

    public FeatureSchema(List<String> names, BitSet categorical) {
        this.names = List.copyOf(names);
        this.categorical = (BitSet) categorical.clone();
        Map<String, Integer> idx = new HashMap<>(this.names.size() * 2);
        for (int i = 0; i < this.names.size(); i++) {
            String n = this.names.get(i);
            checkName(n);
            if (idx.put(n, i) != null) {
                throw new IllegalArgumentException("duplicate feature name '" + n + "'");
            }
        }
        this.index = idx;
        if (categorical.length() > this.names.size()) {
            throw new IllegalArgumentException("categorical column " + (categorical.length() - 1)
                    + " is beyond the " + this.names.size() + " columns");
        }
    }

    /** Names already checked (taken from a schema, or checked by the caller) and distinct. */
    private FeatureSchema(List<String> checkedNames, BitSet categorical, boolean trusted) {
        this.names = checkedNames;
        this.categorical = categorical;
    }

    private static void checkName(String n) {
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("feature name must look like 'group#name', got '" + n + "'");
        }
    }

    /**
     * The schema of columns {@code cols} of this one, in that order: what {@code new FeatureSchema} of those names
     * gives, without checking each name again (the serving path derives several of these per request).
     *
     * @throws IllegalArgumentException when a column repeats or is out of range
     */
    public FeatureSchema select(int[] cols) {
        BitSet seen = new BitSet(names.size());
        BitSet cat = new BitSet();
        String[] out = new String[cols.length];
        for (int j = 0; j < cols.length; j++) {
            int c = cols[j];
            if (c < 0 || c >= names.size()) {
                throw new IllegalArgumentException("column " + c + " is outside the " + names.size() + " columns");
            }
            if (seen.get(c)) {
                throw new IllegalArgumentException("duplicate feature name '" + names.get(c) + "'");
            }
            seen.set(c);
            out[j] = names.get(c);
            if (categorical.get(c)) {
                cat.set(j);
            }
        }
        return new FeatureSchema(List.of(out), cat, true);
    }

    /** This schema followed by numeric columns {@code extra} (checked: well formed, new and distinct). */
    public FeatureSchema append(List<String> extra) {
        Map<String, Integer> idx = index();
        java.util.Set<String> added = new java.util.HashSet<>();
        String[] out = names.toArray(new String[names.size() + extra.size()]);
        for (int j = 0; j < extra.size(); j++) {
            String n = extra.get(j);
            checkName(n);
            if (idx.containsKey(n) || !added.add(n)) {
                throw new IllegalArgumentException("duplicate feature name '" + n + "'");
            }
            out[names.size() + j] = n;
        }
        return new FeatureSchema(List.of(out), (BitSet) categorical.clone(), true);
    }

    private Map<String, Integer> index() {
        Map<String, Integer> idx = index;
        if (idx == null) {
            idx = new HashMap<>(names.size() * 2);
            for (int i = 0; i < names.size(); i++) {
                idx.put(names.get(i), i);
            }
            index = idx;
        }
        return idx;
    }

    public int size() { return names.size(); }
    public List<String> names() { return names; }
    public String name(int col) { return names.get(col); }
    public boolean isCategorical(int col) { return categorical.get(col); }

    /** Indices of the categorical columns, ascending. */
    public int[] categoricalColumns() { return categorical.stream().toArray(); }

    /** The column of a name, or -1. */
    public int indexOf(String name) { return index().getOrDefault(name, -1); }

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
