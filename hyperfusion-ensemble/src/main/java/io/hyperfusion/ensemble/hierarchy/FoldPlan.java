package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.split.GroupKFold;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The one fold assignment every tier shares (scikit-learn stacking's rule: every member sees the same folds,
 * so a meta-feature of a row always comes from models that never saw the row). Fixed by one seed.
 */
public final class FoldPlan {
    private FoldPlan() { }

    /**
     * Fold of each post.
     *
     * @param scheme {@code user}: all posts of an author in one fold; {@code time}: K contiguous blocks in time;
     *               {@code random}: seeded uniform assignment
     */
    public static int[] assign(List<Post> posts, int k, String scheme, long seed) {
        int n = posts.size();
        if (n < k) {
            throw new IllegalArgumentException("need at least " + k + " rows for " + k + " folds, got " + n);
        }
        return switch (scheme) {
            case "user" -> {
                long users = posts.stream().map(Post::userId).distinct().count();
                if (users < k) {
                    yield assign(posts, k, "random", seed); // too few authors to group: fall back, documented
                }
                yield new GroupKFold(k, seed).assign(posts.stream().map(Post::userId).toList());
            }
            case "time" -> {
                int[] order = IntStream.range(0, n).boxed()
                        .sorted(Comparator.comparing((Integer i) -> posts.get(i).postedAt(),
                                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(i -> posts.get(i).key().toString()))
                        .mapToInt(Integer::intValue).toArray();
                int[] fold = new int[n];
                for (int r = 0; r < n; r++) {
                    fold[order[r]] = (int) ((long) r * k / n);
                }
                yield fold;
            }
            case "random" -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                int[] perm = IntStream.range(0, n).toArray();
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                int[] fold = new int[n];
                for (int r = 0; r < n; r++) {
                    fold[perm[r]] = r % k;
                }
                yield fold;
            }
            default -> throw new IllegalArgumentException("fold scheme must be user, time or random, got '" + scheme + "'");
        };
    }
}
