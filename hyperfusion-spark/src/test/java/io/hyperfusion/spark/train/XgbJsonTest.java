package io.hyperfusion.spark.train;

import io.hyperfusion.models.SyntheticRegression;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.xgboost.XgbModel;
import io.hyperfusion.models.xgboost.XgbParams;
import io.hyperfusion.models.xgboost.XgbTrainer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class XgbJsonTest {

    @Test
    void aModelCutToItsFirstRoundsIsTheModelTrainedForThatManyRounds() throws Exception {
        TrainingData d = SyntheticRegression.nonlinear(400, 0.5, 3).training();
        Map<String, Object> o = Map.of("eta", 0.2, "max_depth", 3, "subsample", 0.8);
        XgbParams p = params(o, 30);
        try (XgbModel full = new XgbTrainer(p, 7, 1).train(d);
             XgbModel twelve = new XgbTrainer(params(o, 12), 7, 1).train(d)) {
            byte[] json = json(full);
            assertEquals(30, XgbJson.rounds(json));
            byte[] cut = XgbJson.slice(json, 12);
            assertEquals(12, XgbJson.rounds(cut));
            try (XgbModel sliced = XgbModel.fromModelJson(cut, d.x().schema(), full.provenance(), 1)) {
                assertArrayEquals(twelve.predict(d.x()), sliced.predict(d.x()), 1e-6);
            }
            assertThrows(IllegalArgumentException.class, () -> XgbJson.slice(json, 31));
            assertThrows(IllegalArgumentException.class, () -> XgbJson.slice(json, 0));
        }
    }

    private static byte[] json(XgbModel m) throws Exception {
        Path dir = Files.createTempDirectory("xgb-json");
        try {
            m.save(dir);
            return Files.readAllBytes(dir.resolve(XgbModel.MODEL_FILE));
        } finally {
            io.hyperfusion.spark.train.TaskFit.delete(dir);
        }
    }

    private static XgbParams params(Map<String, Object> options, int rounds) {
        Map<String, Object> m = new java.util.HashMap<>(options);
        m.put("num_round", rounds);
        return XgbParams.OPTIONS.parse(m);
    }
}
