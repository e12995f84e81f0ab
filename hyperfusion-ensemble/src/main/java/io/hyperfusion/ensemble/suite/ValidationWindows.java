package io.hyperfusion.ensemble.suite;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.split.TimeHoldout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin validation windows over the labelled posts of a data set, in time order (Tashman, "Out-of-sample
 * tests of forecasting accuracy", 2000): window 1 is the latest {@code fraction} of the posts, window 2 the
 * {@code fraction} before it, and so on; each window is predicted by a model trained on every post before it,
 * as the SMP test period is predicted from the earlier training period. No post of a window, nor any later post,
 * is ever trained on. The order is {@link TimeHoldout}'s (time, then author, then post id), so it is
 * deterministic without a seed.
 *
 * @param count    windows, at least 1
 * @param fraction share of the labelled posts in each window, in (0, 0.5)
 */
public record ValidationWindows(int count, double fraction) {

    public ValidationWindows {
        if (count < 1) {
            throw new IllegalArgumentException("validation windows must be >= 1, got " + count);
        }
        if (!(fraction > 0 && fraction < 0.5)) {
            throw new IllegalArgumentException("validation window fraction must be in (0, 0.5), got " + fraction);
        }
    }

    /**
     * One window.
     *
     * @param index 1 = the latest
     * @param train indices (into the labelled posts) of every post before the window
     * @param valid indices of the window's posts
     */
    public record Window(int index, int[] train, int[] valid) { }

    /** The windows of {@code labelled}, latest first; fails when too few posts would remain to train on. */
    public List<Window> of(List<Post> labelled) {
        int n = labelled.size();
        int per = (int) Math.round(n * fraction);
        if (per < 1 || n - count * per < Math.max(50, per)) {
            throw new IllegalArgumentException(count + " validation windows of " + per + " posts leave "
                    + (n - count * per) + " of " + n + " labelled posts to train on; use fewer windows or more data");
        }
        int[] order = TimeHoldout.order(labelled);
        List<Window> out = new ArrayList<>();
        for (int w = 1; w <= count; w++) {
            int end = n - (w - 1) * per;
            int start = end - per;
            out.add(new Window(w, Arrays.copyOfRange(order, 0, start), Arrays.copyOfRange(order, start, end)));
        }
        return out;
    }
}
