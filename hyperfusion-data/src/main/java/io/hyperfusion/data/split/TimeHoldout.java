package io.hyperfusion.data.split;

import io.hyperfusion.data.Post;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A hold-out split by time: the latest fraction of the posts is the validation set, the rest is for
 * training, as the SMP Challenge splits its train and test periods.
 *
 * <p>Posts are ordered by {@code postedAt}; posts without a time count as the oldest; equal times are
 * ordered by author id, then post id. That order is total, so the split is deterministic without a seed.
 */
public final class TimeHoldout {

    private final double validFraction;

    /**
     * @param validFraction the share of posts held out, strictly between 0 and 1
     */
    public TimeHoldout(double validFraction) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validFraction);
        }
        this.validFraction = validFraction;
    }

    public double validFraction() {
        return validFraction;
    }

    /**
     * Splits the posts; indices refer to positions in {@code posts}. The validation set holds
     * {@code round(n * fraction)} posts, but at least one, and at least one post is left for training.
     *
     * @throws IllegalArgumentException when there are fewer than 2 posts
     */
    public Split split(List<Post> posts) {
        if (posts == null || posts.size() < 2) {
            throw new IllegalArgumentException("a time hold-out needs at least 2 posts, got "
                    + (posts == null ? "null" : posts.size()));
        }
        int n = posts.size();
        int nValid = (int) Math.max(1, Math.min(n - 1, Math.round(n * validFraction)));
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, chronological(posts));
        int[] train = new int[n - nValid];
        int[] valid = new int[nValid];
        for (int i = 0; i < n; i++) {
            if (i < n - nValid) {
                train[i] = order[i];
            } else {
                valid[i - (n - nValid)] = order[i];
            }
        }
        return new Split(train, valid);
    }

    /** Indices of {@code posts} in time order: oldest first, missing times first, ties by author then post id. */
    public static int[] order(List<Post> posts) {
        Integer[] order = IntStream.range(0, posts.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, chronological(posts));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** Oldest first; missing times first; ties by author then post id. */
    static Comparator<Integer> chronological(List<Post> posts) {
        Comparator<Instant> byTime = Comparator.nullsFirst(Comparator.naturalOrder());
        return Comparator.<Integer, Instant>comparing(i -> posts.get(i).postedAt(), byTime)
                .thenComparing(i -> posts.get(i).userId())
                .thenComparing(i -> posts.get(i).postId())
                .thenComparing(i -> i); // duplicate keys: keep input order
    }
}
