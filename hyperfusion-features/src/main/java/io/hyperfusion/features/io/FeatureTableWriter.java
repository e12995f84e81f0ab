package io.hyperfusion.features.io;

import io.hyperfusion.data.Csv;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a {@link FeatureTable} as CSV or Parquet, for training models outside the JVM (e.g. CatBoost in
 * Python, see docs/CATBOOST.md).
 *
 * <p>Columns: {@code uid}, {@code pid}, the features under their schema names as they are, then {@code label}
 * if the table has labels. CSV: RFC 4180, UTF-8, header row, NaN as an empty field, integral values without a
 * fraction ({@code 3}), others in Java's shortest round-trip form. Parquet: written by DuckDB (in-memory
 * database, bulk insert through its appender, then {@code COPY ... (FORMAT PARQUET)}); features and label are
 * DOUBLE, categorical columns INTEGER, NaN is NULL.
 *
 * <p>Both formats are written to a temporary file in the target's folder and renamed over the target, so a
 * reader never sees a half-written table. Stateless and thread-safe; each Parquet write opens its own
 * database, which holds the whole table in memory until it is copied out.
 */
public final class FeatureTableWriter {

    private FeatureTableWriter() {
    }

    /** Writes CSV when {@code file} ends in {@code .csv}, Parquet when in {@code .parquet}. */
    public static void write(Path file, FeatureTable table) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            writeCsv(file, table);
        } else if (name.endsWith(".parquet")) {
            writeParquet(file, table);
        } else {
            throw new IllegalArgumentException(file + ": expected a name ending in .csv or .parquet");
        }
    }

    /** Writes {@code table} as CSV to {@code file}, atomically. */
    public static void writeCsv(Path file, FeatureTable table) throws IOException {
        requireIntegralCodes(table.features());
        Path tmp = tempFileFor(file);
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                writeCsv(w, table);
            }
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeCsv(Writer w, FeatureTable table) throws IOException {
        FeatureSchema schema = table.features().schema();
        CSVPrinter out = Csv.printer(w);
        List<String> header = new ArrayList<>(List.of(FeatureTable.UID, FeatureTable.PID));
        header.addAll(schema.names());
        if (table.hasLabels()) {
            header.add(FeatureTable.LABEL);
        }
        out.printRecord(header);
        double[] labels = table.labels();
        FeatureMatrix x = table.features();
        List<String> row = new ArrayList<>(header.size());
        for (int r = 0; r < table.rows(); r++) {
            row.clear();
            PostKey key = table.keys().get(r);
            row.add(key.userId());
            row.add(key.postId());
            for (int c = 0; c < x.cols(); c++) {
                row.add(Csv.number(x.get(r, c)));
            }
            if (labels != null) {
                row.add(Csv.number(labels[r]));
            }
            out.printRecord(row);
        }
        out.flush();
    }

    /** Writes {@code table} as Parquet to {@code file}, atomically, through an in-memory DuckDB. */
    public static void writeParquet(Path file, FeatureTable table) throws IOException {
        requireIntegralCodes(table.features());
        Path tmp = tempFileFor(file);
        try {
            Files.delete(tmp); // DuckDB creates the file itself
            try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
                 Statement st = conn.createStatement()) {
                st.execute("SET threads TO 1"); // explicit, and keeps row order trivially stable
                st.execute(createTableSql(table));
                append(conn.unwrap(DuckDBConnection.class), table);
                st.execute("COPY t TO " + sqlString(tmp.toString()) + " (FORMAT PARQUET)");
            } catch (SQLException e) {
                throw new IOException(file + ": writing Parquet through DuckDB failed: " + e.getMessage(), e);
            }
            moveAtomically(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String createTableSql(FeatureTable table) {
        FeatureSchema schema = table.features().schema();
        StringBuilder sql = new StringBuilder("CREATE TABLE t (uid VARCHAR NOT NULL, pid VARCHAR NOT NULL");
        for (int c = 0; c < schema.size(); c++) {
            sql.append(", ").append(sqlIdentifier(schema.name(c)))
                    .append(schema.isCategorical(c) ? " INTEGER" : " DOUBLE");
        }
        if (table.hasLabels()) {
            sql.append(", ").append(FeatureTable.LABEL).append(" DOUBLE");
        }
        return sql.append(')').toString();
    }

    private static void append(DuckDBConnection conn, FeatureTable table) throws SQLException {
        FeatureMatrix x = table.features();
        FeatureSchema schema = x.schema();
        double[] labels = table.labels();
        try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
            for (int r = 0; r < table.rows(); r++) {
                a.beginRow();
                a.append(table.keys().get(r).userId());
                a.append(table.keys().get(r).postId());
                for (int c = 0; c < x.cols(); c++) {
                    double v = x.get(r, c);
                    if (Double.isNaN(v)) {
                        a.append((String) null); // the appender's NULL
                    } else if (schema.isCategorical(c)) {
                        a.append((int) v);
                    } else {
                        a.append(v);
                    }
                }
                if (labels != null) {
                    if (Double.isNaN(labels[r])) {
                        a.append((String) null);
                    } else {
                        a.append(labels[r]);
                    }
                }
                a.endRow();
            }
        }
    }

    /** Categorical columns hold integer codes; anything else would be silently truncated in Parquet. */
    private static void requireIntegralCodes(FeatureMatrix x) {
        for (int c : x.schema().categoricalColumns()) {
            for (int r = 0; r < x.rows(); r++) {
                double v = x.get(r, c);
                if (!Double.isNaN(v) && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("row " + r + ", categorical column '" + x.schema().name(c)
                            + "': expected an integer code or NaN, got " + v);
                }
            }
        }
    }

    static String sqlIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String sqlString(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    private static Path tempFileFor(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
