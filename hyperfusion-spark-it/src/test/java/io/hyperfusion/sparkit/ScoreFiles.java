package io.hyperfusion.sparkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
        return pearson(ranks(t), ranks(p));
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
