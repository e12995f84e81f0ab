package io.hyperfusion.sparkit;

import io.hyperfusion.data.eval.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Score files of the CLI and of Spark {@code score} ({@code uid,pid,popularity_score}), and Spearman's rank correlation. */
final class ScoreFiles {
    private ScoreFiles() {
    }

    /** "uid/pid" → score of one CSV file with a header, or of every {@code part-*.csv} of a folder. */
    static Map<String, Double> read(Path fileOrDir) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
        } else {
            files = List.of(fileOrDir);
        }
        Map<String, Double> out = new HashMap<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                if (out.put(c[0] + "/" + c[1], Double.parseDouble(c[2])) != null) {
                    throw new AssertionError("post " + c[0] + "/" + c[1] + " scored twice in " + fileOrDir);
                }
            }
        }
        return out;
    }

    /** Spearman's rank correlation (average ranks for ties) of {@code pred} against {@code truth} on truth's posts. */
    static double src(Map<String, Double> truth, Map<String, Double> pred) {
        List<String> keys = truth.keySet().stream().sorted().toList();
        double[] t = keys.stream().mapToDouble(truth::get).toArray();
        double[] p = keys.stream().mapToDouble(k -> {
            Double v = pred.get(k);
            if (v == null) {
                throw new AssertionError("no prediction for test post " + k);
            }
            return v;
        }).toArray();
        return Metrics.src(t, p);
    }
}
