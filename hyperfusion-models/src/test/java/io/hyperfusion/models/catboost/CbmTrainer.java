package io.hyperfusion.models.catboost;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import io.hyperfusion.data.Csv;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The tests' stand-in for {@code scripts/catboost/train_tables.py} (no CatBoost trainer exists on these machines):
 * trains a small gradient-boosted ensemble of oblivious trees, CatBoost's tree shape, on each exported table of a
 * folder and writes it as the {@code .cbm} the index names, through {@link CbmWriter}. Greedy, squared error, weighted,
 * up to seven quantile borders per column; NaN goes to the "not greater" side, as CatBoost's evaluator sends it.
 */
public final class CbmTrainer {
    private final int trees;
    private final int depth;
    private final double rate;

    public CbmTrainer(int trees, int depth, double rate) {
        this.trees = trees;
        this.depth = depth;
        this.rate = rate;
    }

    /** Trains and writes a model for every table of {@code dir}'s index; returns how many. */
    public int trainTables(Path dir) throws IOException {
        List<CatBoostTables.Entry> entries = CatBoostTables.read(dir);
        for (CatBoostTables.Entry e : entries) {
            Files.write(dir.resolve(e.model()), train(dir.resolve(e.table())));
        }
        return entries.size();
    }

    /** The {@code .cbm} bytes of a model trained on one exported table. */
    public byte[] train(Path table) throws IOException {
        List<String> names;
        List<double[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(table, StandardCharsets.UTF_8);
             CSVParser p = Csv.parser(in)) {
            java.util.Iterator<CSVRecord> records = p.iterator();
            names = Csv.fields(records.next(), false);
            while (records.hasNext()) {
                CSVRecord r = records.next();
                double[] v = new double[names.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.get(i).isEmpty() ? Double.NaN : Double.parseDouble(r.get(i));
                }
                rows.add(v);
            }
        }
        int cols = names.size() - 2; // label, weight last
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        double[] w = new double[rows.size()];
        for (int r = 0; r < x.length; r++) {
            x[r] = Arrays.copyOf(rows.get(r), cols);
            y[r] = rows.get(r)[cols];
            w[r] = rows.get(r)[cols + 1];
        }
        return fit(names.subList(0, cols), x, y, w);
    }

    byte[] fit(List<String> names, double[][] x, double[] y, double[] w) {
        float[][] borders = new float[names.size()][];
        List<int[]> binary = new ArrayList<>(); // binary feature index → {column, border index}
        List<CbmWriter.Feature> features = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            borders[c] = borders(x, c);
            for (int b = 0; b < borders[c].length; b++) {
                binary.add(new int[] {c, b});
            }
            features.add(new CbmWriter.Feature(names.get(c), false, borders[c], new int[0]));
        }
        double bias = weightedMean(y, w, null);
        double[] residual = new double[y.length];
        Arrays.setAll(residual, i -> y[i] - bias);
        List<CbmWriter.Tree> out = new ArrayList<>();
        for (int t = 0; t < trees && !binary.isEmpty(); t++) {
            int[] leaf = new int[y.length];
            int[] splits = new int[depth];
            for (int d = 0; d < depth; d++) {
                splits[d] = bestSplit(x, residual, w, leaf, d, binary, borders);
                int[] s = binary.get(splits[d]);
                for (int r = 0; r < leaf.length; r++) {
                    if ((float) x[r][s[0]] > borders[s[0]][s[1]]) {
                        leaf[r] |= 1 << d;
                    }
                }
            }
            double[] values = new double[1 << depth];
            for (int l = 0; l < values.length; l++) {
                final int ll = l;
                values[l] = rate * weightedMean(residual, w, r -> leaf[r] == ll);
            }
            for (int r = 0; r < residual.length; r++) {
                residual[r] -= values[leaf[r]];
            }
            out.add(new CbmWriter.Tree(splits, values));
        }
        return CbmWriter.write(features, out, bias, Map.of("hyperfusion_fixture", "CbmTrainer"));
    }

    /** The binary feature that most lowers the squared error when it splits every current leaf in two. */
    private static int bestSplit(double[][] x, double[] res, double[] w, int[] leaf, int d, List<int[]> binary,
                                 float[][] borders) {
        int best = 0;
        double bestGain = Double.NEGATIVE_INFINITY;
        int leaves = 1 << (d + 1);
        for (int b = 0; b < binary.size(); b++) {
            int[] s = binary.get(b);
            double[] sum = new double[leaves];
            double[] weight = new double[leaves];
            for (int r = 0; r < res.length; r++) {
                int l = leaf[r] | ((float) x[r][s[0]] > borders[s[0]][s[1]] ? 1 << d : 0);
                sum[l] += w[r] * res[r];
                weight[l] += w[r];
            }
            double gain = 0;
            for (int l = 0; l < leaves; l++) {
                gain += weight[l] > 0 ? sum[l] * sum[l] / weight[l] : 0;
            }
            if (gain > bestGain + 1e-12) {
                bestGain = gain;
                best = b;
            }
        }
        return best;
    }

    private static float[] borders(double[][] x, int c) {
        double[] v = Arrays.stream(x).mapToDouble(r -> r[c]).filter(Double::isFinite).sorted().toArray();
        TreeSet<Float> set = new TreeSet<>();
        for (int q = 1; q <= 7 && v.length > 1; q++) {
            int i = (int) ((long) q * (v.length - 1) / 8);
            double mid = (v[i] + v[Math.min(v.length - 1, i + 1)]) / 2;
            if (mid > v[0] && mid < v[v.length - 1]) {
                set.add((float) mid);
            }
        }
        float[] out = new float[set.size()];
        int i = 0;
        for (float f : set) {
            out[i++] = f;
        }
        return out;
    }

    private static double weightedMean(double[] v, double[] w, java.util.function.IntPredicate keep) {
        double s = 0;
        double n = 0;
        for (int i = 0; i < v.length; i++) {
            if (keep == null || keep.test(i)) {
                s += w[i] * v[i];
                n += w[i];
            }
        }
        return n > 0 ? s / n : 0;
    }
}
