package io.hyperfusion.ensemble;

import java.util.ArrayList;
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

    /** A fixed-width table for the terminal. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-4s %-16s %-12s %8s %8s %9s%n",
                "tier", "member", "family", "SRC", "MAE", "fit s"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-4d %-16s %-12s %8.4f %8.4f %9.1f%n", r.tier(), r.member(),
                    r.family(), r.src(), r.mae(), r.seconds()));
        }
        return sb.toString();
    }

    /** The best row of a tier. */
    public Row bestOfTier(int tier) {
        return rows.stream().filter(r -> r.tier() == tier).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member in tier " + tier));
    }
}
