package io.hyperfusion.features.user;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The author's behaviour before a post, from the posts known at fitting time (labelled and unlabelled, never
 * their labels): how many earlier posts, days since the previous and the first one, posting rate, and the
 * share of this post's tags the author had used before. Only strictly earlier posts count, so a row never
 * depends on a later post (or on itself).
 */
public record HistoryFeatures() implements FeatureGroup {
    public static final String NAME = "history";
    private static final double DAY = 86_400.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        List<Post> corpus = ctx.corpus().isEmpty() ? train : ctx.corpus();
        Map<String, List<Long>> times = new HashMap<>();
        Map<String, Map<String, Long>> firstTagUse = new HashMap<>();
        for (Post p : corpus) {
            if (p.postedAt() == null) {
                continue;
            }
            long t = p.postedAt().getEpochSecond();
            times.computeIfAbsent(p.userId(), k -> new ArrayList<>()).add(t);
            Map<String, Long> tags = firstTagUse.computeIfAbsent(p.userId(), k -> new TreeMap<>());
            for (String tag : p.tags()) {
                tags.merge(tag.toLowerCase(java.util.Locale.ROOT), t, Math::min);
            }
        }
        Map<String, long[]> sorted = new TreeMap<>();
        times.forEach((u, ts) -> {
            long[] a = ts.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            sorted.put(u, a);
        });
        Fitted f = new Fitted(sorted, new TreeMap<>(firstTagUse));
        return new Fit(f, f.transform(train, ctx));
    }

    /**
     * Fitted state.
     *
     * @param postTimes   per author, the sorted posting times (unix seconds) of the known posts
     * @param firstTagUse per author, each tag's first use (unix seconds, tags lower-cased)
     */
    @JsonTypeName("history")
    public record Fitted(Map<String, long[]> postTimes, Map<String, Map<String, Long>> firstTagUse)
            implements FittedGroup {
        private static final List<String> NAMES = List.of("history#prev_posts", "history#days_since_prev",
                "history#days_since_first", "history#posts_per_day", "history#tag_reuse");

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            double[][] out = new double[posts.size()][NAMES.size()];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                double[] row = out[r];
                Arrays.fill(row, Double.NaN);
                if (p.postedAt() == null) {
                    continue;
                }
                long t = p.postedAt().getEpochSecond();
                long[] ts = postTimes.getOrDefault(p.userId(), new long[0]);
                int earlier = countBefore(ts, t);
                row[0] = earlier;
                if (earlier > 0) {
                    row[1] = (t - ts[earlier - 1]) / DAY;
                    row[2] = (t - ts[0]) / DAY;
                    row[3] = earlier / Math.max(1.0, row[2]);
                }
                if (!p.tags().isEmpty()) {
                    Map<String, Long> used = firstTagUse.getOrDefault(p.userId(), Map.of());
                    long reused = p.tags().stream()
                            .map(tag -> used.get(tag.toLowerCase(java.util.Locale.ROOT)))
                            .filter(first -> first != null && first < t).count();
                    row[4] = (double) reused / p.tags().size();
                }
            }
            return out;
        }

        /** Number of values in sorted {@code ts} strictly below {@code t}. */
        static int countBefore(long[] ts, long t) {
            int lo = 0;
            int hi = ts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ts[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
