package io.hyperfusion.features.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.DataFormatException;
import io.hyperfusion.data.PostKey;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of {@link FeatureTableWriter} / {@link FeatureTableReader} through CSV and Parquet. */
class FeatureTableIoTest {
    private static final FeatureSchema SCHEMA = schema();

    @Test
    void csvRoundTripKeepsEveryValueKeyAndNaN(@TempDir Path dir) throws Exception {
        FeatureTable table = table(50, true, 1);
        Path file = dir.resolve("features.csv");
        FeatureTableWriter.write(file, table);
        List<String> lines = Files.readAllLines(file);
        assertEquals("uid,pid,time#hour,text#title_len,meta#category,image#emb_0,label", lines.get(0));
        assertEquals(51, lines.size());
        assertTrue(lines.get(1).startsWith("\"u,0\",\"p\"\"0\","), lines.get(1)); // quoted per RFC 4180
        assertTrue(lines.stream().anyMatch(l -> l.contains(",,")), "NaN must be written as an empty field");

        FeatureTable back = FeatureTableReader.readCsv(file, SCHEMA);
        assertEquals(table.keys(), back.keys());
        assertEquals(SCHEMA, back.features().schema());
        assertArrayEquals(table.features().values(), back.features().values(), 0.0); // NaN == NaN here
        assertArrayEquals(table.labels(), back.labels(), 0.0);
        assertFalse(FeatureTableReader.readCsv(file).features().schema().isCategorical(2));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void csvWithoutLabelsHasNoLabelColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f.csv");
        FeatureTableWriter.writeCsv(file, table(5, false, 2));
        assertFalse(Files.readAllLines(file).get(0).endsWith(",label"));
        assertNull(FeatureTableReader.readCsv(file).labels());
    }

    @Test
    void parquetReadBackThroughDuckDbHasEqualValuesNullsAndNames(@TempDir Path dir) throws Exception {
        FeatureTable table = table(200, true, 3);
        Path file = dir.resolve("features.parquet");
        FeatureTableWriter.write(file, table);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String src = "read_parquet('" + file + "')";
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + src)) {
                while (rs.next()) {
                    names.add(rs.getString("column_name"));
                    types.add(rs.getString("column_type"));
                }
            }
            assertEquals(List.of("uid", "pid", "time#hour", "text#title_len", "meta#category", "image#emb_0", "label"),
                    names);
            assertEquals(List.of("VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "INTEGER", "DOUBLE", "DOUBLE"), types);
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + src)) {
                int r = 0;
                FeatureMatrix x = table.features();
                while (rs.next()) {
                    assertEquals(table.keys().get(r), new PostKey(rs.getString(1), rs.getString(2)));
                    for (int col = 0; col < x.cols(); col++) {
                        double v = rs.getDouble(3 + col);
                        if (Double.isNaN(x.get(r, col))) {
                            assertTrue(rs.wasNull(), "row " + r + " col " + col + ": NaN must be NULL");
                        } else {
                            assertFalse(rs.wasNull());
                            assertEquals(x.get(r, col), v, 0.0, "row " + r + " col " + col);
                        }
                    }
                    assertEquals(table.labels()[r], rs.getDouble(7), 0.0);
                    r++;
                }
                assertEquals(200, r);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + src + " WHERE \"time#hour\" IS NULL")) {
                rs.next();
                assertTrue(rs.getLong(1) > 0, "the fixture has missing values");
            }
        }
        FeatureTable back = FeatureTableReader.readParquet(file);
        assertEquals(SCHEMA, back.features().schema()); // INTEGER columns read back as categorical
        assertEquals(SCHEMA, FeatureTableReader.readParquetSchema(file));
        assertArrayEquals(table.features().values(), back.features().values(), 0.0);
    }

    @Test
    void overwritingReplacesTheFileWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.parquet");
        FeatureTableWriter.write(file, table(30, true, 4));
        FeatureTableWriter.write(file, table(7, false, 5));
        FeatureTable back = FeatureTableReader.readParquet(file);
        assertEquals(7, back.rows());
        assertNull(back.labels());
    }

    @Test
    void badInputIsRejectedWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "uid,pid,time#hour,label\nu1,p1,3,1.5\nu2,p2,abc,2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FeatureTableReader.readCsv(file));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("time#hour")
                && e.getMessage().contains("abc") && e.getMessage().contains(file.toString()), e.getMessage());

        Files.writeString(file, "id,pid,time#hour\n");
        assertThrows(DataFormatException.class, () -> FeatureTableReader.readCsv(file));

        Files.writeString(file, "uid,pid,time#hour\nu1,p1\n");
        e = assertThrows(DataFormatException.class, () -> FeatureTableReader.readCsv(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("expected 3 fields"), e.getMessage());

        FeatureTable t = table(3, false, 6);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> FeatureTableWriter.write(dir.resolve("x.tsv"), t));
        assertTrue(wrong.getMessage().contains(".parquet"), wrong.getMessage());
    }

    @Test
    void nonIntegralCategoricalCodeIsRefused(@TempDir Path dir) {
        FeatureMatrix x = FeatureMatrix.builder(SCHEMA, 1).set(0, 2, 1.5).build();
        FeatureTable t = new FeatureTable(List.of(new PostKey("u", "p")), x, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureTableWriter.writeParquet(dir.resolve("c.parquet"), t));
        assertTrue(e.getMessage().contains("meta#category") && e.getMessage().contains("1.5"), e.getMessage());
    }

    /** Random values with NaN in every column, awkward keys, and a categorical column. */
    private static FeatureTable table(int rows, boolean labels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureMatrix.Builder b = FeatureMatrix.builder(SCHEMA, rows);
        List<PostKey> keys = new ArrayList<>();
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            keys.add(r == 0 ? new PostKey("u,0", "p\"0") : new PostKey("u" + r, "p" + r));
            b.set(r, 0, rnd.nextInt(24));
            b.set(r, 1, rnd.nextDouble() * 1e-7 + rnd.nextInt(100));
            b.set(r, 2, rnd.nextInt(11));
            b.set(r, 3, rnd.nextGaussian() * 1e6);
            for (int c = 0; c < 4; c++) {
                if ((r + c) % 9 == 4) {
                    b.set(r, c, Double.NaN);
                }
            }
            y[r] = rnd.nextDouble() * 10;
        }
        return new FeatureTable(keys, b.build(), labels ? y : null);
    }

    private static FeatureSchema schema() {
        BitSet cats = new BitSet();
        cats.set(2);
        return new FeatureSchema(List.of("time#hour", "text#title_len", "meta#category", "image#emb_0"), cats);
    }
}
