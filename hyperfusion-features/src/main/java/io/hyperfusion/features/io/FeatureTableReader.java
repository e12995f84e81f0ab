package io.hyperfusion.features.io;

import io.hyperfusion.data.Csv;
import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import java.util.List;

/**
 * Reads back the tables {@link FeatureTableWriter} writes: CSV directly, Parquet through an in-memory DuckDB.
 *
 * <p>The first two columns must be {@code uid} and {@code pid}; a last column {@code label} becomes the labels;
 * every other column is a feature, its header being its schema name. CSV has no types, so its categorical
 * columns come from an expected schema ({@link #readCsv(Path, FeatureSchema)}); in Parquet, INTEGER columns
 * are the categorical ones. Empty fields and NULLs read as NaN. Bad input → {@link DataFormatException} naming
 * the file, line and column. Stateless and thread-safe.
 */
public final class FeatureTableReader {

    private FeatureTableReader() {
    }

    /** Reads a CSV table; no column is categorical. */
    public static FeatureTable readCsv(Path file) throws IOException {
        return readCsv(file, null);
    }

    /**
     * Reads a CSV table whose feature columns must be exactly {@code expected}'s (names and order); the schema's
     * categorical flags are kept. {@code expected = null} accepts any feature columns, none categorical.
     */
    public static FeatureTable readCsv(Path file, FeatureSchema expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "feature table not found");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = Csv.parser(in)) {
            Iterator<CSVRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw new DataFormatException(file, "line 1", "empty file: expected a header row");
            }
            List<String> header = Csv.fields(records.next(), false);
            Layout layout = Layout.of(header, file, "header");
            FeatureSchema schema = layout.schema(expected == null ? new BitSet() : null);
            if (expected != null) {
                expected.requireSame(new FeatureSchema(schema.names(), categoricalOf(expected)), file.toString());
                schema = expected;
            }
            List<PostKey> keys = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<Double> labels = new ArrayList<>();
            while (records.hasNext()) {
                List<String> rec = Csv.fields(next(records, file, csv), false);
                String where = "line " + csv.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new DataFormatException(file, where, "expected " + header.size() + " fields, got " + rec.size());
                }
                keys.add(new PostKey(rec.get(0), rec.get(1)));
                double[] row = new double[layout.features().size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = parse(rec.get(2 + c), file, where, header.get(2 + c));
                }
                rows.add(row);
                if (layout.hasLabel()) {
                    labels.add(parse(rec.get(rec.size() - 1), file, where, FeatureTable.LABEL));
                }
            }
            return assemble(schema, keys, rows, layout.hasLabel() ? labels : null);
        }
    }

    /** The next record; a malformed one (a quoted field still open at the end of the file) names the file and line. */
    private static CSVRecord next(Iterator<CSVRecord> records, Path file, CSVParser csv) {
        try {
            return records.next();
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new DataFormatException(file, "line " + csv.getCurrentLineNumber(), "malformed CSV: "
                    + e.getMessage(), e);
        }
    }

    /** Reads a Parquet table written by {@link FeatureTableWriter#writeParquet}. */
    public static FeatureTable readParquet(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "feature table not found");
        }
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = conn.createStatement()) {
            st.execute("SET threads TO 1");
            String source = "read_parquet(" + FeatureTableWriter.sqlString(file.toString()) + ")";
            List<String> names = new ArrayList<>();
            Layout layout = parquetLayout(st, source, file, names);
            FeatureSchema schema = layout.schema(layout.integerColumns());
            List<PostKey> keys = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<Double> labels = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + source)) {
                while (rs.next()) {
                    keys.add(new PostKey(rs.getString(1), rs.getString(2)));
                    double[] row = new double[schema.size()];
                    for (int c = 0; c < row.length; c++) {
                        double v = rs.getDouble(3 + c);
                        row[c] = rs.wasNull() ? Double.NaN : v;
                    }
                    rows.add(row);
                    if (layout.hasLabel()) {
                        double v = rs.getDouble(names.size());
                        labels.add(rs.wasNull() ? Double.NaN : v);
                    }
                }
            }
            return assemble(schema, keys, rows, layout.hasLabel() ? labels : null);
        } catch (SQLException e) {
            throw new IOException(file + ": reading Parquet through DuckDB failed: " + e.getMessage(), e);
        }
    }

    /**
     * The feature schema of a Parquet table without reading its rows: the columns between {@code pid} and
     * {@code label}, INTEGER ones categorical. This is the schema to give {@code CatBoostImport.load} for a
     * model trained on the table.
     */
    public static FeatureSchema readParquetSchema(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "feature table not found");
        }
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = conn.createStatement()) {
            String source = "read_parquet(" + FeatureTableWriter.sqlString(file.toString()) + ")";
            Layout layout = parquetLayout(st, source, file, new ArrayList<>());
            return layout.schema(layout.integerColumns());
        } catch (SQLException e) {
            throw new IOException(file + ": reading the Parquet schema through DuckDB failed: " + e.getMessage(), e);
        }
    }

    private static Layout parquetLayout(Statement st, String source, Path file, List<String> names)
            throws SQLException {
        BitSet integer = new BitSet();
        try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) {
                String type = rs.getString("column_type");
                if (names.size() >= 2 && (type.equals("INTEGER") || type.equals("BIGINT"))) {
                    integer.set(names.size() - 2);
                }
                names.add(rs.getString("column_name"));
            }
        }
        return Layout.of(names, file, "Parquet columns").withIntegerColumns(integer);
    }

    private static FeatureTable assemble(FeatureSchema schema, List<PostKey> keys, List<double[]> rows,
                                         List<Double> labels) {
        FeatureMatrix.Builder b = FeatureMatrix.builder(schema, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                b.set(r, c, row[c]);
            }
        }
        double[] y = labels == null ? null : labels.stream().mapToDouble(Double::doubleValue).toArray();
        return new FeatureTable(keys, b.build(), y);
    }

    private static BitSet categoricalOf(FeatureSchema s) {
        BitSet b = new BitSet();
        for (int c : s.categoricalColumns()) {
            b.set(c);
        }
        return b;
    }

    private static double parse(String s, Path file, String where, String column) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, where, "column '" + column + "': expected a number or an empty "
                    + "field, got '" + s + "'", e);
        }
    }


    /** The column layout: uid, pid, features..., optional label. */
    private record Layout(List<String> features, boolean hasLabel, Path file, String where, BitSet integerColumns) {
        static Layout of(List<String> columns, Path file, String where) {
            if (columns.size() < 2 || !columns.get(0).equals(FeatureTable.UID)
                    || !columns.get(1).equals(FeatureTable.PID)) {
                throw new DataFormatException(file, where, "expected the first columns to be 'uid', 'pid', got "
                        + columns.subList(0, Math.min(2, columns.size())));
            }
            boolean label = columns.get(columns.size() - 1).equals(FeatureTable.LABEL);
            return new Layout(List.copyOf(columns.subList(2, columns.size() - (label ? 1 : 0))), label, file, where, new BitSet());
        }

        /** The layout with the INTEGER-typed feature columns marked; a label column is never one. */
        Layout withIntegerColumns(BitSet integer) {
            BitSet b = integer.get(0, features.size());
            return new Layout(features, hasLabel, file, where, b);
        }

        FeatureSchema schema(BitSet categorical) {
            try {
                return new FeatureSchema(features, categorical == null ? new BitSet() : categorical);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, where, "bad feature column: " + e.getMessage(), e);
            }
        }
    }
}
