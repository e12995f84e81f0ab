package io.hyperfusion.app.cli;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityModel;
import io.hyperfusion.ensemble.TrainReport;
import io.hyperfusion.features.FeatureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The last check before {@code train} writes a bundle: a model whose held-out SRC is not a number, or that gives
 * every post the same score, has learned nothing (one absurd label once produced −2444.5 for every post with
 * exit code 0). Such a bundle is refused with the reason instead of being written.
 */
final class TrainGate {
    /** Labelled posts scored to look for constant or non-finite predictions (evenly spaced over the data set). */
    static final int SAMPLE = 512;

    private TrainGate() { }

    /**
     * @throws IllegalArgumentException naming what is wrong when the model must not be written
     */
    static void check(PopularityModel model, TrainReport report, PostDataset ds, FeatureContext ctx) {
        double src = report.validation().src();
        if (!Double.isFinite(src)) {
            throw refuse("its held-out SRC is " + src);
        }
        List<Post> sample = sample(ds.labelled());
        double[] s = model.predict(sample, ctx);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw refuse("it predicts " + s[i] + " for post " + sample.get(i).key());
            }
            min = Math.min(min, s[i]);
            max = Math.max(max, s[i]);
        }
        if (s.length > 1 && max - min <= 1e-9 * Math.max(1, Math.abs(max))) {
            throw refuse(String.format(Locale.ROOT, "it predicts %s for every one of %d labelled posts (held-out SRC %.4f)",
                    max, s.length, src));
        }
    }

    private static IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("refusing to write the model bundle: " + why + "; the labels are probably "
                + "degenerate or absurd (see --label-range and the load summary)");
    }

    static List<Post> sample(List<Post> posts) {
        if (posts.size() <= SAMPLE) {
            return posts;
        }
        List<Post> out = new ArrayList<>(SAMPLE);
        for (int i = 0; i < SAMPLE; i++) {
            out.add(posts.get((int) ((long) i * posts.size() / SAMPLE)));
        }
        return out;
    }
}
