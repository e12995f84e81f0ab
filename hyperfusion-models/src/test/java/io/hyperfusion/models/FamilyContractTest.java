package io.hyperfusion.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.djl.Gc;
import io.hyperfusion.models.options.OptionSpec;
import io.hyperfusion.models.options.OptionTable;
import io.hyperfusion.models.options.Range;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every model family keeps, in the spirit of scikit-learn's {@code check_estimator}: one parameterised
 * suite over every registered member family (and the seed average), so no family can skip a check and a new family
 * is tested the day it is registered. Family-specific behaviour (early stopping on noise, native categoricals, author
 * embeddings, hand-computed CatBoost scores) stays in each family's own test.
 *
 * <p>Same-seed training runs first: PyTorch inference on fresh threads (the concurrency check) must not come before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FamilyContractTest {

    static Stream<FamilyCase> families() {
        return FamilyCase.all().stream();
    }

    @AfterAll
    static void free() {
        FamilyCase.all().forEach(FamilyCase::closeAll);
    }

    @Test
    @Order(0)
    void everyRegisteredMemberFamilyHasACase() {
        Set<String> covered = FamilyCase.all().stream().map(FamilyCase::family).collect(Collectors.toSet());
        for (ModelFamily f : ModelFamilies.memberFamilies()) {
            assertTrue(covered.contains(f.name()), "no contract case for family " + f.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(1)
    void sameSeedGivesBitIdenticalPredictionsWhileTheCollectorRuns(FamilyCase c) throws Exception {
        try (Gc gc = Gc.hammer(); RegressionModel again = c.fit(FamilyCase.SEED)) {
            assertBitIdentical(c.model(FamilyCase.SEED).predict(FamilyCase.TEST.x()), again.predict(FamilyCase.TEST.x()));
            assertTrue(gc.collections() > 0, "the collector did not run");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(2)
    void saveLoadRoundTripGivesBitIdenticalPredictions(FamilyCase c, @TempDir Path dir) throws Exception {
        RegressionModel model = c.model(FamilyCase.SEED);
        model.save(dir);
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertEquals(model.getClass(), loaded.getClass());
            assertEquals(model.family(), loaded.family());
            assertEquals(model.schema(), loaded.schema());
            assertEquals(model.provenance(), loaded.provenance());
            assertBitIdentical(model.predict(FamilyCase.TEST.x()), loaded.predict(FamilyCase.TEST.x()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(3)
    void schemaMismatchNamesTheColumn(FamilyCase c) {
        List<String> names = new ArrayList<>(SyntheticRegression.SCHEMA.names());
        names.set(2, "num#renamed");
        BitSet cats = new BitSet();
        cats.set(4);
        FeatureMatrix x = new FeatureMatrix(new FeatureSchema(names, cats), FamilyCase.TEST.x().rows(),
                FamilyCase.TEST.x().values());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.model(FamilyCase.SEED).predict(x));
        assertTrue(e.getMessage().contains("num#x2") && e.getMessage().contains("num#renamed"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(4)
    void aPostScoresAloneAsInABatchAndNoRowsGiveNoScores(FamilyCase c) {
        RegressionModel model = c.model(FamilyCase.SEED);
        FeatureMatrix x = FamilyCase.TEST.x();
        double[] batch = model.predict(x);
        for (int r : new int[] {0, 1, 17, x.rows() - 1}) {
            assertEquals(batch[r], model.predict(x.selectRows(new int[] {r}))[0], 0.0, "row " + r);
        }
        assertEquals(0, model.predict(x.selectRows(new int[0])).length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(5)
    void closedModelRefusesToPredictButStillSaves(FamilyCase c, @TempDir Path dir) throws Exception {
        c.model(FamilyCase.SEED).save(dir.resolve("a"));
        RegressionModel copy = ModelIO.load(dir.resolve("a"));
        copy.close();
        copy.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> copy.predict(FamilyCase.TEST.x()));
        copy.save(dir.resolve("b"));
        try (RegressionModel again = ModelIO.load(dir.resolve("b"))) {
            assertBitIdentical(c.model(FamilyCase.SEED).predict(FamilyCase.TEST.x()), again.predict(FamilyCase.TEST.x()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(6)
    void provenanceSaysHowTheModelWasMade(FamilyCase c) {
        RegressionModel model = c.model(FamilyCase.SEED);
        Provenance p = model.provenance();
        assertEquals(c.family(), p.family());
        assertEquals(c.family(), model.family());
        assertEquals(SyntheticRegression.SCHEMA.size(), p.featureCount());
        if (!c.family().equals(AveragedModel.FAMILY) && !c.family().equals("catboost")) {
            RegressionTrainer tr = c.trainer(FamilyCase.SEED);
            assertEquals(Json.normaliseOptions(tr.options()), p.options());
            assertEquals(FamilyCase.TRAIN.x().rows(), p.trainingRows());
            assertEquals(FamilyCase.SEED, p.seed());
            // Trainers that stop early say so, and record the validation rows they were given.
            String valid = p.extra().get("validation_rows");
            assertEquals(tr.stopsEarly() ? Integer.toString(FamilyCase.VALID.x().rows()) : null, valid);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(7)
    void badOptionsAreRefusedWithTheOptionAndTheValueNamed(FamilyCase c) {
        OptionTable<?> table = c.options().orElseThrow();
        assertMessage(c, Map.of("no_such_option", 1), "unknown " + table.displayName() + " option 'no_such_option'");
        for (OptionSpec<?> s : table.specs()) {
            Object bad = outside(s);
            if (bad != null) {
                assertMessage(c, Map.of(s.name(), bad), s.name() + ": expected ");
                assertMessage(c, Map.of(s.name(), bad), String.valueOf(bad instanceof List<?> l ? l.get(0) : bad));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Order(8)
    void concurrentPredictionsEqualSequentialOnes(FamilyCase c) throws Exception {
        RegressionModel model = c.model(FamilyCase.SEED);
        double[] expected = model.predict(FamilyCase.TEST.x());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> model.predict(FamilyCase.TEST.x())));
            }
            for (Future<double[]> f : futures) {
                assertBitIdentical(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A value the option refuses, or null when every value of its type is accepted (text). */
    static Object outside(OptionSpec<?> s) {
        return switch (s.kind()) {
            case INTEGER, NUMBER, INTEGER_LIST -> {
                Range r = s.range();
                double v = Double.isFinite(r.lo()) ? r.lo() - 1 : r.hi() + 1;
                Object n = s.kind() == OptionSpec.Kind.NUMBER ? (Object) v : (Object) (long) v;
                yield s.kind() == OptionSpec.Kind.INTEGER_LIST ? List.of(n) : n;
            }
            case CHOICE -> "no-such-choice";
            case BOOLEAN -> "maybe";
            case TEXT -> null;
        };
    }

    private static void assertMessage(FamilyCase c, Map<String, Object> options, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.registered().trainer(options, 1, 1), options.toString());
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }

    static void assertBitIdentical(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "row " + i);
        }
        assertArrayEquals(a, b);
    }
}
