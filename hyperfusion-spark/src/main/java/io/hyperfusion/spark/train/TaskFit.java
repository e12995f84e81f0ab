package io.hyperfusion.spark.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.models.ModelFamilies;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.RegressionModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One member fit as one Spark task: an executor runs the family's own single-machine trainer (LightGBM through
 * lightgbm4j, XGBoost through xgboost4j, the MLP on DJL/PyTorch) on the fit's rows and sends the saved model back;
 * the driver loads it with {@link ModelIO}. The model is exactly the one the driver would have fitted itself (same
 * trainer, seed, thread count and rows), while independent fits run on different executors at once. The rows
 * travel as a broadcast variable; a fit's rows must fit in one executor's memory.
 */
public final class TaskFit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskFit() {
    }

    /** Fits a {@code family} model with {@code options} (native names), {@code seed} and {@code threads} on an executor. */
    public static RegressionModel fit(SparkSession spark, FitData data, String family, Map<String, Object> options,
                                      long seed, int threads) {
        String optionsJson;
        try {
            optionsJson = JSON.writeValueAsString(options);
        } catch (IOException e) {
            throw new IllegalArgumentException("member options are not JSON: " + options, e);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<FitData> bc = jsc.broadcast(data);
        try {
            List<Map<String, byte[]>> out = jsc.parallelize(List.of(0), 1)
                    .map(i -> fitOnExecutor(bc.value(), family, optionsJson, seed, threads)).collect();
            return load(out.get(0));
        } finally {
            bc.destroy();
        }
    }

    /** Runs on the executor: trains, saves into a temporary folder, returns the folder's files (path → bytes). */
    static Map<String, byte[]> fitOnExecutor(FitData data, String family, String optionsJson, long seed, int threads)
            throws IOException {
        Map<String, Object> options = JSON.readValue(optionsJson, new TypeReference<Map<String, Object>>() { });
        Path dir = Files.createTempDirectory("hyperfusion-fit-");
        try (RegressionModel m = ModelFamilies.trainer(family, options, seed, threads).train(data.toTrainingData())) {
            m.save(dir.resolve("model"));
            return files(dir.resolve("model"));
        } finally {
            delete(dir);
        }
    }

    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Writes the files to a temporary folder, loads the model and deletes the folder. */
    static RegressionModel load(Map<String, byte[]> files) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hyperfusion-fitted-");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path f = dir.resolve(e.getKey()).normalize();
                if (!f.startsWith(dir)) {
                    throw new IllegalStateException("a fitted model's file escapes its folder: " + e.getKey());
                }
                Files.createDirectories(f.getParent());
                Files.write(f, e.getValue());
            }
            return ModelIO.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load a model fitted on an executor: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a fit for
        }
    }
}
