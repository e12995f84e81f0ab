package io.hyperfusion.models.djl.tabnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.hyperfusion.models.SyntheticRegression;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Predictions from many threads equal single-threaded ones. A class of its own: PyTorch inference on fresh
 * threads changed later same-seed training in the same JVM (see NetFitter#fit), and tests get a JVM per class.
 */
class TabNetConcurrencyTest {

    @Test
    void concurrentPredictionsAgree() throws Exception {
        SyntheticRegression.Data all = SyntheticRegression.nonlinear(600, 0.5, 3);
        SyntheticRegression.Data test = all.slice(400, 600);
        TabNetParams p = TabNetModelTest.PARAMS.toBuilder().maxEpochs(3).patience(0).build();
        try (TabNetModel model = new TabNetTrainer(p, 1, 1).train(all.slice(0, 400).training())) {
            double[] expected = model.predict(test.x());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<double[]>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> model.predict(test.x())));
                }
                for (java.util.concurrent.Future<double[]> f : results) {
                    assertArrayEquals(expected, f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
