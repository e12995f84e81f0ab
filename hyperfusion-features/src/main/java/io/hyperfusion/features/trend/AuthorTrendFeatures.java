package io.hyperfusion.features.trend;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.stats.PostOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an author's popularity is heading, from the labels of their earlier posts only: the last label
 * ({@code trend#last_label}), the mean of the last {@code recent} labels ({@code trend#recent_mean}), that mean minus
 * the mean of all their earlier labels ({@code trend#recent_minus_all}: rising or falling), the days since their last
 * labelled post, and how many labelled posts came before. Training rows are visited in time order and see only
 * strictly earlier training posts — exactly what a new post, which comes after every training post, sees of the
 * fitted state — so these columns hold no label a prediction could not have, whatever the target-statistics mode.
 * Authors without an earlier labelled post get NaN (and 0 earlier posts).
 *
 * @param recent how many of the latest labels the recent mean averages
 */
public record AuthorTrendFeatures(int recent) implements FeatureGroup {
    public static final String NAME = "trend";
    private static final List<String> NAMES = List.of("trend#last_label", "trend#recent_mean", "trend#recent_minus_all",
            "trend#days_since_last_label", "trend#labelled_before");

    public AuthorTrendFeatures {
        if (recent < 1 || recent > 100) {
            throw new IllegalArgumentException("trend features need recent in [1, 100], got " + recent);
        }
    }

    public static AuthorTrendFeatures defaults() {
        return new AuthorTrendFeatures(3);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        Map<String, History> running = new HashMap<>();
        double[][] values = new double[train.size()][];
        for (int i : PostOrder.chronological(train)) {
            Post p = train.get(i);
            History h = running.computeIfAbsent(p.userId(), k -> new History(recent));
            // Posts at the very same instant do not see each other: compare times, not visiting order.
            values[i] = h.before(p.postedAt() == null ? Long.MIN_VALUE : p.postedAt().getEpochSecond())
                    .row(p.postedAt(), recent);
            h.add(p.postedAt() == null ? Long.MIN_VALUE : p.postedAt().getEpochSecond(), labels[i]);
        }
        Map<String, State> state = new TreeMap<>();
        running.forEach((u, h) -> state.put(u, h.before(Long.MAX_VALUE)));
        return new Fit(new Fitted(recent, state), values);
    }

    /** One author's labelled posts so far, by time. */
    private static final class History {
        private final int recent;
        private final List<long[]> times = new ArrayList<>();
        private final List<Double> labels = new ArrayList<>();

        History(int recent) {
            this.recent = recent;
        }

        void add(long t, double y) {
            times.add(new long[] {t});
            labels.add(y);
        }

        /** The summary of the posts strictly before {@code t}. */
        State before(long t) {
            int n = 0;
            double sum = 0;
            for (int k = 0; k < labels.size(); k++) {
                if (times.get(k)[0] < t) {
                    n++;
                    sum += labels.get(k);
                }
            }
            if (n == 0) {
                return new State(0, Double.NaN, Double.NaN, Double.NaN, Long.MIN_VALUE);
            }
            double last = labels.get(n - 1);
            double rs = 0;
            int rn = Math.min(recent, n);
            for (int k = n - rn; k < n; k++) {
                rs += labels.get(k);
            }
            return new State(n, sum / n, rs / rn, last, times.get(n - 1)[0]);
        }
    }

    /**
     * An author's labelled history as of the end of training.
     *
     * @param count      labelled posts
     * @param mean       their mean label
     * @param recentMean mean of the latest {@code recent}
     * @param last       the latest label
     * @param lastTime   its time, unix seconds ({@link Long#MIN_VALUE} when unknown)
     */
    public record State(long count, double mean, double recentMean, double last, long lastTime) {
        double[] row(java.time.Instant at, int recent) {
            double[] r = new double[5];
            Arrays.fill(r, Double.NaN);
            r[4] = count;
            if (count == 0) {
                return r;
            }
            r[0] = last;
            r[1] = recentMean;
            r[2] = recentMean - mean;
            if (at != null && lastTime != Long.MIN_VALUE) {
                r[3] = Math.max(0, at.getEpochSecond() - lastTime) / 86_400.0;
            }
            return r;
        }
    }

    /** Fitted state: per author, their labelled history at the end of training. */
    @JsonTypeName("trend")
    public record Fitted(int recent, Map<String, State> authors) implements FittedGroup {

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            State none = new State(0, Double.NaN, Double.NaN, Double.NaN, Long.MIN_VALUE);
            double[][] out = new double[posts.size()][];
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                out[i] = authors.getOrDefault(p.userId(), none).row(p.postedAt(), recent);
            }
            return out;
        }
    }
}
