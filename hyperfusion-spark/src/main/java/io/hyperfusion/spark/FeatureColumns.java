package io.hyperfusion.spark;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.features.FeatureSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The feature columns of a wide feature table: the schema's names ({@code time#hour}), the Spark column names
 * they are stored under (every character outside {@code [A-Za-z0-9_#-]} replaced by {@code _}, since a dot
 * would read as struct access), and which columns hold categorical codes. Written next to the table as
 * {@value #FILE}.
 *
 * @param names       feature names of the {@link FeatureSchema}, in order
 * @param columns     the Spark column of each feature
 * @param categorical indices of categorical columns
 */
public record FeatureColumns(List<String> names, List<String> columns, int[] categorical) {
    /** File name of the sidecar inside the table folder. */
    public static final String FILE = "_features.json";
    private static final ObjectMapper JSON = Jackson.json();

    public FeatureColumns {
        names = List.copyOf(names);
        columns = List.copyOf(columns);
        categorical = categorical.clone();
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException("feature names and columns differ in length: " + names.size()
                    + " vs " + columns.size());
        }
    }

    /** The columns of a schema; fails when two names map to one column. */
    public static FeatureColumns of(FeatureSchema schema) {
        List<String> cols = new ArrayList<>();
        Set<String> seen = new HashSet<>(List.of(PostRows.UID, PostRows.PID, PostRows.LABEL, PostRows.SPLIT));
        for (String n : schema.names()) {
            String c = n.replaceAll("[^A-Za-z0-9_#-]", "_");
            if (!seen.add(c)) {
                throw new IllegalArgumentException("feature '" + n + "' maps to column '" + c
                        + "', which another feature or a key column already uses");
            }
            cols.add(c);
        }
        return new FeatureColumns(schema.names(), cols, schema.categoricalColumns());
    }

    /** The feature schema these columns hold. */
    public FeatureSchema schema() {
        BitSet cat = new BitSet();
        for (int i : categorical) {
            cat.set(i);
        }
        return new FeatureSchema(names, cat);
    }

    @Override
    public int[] categorical() {
        return categorical.clone();
    }

    /** The columns of a subset of feature groups ({@code time}, {@code user}, ...), or all when empty. */
    public int[] indicesOf(java.util.Collection<String> groups) {
        return groups.isEmpty() ? java.util.stream.IntStream.range(0, names.size()).toArray()
                : schema().columnsOfGroups(groups);
    }

    /** The columns at {@code idx}, in that order. */
    public FeatureColumns subset(int[] idx) {
        List<String> n = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<Integer> cat = new ArrayList<>();
        Set<Integer> isCat = new HashSet<>();
        for (int i : categorical) {
            isCat.add(i);
        }
        for (int k = 0; k < idx.length; k++) {
            n.add(names.get(idx[k]));
            c.add(columns.get(idx[k]));
            if (isCat.contains(idx[k])) {
                cat.add(k);
            }
        }
        return new FeatureColumns(n, c, cat.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Writes {@value #FILE} into a table folder. */
    public void write(String dir) {
        Path f = Path.of(dir, FILE);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@value #FILE} from a table folder. */
    public static FeatureColumns read(String dir) {
        Path f = Path.of(dir, FILE);
        try {
            return JSON.readValue(f.toFile(), FeatureColumns.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature columns " + f + " (is " + dir
                    + " a feature table written by 'features'?): " + e.getMessage(), e);
        }
    }
}
