package io.hyperfusion.models.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.Json;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standardisation, one-hot slots, key mapping and the JSON round trip of {@link TabularEncoder}. */
class TabularEncoderTest {
    private static final FeatureSchema SCHEMA = schema();

    private static FeatureSchema schema() {
        BitSet cats = new BitSet();
        cats.set(1);
        cats.set(2);
        return new FeatureSchema(List.of("num#a", "cat#level", "user#author_code"), cats);
    }

    private static FeatureMatrix matrix(double[]... rows) {
        FeatureMatrix.Builder b = FeatureMatrix.builder(SCHEMA, rows.length);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < 3; c++) {
                b.set(r, c, rows[r][c]);
            }
        }
        return b.build();
    }

    @Test
    void encodesWithTrainingStatistics() {
        // num#a: mean 2, sd sqrt(2/3); cat#level codes 0..1 -> 2 slots + unknown; author codes 0..2 -> vocabulary 3.
        FeatureMatrix train = matrix(new double[] {1, 0, 0}, new double[] {2, 1, 2}, new double[] {3, 1, 1});
        TabularEncoder enc = TabularEncoder.fit(train, new double[] {1, 2, 3}, 64, "user#author_code", 10,
                InputScaling.STANDARD);
        assertEquals(1 + 3, enc.width());
        assertEquals(4, enc.keyRows());
        FeatureMatrix x = matrix(new double[] {2 + Math.sqrt(2.0 / 3), 1, 7}, new double[] {Double.NaN, 5, Double.NaN});
        assertArrayEquals(new float[] {1, 0, 1, 0, 0, 0, 0, 1}, enc.encode(x), 1e-6f);
        assertArrayEquals(new long[] {3, 3}, enc.keys(x)); // code 7 unseen, NaN -> unknown row 3
        assertEquals(3.0, enc.unscaleTarget(enc.scaleTarget(new double[] {3})[0]), 1e-6);
    }

    @Test
    void authorAbsentFromTheTrainingRowsGetsTheUnknownRowEvenBelowTheLargestCode() {
        // An out-of-fold fit: the pipeline coded authors 0..3, but this fold's rows carry only 0 and 3. Codes 1 and 2
        // are below the largest training code, yet their embedding rows would never be trained.
        FeatureMatrix train = matrix(new double[] {1, 0, 0}, new double[] {2, 1, 3}, new double[] {3, 1, 3});
        TabularEncoder enc = TabularEncoder.fit(train, new double[] {1, 2, 3}, 64, "user#author_code", 10,
                InputScaling.STANDARD);
        assertEquals(5, enc.keyRows()); // rows 0..3 and the unknown row 4
        FeatureMatrix x = matrix(new double[] {1, 0, 0}, new double[] {1, 0, 1}, new double[] {1, 0, 2},
                new double[] {1, 0, 3});
        assertArrayEquals(new long[] {0, 4, 4, 3}, enc.keys(x));
    }

    @Test
    void keysSeenSurviveTheJsonRoundTripAndOldEncodersKeepTheirMapping() throws Exception {
        FeatureMatrix train = matrix(new double[] {1, 0, 0}, new double[] {2, 1, 3});
        TabularEncoder enc = TabularEncoder.fit(train, new double[] {1, 2}, 64, "user#author_code", 10,
                InputScaling.STANDARD);
        FeatureMatrix x = matrix(new double[] {1, 0, 1}, new double[] {1, 0, 3});
        String json = Json.writer().writeValueAsString(enc.toMap());
        assertArrayEquals(new long[] {4, 3}, TabularEncoder.fromMap(Json.reader().readValue(json, Map.class), SCHEMA).keys(x));
        Map<String, Object> old = new java.util.LinkedHashMap<>(enc.toMap());
        old.remove("keysSeen"); // saved before the fix: every code below the vocabulary had its own row
        assertArrayEquals(new long[] {1, 3}, TabularEncoder.fromMap(old, SCHEMA).keys(x));
    }

    @Test
    void survivesJsonRoundTrip() throws Exception {
        FeatureMatrix train = matrix(new double[] {1, 0, 0}, new double[] {5, 1, 2}, new double[] {9, 1, 1});
        FeatureMatrix other = matrix(new double[] {4, 0, 0}, new double[] {Double.NaN, 1, 2});
        for (InputScaling scaling : InputScaling.values()) {
            TabularEncoder enc = TabularEncoder.fit(train, new double[] {1, 2, 3}, 64, null, 10, scaling);
            String json = Json.writer().writeValueAsString(enc.toMap());
            TabularEncoder back = TabularEncoder.fromMap(Json.reader().readValue(json, Map.class), SCHEMA);
            assertArrayEquals(enc.encode(train), back.encode(train));
            assertArrayEquals(enc.encode(other), back.encode(other));
            assertEquals(Json.normaliseOptions(enc.toMap()), Json.normaliseOptions(back.toMap()));
        }
    }

    @Test
    void quantileScalingMapsTheTrainingRangeOntoANormal() {
        FeatureMatrix train = matrix(new double[] {1, 0, 0}, new double[] {2, 1, 2}, new double[] {1000, 1, 1});
        TabularEncoder enc = TabularEncoder.fit(train, new double[] {1, 2, 3}, 64, null, 10, InputScaling.QUANTILE);
        float[] e = enc.encode(train);
        // Three points: the median value maps to 0 however far the outlier is; the extremes clip at +-5.2.
        assertEquals(0f, e[enc.width()], 1e-6f);
        assertTrue(e[0] < -5f && e[2 * enc.width()] > 5f);
    }

    @Test
    void encoderSavedBeforeInputScalingLoadsAsStandardised() throws Exception {
        FeatureMatrix train = matrix(new double[] {1, 0, 0}, new double[] {5, 1, 2});
        TabularEncoder enc = TabularEncoder.fit(train, new double[] {1, 2}, 64, null, 10, InputScaling.STANDARD);
        Map<String, Object> old = new java.util.LinkedHashMap<>(enc.toMap());
        old.remove("scaling");
        assertArrayEquals(enc.encode(train), TabularEncoder.fromMap(old, SCHEMA).encode(train));
    }

    @Test
    void keyColumnMustBeCategorical() {
        FeatureMatrix train = matrix(new double[] {1, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularEncoder.fit(train, new double[] {1}, 64, "num#a", 10, InputScaling.QUANTILE));
        assertTrue(e.getMessage().contains("num#a"), e.getMessage());
    }
}
