package io.hyperfusion.features.stats;

import io.hyperfusion.data.Post;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The visiting order of ordered target statistics: posts by time, earliest first. */
public final class PostOrder {

    private PostOrder() {
    }

    /**
     * Row indices of {@code posts}, earliest first; posts without a time come first, ties are broken by the post key
     * so the order is total and reproducible.
     */
    public static int[] chronological(List<Post> posts) {
        return IntStream.range(0, posts.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> posts.get(i).postedAt(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(i -> posts.get(i).key().toString()))
                .mapToInt(Integer::intValue).toArray();
    }
}
