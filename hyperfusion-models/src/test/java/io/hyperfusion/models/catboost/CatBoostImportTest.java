package io.hyperfusion.models.catboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.PostKey;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.features.io.FeatureTable;
import io.hyperfusion.features.io.FeatureTableReader;
import io.hyperfusion.features.io.FeatureTableWriter;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the hand-built CatBoost models ({@link CbmFixtures}) with catboost-prediction's native evaluator and
 * checks its scores against values computed by hand from the trees.
 */
class CatBoostImportTest {
    private static final FeatureSchema NUMERIC = schema(List.of("num#a", "meta#level"), 1);
    private static final FeatureSchema MIXED = schema(List.of("num#a", "meta#kind", "num#b"), 1);

    @Test
    void shippedFixturesAreWhatTheGeneratorWrites() throws IOException {
        assertArrayEquals(CbmFixtures.numeric(CbmFixtures.INFO), resource(CbmFixtures.NUMERIC));
        assertArrayEquals(CbmFixtures.mixed(), resource(CbmFixtures.MIXED));
    }

    @Test
    void allNumericModelScoresAsComputedByHand(@TempDir Path dir) throws IOException {
        // Trees (bit 0 = first split): T0 [a>0.5, b>0] leaves 1..4; T1 [a>1.5, b>0] 10..40; T2 [b>0, a>0.5]
        // 100..400; bias 0.5. Column 1 is a categorical code passed as a float (the all-numeric way).
        double[][] rows = {{0, -1}, {1, -1}, {2, 1}, {1, 1}, {Double.NaN, Double.NaN}, {0.5, 0}};
        double[] expected = {
            1 + 10 + 100 + 0.5,      // no condition true
            2 + 10 + 300 + 0.5,      // a>0.5 only: T0 leaf 1, T2 leaf 2
            4 + 40 + 400 + 0.5,      // everything true
            4 + 30 + 400 + 0.5,      // a>1.5 false: T1 leaf 2
            1 + 10 + 100 + 0.5,      // NaN compares false (CatBoost's default NaN treatment)
            1 + 10 + 100 + 0.5,      // borders are strict: value > border
        };
        try (CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.NUMERIC, dir), NUMERIC)) {
            assertArrayEquals(expected, m.predict(matrix(NUMERIC, rows)), 0.0);
            assertEquals(3, m.treeCount());
            assertEquals(0, m.categoricalColumns().length);
            assertFalse(m.hasContributions());
        }
    }

    @Test
    void categoricalColumnGoesToCatBoostAsItsCodeString(@TempDir Path dir) throws IOException {
        // T0 [a>0.5, b>0] 1..4; T1 [kind=="2", a>1.5] 10..40; T2 [b>0, kind=="2"] 100..400; bias 0.5.
        double[][] rows = {{0, 2, -1}, {2, 2, 1}, {2, 0, 1}, {1, Double.NaN, 1}, {0, 12, -1}};
        double[] expected = {
            1 + 20 + 300 + 0.5,      // kind "2": T1 bit 0, T2 bit 1
            4 + 40 + 400 + 0.5,
            4 + 30 + 200 + 0.5,      // kind "0"
            4 + 10 + 200 + 0.5,      // missing code is passed as "-1", not "2"
            1 + 10 + 100 + 0.5,      // "12" is not "2"
        };
        try (CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.MIXED, dir), MIXED)) {
            assertArrayEquals(expected, m.predict(matrix(MIXED, rows)), 0.0);
            assertArrayEquals(new int[] {1}, m.categoricalColumns());
            assertEquals("1", m.provenance().extra().get("categorical_features"));
        }
    }

    @Test
    void schemaReadFromAnExportedTableFitsTheModel(@TempDir Path dir) throws IOException {
        // The docs/CATBOOST.md path: export the table, train elsewhere, load with the table's schema.
        Path table = dir.resolve("features.parquet");
        FeatureMatrix x = matrix(MIXED, new double[][] {{0, 2, -1}, {2, Double.NaN, 1}});
        FeatureTableWriter.write(table, new FeatureTable(
                List.of(new PostKey("u1", "p1"), new PostKey("u2", "p2")), x, new double[] {1, 2}));
        FeatureSchema fromTable = FeatureTableReader.readParquetSchema(table);
        assertEquals(MIXED, fromTable);
        try (CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.MIXED, dir), fromTable)) {
            assertArrayEquals(new double[] {1 + 20 + 300 + 0.5, 4 + 30 + 200 + 0.5}, m.predict(x), 0.0);
        }
    }

    @Test
    void featureCountMismatchIsReported(@TempDir Path dir) throws IOException {
        Path file = copy(CbmFixtures.MIXED, dir);
        FeatureSchema two = schema(List.of("num#a", "meta#kind"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatBoostImport.load(file, two));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("2 columns")
                && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void featureNameMismatchNamesBothColumns(@TempDir Path dir) throws IOException {
        Path file = copy(CbmFixtures.MIXED, dir);
        FeatureSchema renamed = schema(List.of("num#a", "meta#kind", "num#c"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatBoostImport.load(file, renamed));
        assertTrue(e.getMessage().contains("'num#b'") && e.getMessage().contains("'num#c'"), e.getMessage());
    }

    @Test
    void predictRejectsAnotherSchemaAndAcceptsNoRows(@TempDir Path dir) throws IOException {
        try (CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.MIXED, dir), MIXED)) {
            FeatureSchema other = schema(List.of("num#a", "meta#kind", "num#z"), 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(matrix(other, new double[][] {{0, 0, 0}})));
            assertTrue(e.getMessage().contains("num#z"), e.getMessage());
            assertEquals(0, m.predict(new FeatureMatrix(MIXED, 0, new double[0])).length);
        }
    }

    @Test
    void notAModelFileAndMissingFileAreReported(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.cbm");
        Files.writeString(junk, "CBM1 but not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatBoostImport.load(junk, NUMERIC));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> CatBoostImport.load(dir.resolve("absent.cbm"), NUMERIC));
    }

    @Test
    void lossWithoutARawScalePredictionIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("poisson.cbm");
        Files.write(file, CbmFixtures.numeric(Map.of("params", "{\"loss_function\":{\"type\":\"Poisson\"}}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatBoostImport.load(file, NUMERIC));
        assertTrue(e.getMessage().contains("Poisson"), e.getMessage());
        Path rmse = dir.resolve("rmse.cbm");
        Files.write(rmse, CbmFixtures.numeric(Map.of("params", "{\"loss_function\":{\"type\":\"RMSE\"}}")));
        try (CatBoostImportedModel m = CatBoostImport.load(rmse, NUMERIC)) {
            assertEquals("RMSE", m.provenance().options().get("loss_function"));
        }
    }

    @Test
    void saveLoadRoundTripThroughModelIO(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("saved");
        double[][] rows = {{0, 2, -1}, {2, 0, 1}, {1, Double.NaN, 1}};
        CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.MIXED, dir), MIXED);
        double[] expected = m.predict(matrix(MIXED, rows));
        m.close();
        m.save(saved); // works after close: the bytes stay on the heap
        assertArrayEquals(resource(CbmFixtures.MIXED), Files.readAllBytes(saved.resolve("model.cbm")));
        try (RegressionModel loaded = ModelIO.load(saved)) {
            assertInstanceOf(CatBoostImportedModel.class, loaded);
            assertEquals("catboost", loaded.family());
            assertEquals(MIXED, loaded.schema());
            assertEquals(m.provenance(), loaded.provenance());
            assertArrayEquals(expected, loaded.predict(matrix(MIXED, rows)), 0.0);
        }
        Files.write(saved.resolve("model.cbm"), resource(CbmFixtures.NUMERIC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(saved));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void closedModelRefusesToPredict(@TempDir Path dir) throws IOException {
        CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.MIXED, dir), MIXED);
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predict(matrix(MIXED, new double[][] {{0, 0, 0}})));
    }

    @Test
    void concurrentPredictionsEqualSequentialOnes(@TempDir Path dir) throws Exception {
        double[][] rows = new double[200][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {(i % 7) * 0.4, i % 4, (i % 5) - 2};
        }
        FeatureMatrix x = matrix(MIXED, rows);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CatBoostImportedModel m = CatBoostImport.load(copy(CbmFixtures.MIXED, dir), MIXED)) {
            double[] expected = m.predict(x);
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> m.predict(x)));
            }
            for (Future<double[]> f : futures) {
                assertArrayEquals(expected, f.get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void categoryStringsMatchTheDocumentedTrainingEncoding() {
        assertEquals("3", CatBoostImportedModel.categoryString(3.0));
        assertEquals("0", CatBoostImportedModel.categoryString(0.0));
        assertEquals("-1", CatBoostImportedModel.categoryString(Double.NaN));
        assertEquals("2.5", CatBoostImportedModel.categoryString(2.5));
    }

    private static FeatureSchema schema(List<String> names, int categorical) {
        BitSet cats = new BitSet();
        cats.set(categorical);
        return new FeatureSchema(names, cats);
    }

    private static FeatureMatrix matrix(FeatureSchema schema, double[][] rows) {
        FeatureMatrix.Builder b = FeatureMatrix.builder(schema, rows.length);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                b.set(r, c, rows[r][c]);
            }
        }
        return b.build();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CatBoostImportTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static Path copy(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, resource(name));
        return file;
    }
}
