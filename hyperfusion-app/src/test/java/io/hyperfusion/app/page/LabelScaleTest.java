package io.hyperfusion.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelScaleTest {

    @Test
    void quantilesAreNumpysDefault() {
        // numpy.percentile([5, 1, 4, 2, 3], [0, 10, 25, 50, 90, 100]) = [1, 1.4, 2, 3, 4.6, 5]
        LabelScale s = LabelScale.of(new double[] {5, 1, 4, 2, 3});
        double[] q = s.quantiles();
        assertEquals(1, q[0], 1e-12);
        assertEquals(1.4, q[10], 1e-12);
        assertEquals(2, q[25], 1e-12);
        assertEquals(3, q[50], 1e-12);
        assertEquals(4.6, q[90], 1e-12);
        assertEquals(5, q[100], 1e-12);
        assertEquals(5, s.count());
        assertEquals(3, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2), s.std(), 1e-12);
    }

    @Test
    void percentileInvertsTheQuantiles() {
        double[] labels = new SplittableRandom(3).doubles(997, 0, 14).toArray();
        LabelScale s = LabelScale.of(labels);
        double[] q = s.quantiles();
        for (int i = 0; i <= 100; i++) {
            assertEquals(i, s.percentile(q[i]), 1e-9, "at the " + i + "th percentile");
        }
        assertEquals(37.5, s.percentile((q[37] + q[38]) / 2), 1e-9);
        assertEquals(0, s.percentile(q[0] - 1));
        assertEquals(100, s.percentile(q[100] + 1));
        // Close to the empirical share below the score.
        double score = 7.3;
        long below = java.util.Arrays.stream(labels).filter(v -> v < score).count();
        assertEquals(100.0 * below / labels.length, s.percentile(score), 0.5);
    }

    @Test
    void equalLabelsGiveTheMiddleOfTheirRun() {
        // Three quarters of the labels are 1: a score of 1 is at the middle of percentiles 0..75.
        LabelScale s = LabelScale.of(new double[] {1, 1, 1, 1, 2});
        assertEquals(37.5, s.percentile(1), 1e-12);
        assertEquals(100, s.percentile(2), 1e-12);
        assertEquals(87.5, s.percentile(1.5), 1e-12);
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LabelScale s = LabelScale.of(new double[] {2.5, 7, 9.25, 4});
        LabelScale back = json.readValue(json.writeValueAsBytes(s), LabelScale.class);
        assertEquals(s, back);
        assertTrue(json.writeValueAsString(s).contains("\"quantiles\""));
    }

    @Test
    void refusesWhatIsNotADistribution() {
        assertThrows(IllegalArgumentException.class, () -> LabelScale.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> LabelScale.of(new double[] {1, Double.NaN}));
        double[] down = new double[LabelScale.POINTS];
        down[3] = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LabelScale(3, 0, 0, down));
        assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelScale(3, 0, 0, new double[7]));
    }
}
