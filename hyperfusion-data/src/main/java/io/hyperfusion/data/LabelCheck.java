package io.hyperfusion.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds absurd labels before a model is fitted on them: one label of −1e6 among 600 used to train a model that
 * predicts −2444.5 for every post, one of 1e308 failed only at the very end. A label is absurd when it lies
 * outside the accepted range: by default the median ± {@value #ROBUST_LIMIT} robust standard deviations of all
 * labels (1.4826 × the median absolute deviation, which a few absurd values cannot inflate), or an explicit
 * range; either way never beyond ±{@link ValueRanges#MAX_MAGNITUDE}. Absurd labels are refused (fail policy) or
 * their posts skipped and counted with the post and the value (skip policy). Immutable and thread-safe.
 */
public final class LabelCheck {
    /** Robust standard deviations from the median beyond which a label is absurd (auto range). */
    public static final double ROBUST_LIMIT = 25;
    /** Fewer labels than this give no usable spread; then only the magnitude bound applies. */
    static final int MIN_LABELS = 20;
    /** Scales the median absolute deviation to a standard deviation for normal data. */
    private static final double MAD_TO_SD = 1.4826;

    private final double min;
    private final double max;
    private final boolean auto;

    private LabelCheck(double min, double max, boolean auto) {
        this.min = min;
        this.max = max;
        this.auto = auto;
    }

    /** The range the labels' own spread gives (median ± {@value #ROBUST_LIMIT} robust SDs). */
    public static LabelCheck auto() {
        return new LabelCheck(Double.NaN, Double.NaN, true);
    }

    /** An explicit range [min, max]; both finite, {@code min < max}, within ±{@link ValueRanges#MAX_MAGNITUDE}. */
    public static LabelCheck range(double min, double max) {
        if (!(min < max) || Math.abs(min) > ValueRanges.MAX_MAGNITUDE || Math.abs(max) > ValueRanges.MAX_MAGNITUDE) {
            throw new IllegalArgumentException("label range must be MIN:MAX with MIN < MAX, both within ±"
                    + ValueRanges.MAX_MAGNITUDE + ", got " + min + ":" + max);
        }
        return new LabelCheck(min, max, false);
    }

    /** {@code auto} or {@code MIN:MAX} (e.g. {@code 0:20}, {@code -5:1e6}). */
    public static LabelCheck parse(String s) {
        String t = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return auto();
        }
        int colon = t.indexOf(':', 1); // a leading '-' belongs to MIN
        try {
            return range(Double.parseDouble(t.substring(0, colon)), Double.parseDouble(t.substring(colon + 1)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("label range must be 'auto' or MIN:MAX (e.g. 0:20), got '" + s + "'");
        }
    }

    /** The accepted range for these labels and how it was found. */
    public record Bounds(double min, double max, String rule) {
        boolean accepts(double v) {
            return v >= min && v <= max;
        }
    }

    /** The range applied to {@code labels}. */
    public Bounds bounds(double[] labels) {
        double cap = ValueRanges.MAX_MAGNITUDE;
        if (!auto) {
            return new Bounds(min, max, "--label-range " + fmt(min) + ":" + fmt(max));
        }
        double[] finite = Arrays.stream(labels).filter(d -> Double.isFinite(d) && Math.abs(d) <= cap).sorted().toArray();
        if (finite.length < MIN_LABELS) {
            return new Bounds(-cap, cap, "magnitude at most " + fmt(cap) + " (too few labels for a spread)");
        }
        double median = median(finite);
        double[] dev = Arrays.stream(finite).map(d -> Math.abs(d - median)).sorted().toArray();
        double sd = MAD_TO_SD * median(dev);
        if (sd == 0) {
            return new Bounds(-cap, cap, "magnitude at most " + fmt(cap) + " (most labels are equal: no spread)");
        }
        return new Bounds(Math.max(-cap, median - ROBUST_LIMIT * sd), Math.min(cap, median + ROBUST_LIMIT * sd),
                String.format(Locale.ROOT, "auto: median %s ± %.0f robust SDs of %s", fmt(median), ROBUST_LIMIT, fmt(sd)));
    }

    /**
     * The data set without its absurd labels.
     *
     * @throws DataFormatException under {@link BadRowPolicy#FAIL}, naming the first absurd label's post, value and range
     */
    public PostDataset apply(PostDataset ds, BadRowPolicy policy) {
        Bounds b = bounds(ds.labelled().stream().mapToDouble(Post::label).toArray());
        List<Post> kept = new ArrayList<>(ds.labelled().size());
        LoadSummary.Builder summary = null;
        for (Post p : ds.labelled()) {
            if (b.accepts(p.label())) {
                kept.add(p);
                continue;
            }
            String reason = "absurd label: " + p.label() + " is outside [" + fmt(b.min()) + ", " + fmt(b.max())
                    + "] (" + b.rule() + ")";
            if (policy == BadRowPolicy.FAIL) {
                throw new DataFormatException(ds.root(), "post " + p.key(), reason);
            }
            summary = summary == null ? ds.summary().toBuilder() : summary;
            summary.skip("labels", "post " + p.key(), reason);
        }
        if (summary == null) {
            return ds;
        }
        return new PostDataset(ds.root(), kept, ds.unlabelled(), ds.users(), summary.build());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
