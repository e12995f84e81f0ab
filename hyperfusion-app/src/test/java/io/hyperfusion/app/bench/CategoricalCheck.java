package io.hyperfusion.app.bench;

import io.hyperfusion.features.*;
import io.hyperfusion.features.io.*;
import io.hyperfusion.models.*;
import io.hyperfusion.ensemble.config.*;
import java.nio.file.Path;
import java.util.*;

/**
 * Benchmark probe (not a test), behind docs/BENCHMARKS.md §3: one model of a configuration's first tier-2 member
 * fitted on the exported train table with the categorical columns (a) native, (b) native with codes unseen in
 * training set to missing at prediction, (c) all read as numbers, (d) numbers only for columns with more than 64
 * levels, (e) those columns dropped; prints test SRC/MAE against the hidden labels. The members' options must
 * not set categorical_mode (the schema's flags decide here; the probe sets categorical_mode=native for the boosted
 * trees, which (a) needs; the networks one-hot encode categorical columns).
 *
 * <p>usage: CategoricalCheck TRAIN.parquet TEST.parquet CONFIG.json TEST_LABELS.csv
 */
public final class CategoricalCheck {
  private CategoricalCheck() { }

  /** Runs the probe. */
  public static void main(String[] a) throws Exception {
    FeatureTable tr = FeatureTableReader.readParquet(Path.of(a[0]));
    FeatureTable te = FeatureTableReader.readParquet(Path.of(a[1]));
    FeatureSchema s = tr.features().schema();
    HierarchyConfig c = HierarchyConfig.load(Path.of(a[2]));
    MemberSpec first = c.tier2().get(0);
    Map<String, Object> opts = new HashMap<>(first.options());
    if (first.family().equals("lightgbm") || first.family().equals("xgboost")) {
      opts.put("categorical_mode", "native");
    }
    MemberSpec m = new MemberSpec(first.name(), first.family(), first.groups(), opts);
    Map<String, Double> truth = new HashMap<>();
    List<String> lines = java.nio.file.Files.readAllLines(Path.of(a[3]));
    for (String line : lines.subList(1, lines.size())) { String[] f = line.split(","); truth.put(f[0] + "/" + f[1], Double.parseDouble(f[2])); }
    double[] yt = te.keys().stream().mapToDouble(k -> truth.get(k.userId() + "/" + k.postId())).toArray();
    int[] cats = s.categoricalColumns();
    // variant: unseen -> NaN
    double[] tv = te.features().values().clone();
    int unseenCells = 0;
    for (int c0 : cats) {
      Set<Double> seen = new HashSet<>();
      for (int r = 0; r < tr.rows(); r++) seen.add(tr.features().get(r, c0));
      for (int r = 0; r < te.rows(); r++) { double v = tv[r * s.size() + c0]; if (!Double.isNaN(v) && !seen.contains(v)) { tv[r * s.size() + c0] = Double.NaN; unseenCells++; } }
    }
    System.out.println("unseen categorical cells in test: " + unseenCells);
    FeatureMatrix teNan = new FeatureMatrix(s, te.rows(), tv);
    BitSet none = new BitSet();
    BitSet lowCard = new BitSet();
    List<Integer> keep = new ArrayList<>();
    Set<Integer> high = new HashSet<>();
    for (int c0 : cats) {
      Set<Double> lv = new HashSet<>();
      for (int r = 0; r < tr.rows(); r++) lv.add(tr.features().get(r, c0));
      System.out.println("cat " + s.name(c0) + " levels " + lv.size());
      if (lv.size() <= 64) lowCard.set(c0); else high.add(c0);
    }
    for (int i = 0; i < s.size(); i++) if (!high.contains(i)) keep.add(i);
    int[] keepIdx = keep.stream().mapToInt(Integer::intValue).toArray();
    FeatureSchema mixed = new FeatureSchema(s.names(), lowCard);
    FeatureSchema numeric = new FeatureSchema(s.names(), none);
    String[] names = {"as-is", "unseen->NaN", "all numeric", "high->numeric", "drop high"};
    FeatureMatrix[][] v = {
      {tr.features(), te.features()},
      {tr.features(), teNan},
      {new FeatureMatrix(numeric, tr.rows(), tr.features().values()), new FeatureMatrix(numeric, te.rows(), te.features().values())},
      {new FeatureMatrix(mixed, tr.rows(), tr.features().values()), new FeatureMatrix(mixed, te.rows(), te.features().values())},
      {tr.features().selectColumns(keepIdx), te.features().selectColumns(keepIdx)}};
    for (int i = 0; i < 5; i++) {
      try (RegressionModel mod = io.hyperfusion.models.ModelFamilies.trainer(m.family(), m.options(), 42, 1).train(TrainingData.of(v[i][0], tr.labels()))) {
        double[] p = mod.predict(v[i][1]);
        System.out.printf("%s %-12s test SRC %.4f MAE %.4f mean %.3f%n", m.family(), names[i],
          io.hyperfusion.data.eval.Metrics.src(yt, p), io.hyperfusion.data.eval.Metrics.mae(yt, p), Arrays.stream(p).average().getAsDouble());
      }
    }
  }
}
