package io.hyperfusion.ensemble;

import io.hyperfusion.data.eval.Metrics;
import io.hyperfusion.data.eval.RegressionReport;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.features.FeatureMatrix;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * Every member and tier with its held-out SRC, MAE and fitting time, in the manner of AutoGluon's
 * leaderboard; best SRC first.
 *
 * @param rows the entries
 */
public record Leaderboard(List<Row> rows) {

    /**
     * One entry.
     *
     * @param tier    1, 2 or 3
     * @param member  member name ({@code blend} for tier 3)
     * @param family  model family, or {@code nnls-blend}
     * @param src     held-out Spearman correlation
     * @param mae     held-out mean absolute error
     * @param seconds fitting wall time (all folds and the refit)
     */
    public record Row(int tier, String member, String family, double src, double mae, double seconds) { }

    public Leaderboard {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(b.src(), a.src()));
        rows = List.copyOf(sorted);
    }

    /**
     * SRC/MAE of every member and of the blend of {@code h} on labelled rows {@code x}, {@code y}.
     *
     * @param seconds fitting time per member name and "blend" (missing entries print as NaN)
     */
    public static Leaderboard of(HierarchicalModel h, FeatureMatrix x, double[] y, Map<String, Double> seconds) {
        HierarchicalModel.Detail d = h.predictDetailed(x);
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < h.experts().size(); e++) {
            MemberSpec s = h.experts().get(e).spec();
            RegressionReport r = Metrics.report(y, d.tier1()[e]);
            rows.add(new Row(1, s.name(), s.family(), r.src(), r.mae(), seconds.getOrDefault(s.name(), Double.NaN)));
        }
        for (int f = 0; f < h.fusion().size(); f++) {
            MemberSpec s = h.fusion().get(f).spec();
            RegressionReport r = Metrics.report(y, d.tier2()[f]);
            rows.add(new Row(2, s.name(), s.family(), r.src(), r.mae(), seconds.getOrDefault(s.name(), Double.NaN)));
        }
        RegressionReport r = Metrics.report(y, d.score());
        rows.add(new Row(3, "blend", "nnls-blend", r.src(), r.mae(), seconds.getOrDefault("blend", Double.NaN)));
        return new Leaderboard(rows);
    }

    /** A fixed-width table for the terminal. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-4s %-16s %-12s %8s %8s %9s%n",
                "tier", "member", "family", "SRC", "MAE", "fit s"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-4d %-16s %-12s %8.4f %8.4f %9s%n", r.tier(), r.member(),
                    r.family(), r.src(), r.mae(), Double.isNaN(r.seconds()) ? "-" : String.format(Locale.ROOT, "%.1f", r.seconds())));
        }
        return sb.toString();
    }

    /** The best row of a tier. */
    public Row bestOfTier(int tier) {
        return rows.stream().filter(r -> r.tier() == tier).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member in tier " + tier));
    }
}
