package io.hyperfusion.models.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RidgeTest {

    private static RidgeModel fit(TrainingData d, Map<String, Object> options) {
        return (RidgeModel) ModelFamilies.trainer("ridge", options, 1, 1).train(d);
    }

    /** y = 3·a − 2·b + level effect + small noise, with a useless column and missing values in a. */
    private static TrainingData linear(int rows, double noise, long seed) {
        BitSet cats = new BitSet();
        cats.set(3);
        FeatureSchema schema = new FeatureSchema(List.of("num#a", "num#b", "num#useless", "cat#level"), cats);
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureMatrix.Builder b = FeatureMatrix.builder(schema, rows);
        double[] y = new double[rows];
        double[] effect = {-1, 0, 2};
        for (int r = 0; r < rows; r++) {
            double a = rnd.nextGaussian();
            double c = rnd.nextGaussian();
            int level = rnd.nextInt(3);
            b.set(r, 0, r % 50 == 0 ? Double.NaN : a).set(r, 1, c).set(r, 2, rnd.nextGaussian()).set(r, 3, level);
            y[r] = 3 * a - 2 * c + effect[level] + noise * rnd.nextGaussian();
        }
        return TrainingData.of(b.build(), y);
    }

    @Test
    void recoversALinearSignalAndPicksASmallPenalty() {
        TrainingData train = linear(2000, 0.3, 1);
        TrainingData test = linear(500, 0.3, 2);
        // Standardised inputs: a linear signal is exactly representable.
        RidgeModel m = fit(train, Map.of("input_scaling", "standard"));
        double[] p = m.predict(test.x());
        double sse = 0;
        double sst = 0;
        double mean = java.util.Arrays.stream(test.y()).average().orElseThrow();
        for (int i = 0; i < p.length; i++) {
            sse += (p[i] - test.y()[i]) * (p[i] - test.y()[i]);
            sst += (test.y()[i] - mean) * (test.y()[i] - mean);
        }
        assertTrue(1 - sse / sst > 0.95, "R² " + (1 - sse / sst));
        assertTrue(Double.parseDouble(m.provenance().extra().get("alpha")) < 1, m.provenance().extra().toString());
    }

    @Test
    void pureNoiseIsShrunkTowardsTheMean() {
        SyntheticRegression.Data d = SyntheticRegression.noise(800, 3);
        SyntheticRegression.Data fresh = SyntheticRegression.noise(400, 4);
        double gcv = spread(fit(d.training(), Map.of()), fresh);
        double unpenalised = spread(fit(d.training(), Map.of("alpha_min", 1e-6, "alpha_max", 1e-6)), fresh);
        assertTrue(gcv < 0.8 * unpenalised, "prediction sd " + gcv + " (GCV) vs " + unpenalised + " (unpenalised)");
    }

    private static double spread(RidgeModel m, SyntheticRegression.Data d) {
        double[] p = m.predict(d.x());
        double mean = java.util.Arrays.stream(p).average().orElseThrow();
        return Math.sqrt(java.util.Arrays.stream(p).map(v -> (v - mean) * (v - mean)).sum() / p.length);
    }

    @Test
    void contributionsSumToThePredictionAndNameTheColumns() {
        TrainingData train = linear(1000, 0.3, 4);
        RidgeModel m = fit(train, Map.of());
        double[] p = m.predict(train.x());
        double[][] c = m.contributions(train.x());
        double absA = 0;
        double absUseless = 0;
        for (int r = 0; r < p.length; r++) {
            assertEquals(5, c[r].length);
            assertEquals(p[r], java.util.Arrays.stream(c[r]).sum(), 1e-9);
            absA += Math.abs(c[r][0]);
            absUseless += Math.abs(c[r][2]);
        }
        assertTrue(absA > 20 * absUseless, absA + " vs " + absUseless);
    }

    @Test
    void weightsAreRespected() {
        // Half the rows say y = x, half y = −x; weighting the first half 100:1 must give a positive slope.
        FeatureSchema schema = new FeatureSchema(List.of("num#x"), new BitSet());
        FeatureMatrix.Builder b = FeatureMatrix.builder(schema, 400);
        double[] y = new double[400];
        double[] w = new double[400];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int r = 0; r < 400; r++) {
            double x = rnd.nextGaussian();
            b.set(r, 0, x);
            y[r] = r < 200 ? x : -x;
            w[r] = r < 200 ? 100 : 1;
        }
        RidgeModel m = fit(new TrainingData(b.build(), y, w, null, null), Map.of("input_scaling", "standard"));
        assertTrue(m.coefficients()[0] > 0.5, "slope " + m.coefficients()[0]);
    }

    @Test
    void theAuthorCodeIsLeftOutByDefault(@TempDir Path dir) throws Exception {
        BitSet cats = new BitSet();
        cats.set(1);
        FeatureSchema schema = new FeatureSchema(List.of("num#x", "user#author_code"), cats);
        FeatureMatrix.Builder b = FeatureMatrix.builder(schema, 300);
        double[] y = new double[300];
        for (int r = 0; r < 300; r++) {
            b.set(r, 0, r % 7).set(r, 1, r % 40);
            y[r] = r % 7 + (r % 40 == 3 ? 50 : 0);
        }
        FeatureMatrix x = b.build();
        RidgeModel m = fit(TrainingData.of(x, y), Map.of());
        assertEquals(1, m.coefficients().length, "only num#x is encoded");
        RidgeModel kept = fit(TrainingData.of(x, y), Map.of("ignore_column", "none"));
        assertTrue(kept.coefficients().length > 1);
        for (String wrong : List.of("user#author", "num#x")) { // absent, and present but not categorical
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fit(TrainingData.of(x, y), Map.of("ignore_column", wrong)));
            assertTrue(e.getMessage().contains("'" + wrong + "'"), e.getMessage());
        }
        m.save(dir);
        try (RegressionModel loaded = ModelIO.load(dir)) {
            assertArrayEquals(m.predict(x), loaded.predict(x));
            assertEquals("ridge", loaded.family());
        }
    }

    @Test
    void badGridIsRefusedNamingBothOptions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFamilies.trainer("ridge", Map.of("alpha_min", 10.0, "alpha_max", 1.0), 1, 1));
        assertTrue(e.getMessage().contains("alpha_min") && e.getMessage().contains("alpha_max"), e.getMessage());
    }
}
