package io.hyperfusion.app.bench;

import io.hyperfusion.features.*;
import io.hyperfusion.features.io.*;
import io.hyperfusion.models.*;
import io.hyperfusion.ensemble.hierarchy.Families;
import io.hyperfusion.ensemble.config.*;
import java.nio.file.Path;
import java.util.*;

/**
 * Benchmark probe (not a test): trains the XGBoost configuration on the exported train table with and without the
 * categorical column {@code user#author_code} and prints the mean test prediction. Found while benchmarking (see
 * docs/BENCHMARKS.md §3): with the column, XGBoost's test predictions were shifted far above the training mean.
 *
 * <p>usage: XgbCheck TRAIN.parquet TEST.parquet CONFIG.json TEST_LABELS.csv (any family: the first tier-2 member)
 */
public final class XgbCheck {
  private XgbCheck() { }

  /** Runs the probe. */
  public static void main(String[] a) throws Exception {
    FeatureTable tr = FeatureTableReader.readParquet(Path.of(a[0]));
    FeatureTable te = FeatureTableReader.readParquet(Path.of(a[1]));
    FeatureSchema s = tr.features().schema();
    System.out.println("categorical: " + Arrays.stream(s.categoricalColumns()).mapToObj(s::name).toList());
    HierarchyConfig c = HierarchyConfig.load(Path.of(a[2]));
    MemberSpec m = c.tier2().get(0);
    Map<String, Double> truth = new HashMap<>();
    List<String> lines = java.nio.file.Files.readAllLines(Path.of(a[3]));
    for (String line : lines.subList(1, lines.size())) { String[] f = line.split(","); truth.put(f[0] + "/" + f[1], Double.parseDouble(f[2])); }
    double[] yt = te.keys().stream().mapToDouble(k -> truth.get(k.userId() + "/" + k.postId())).toArray();
    for (boolean drop : new boolean[]{false, true}) {
      int[] cols = java.util.stream.IntStream.range(0, s.size()).filter(i -> !drop || !s.name(i).equals("user#author_code")).toArray();
      FeatureMatrix x = tr.features().selectColumns(cols), xt = te.features().selectColumns(cols);
      try (RegressionModel mod = Families.trainer(m.family(), m.options(), 42, 1).train(TrainingData.of(x, tr.labels()))) {
        double[] p = mod.predict(xt), pin = mod.predict(x);
        DoubleSummaryStatistics st = Arrays.stream(p).summaryStatistics(), si = Arrays.stream(pin).summaryStatistics();
        int ac = s.indexOf("user#author_code");
        double seenMean = 0, unseenMean = 0; int ns = 0, nu = 0;
        for (int r = 0; r < te.rows(); r++) { double code = te.features().get(r, ac); if (code == 0) { unseenMean += p[r]; nu++; } else { seenMean += p[r]; ns++; } }
        System.out.printf("%s drop author_code=%s test SRC %.4f MAE %.4f, pred mean %.3f min %.3f max %.3f | train pred mean %.3f | code0 n=%d mean %.3f, other n=%d mean %.3f%n",
          m.family(), drop, io.hyperfusion.data.eval.Metrics.src(yt, p), io.hyperfusion.data.eval.Metrics.mae(yt, p), st.getAverage(), st.getMin(), st.getMax(), si.getAverage(), nu, unseenMean / Math.max(1, nu), ns, seenMean / Math.max(1, ns));
      }
    }
  }
}
