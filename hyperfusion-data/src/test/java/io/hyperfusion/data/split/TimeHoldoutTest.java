package io.hyperfusion.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeHoldoutTest {

    private static Post post(String pid, String uid, Long epochSecond) {
        return Post.builder(pid, uid).postedAt(epochSecond == null ? null : Instant.ofEpochSecond(epochSecond)).build();
    }

    @Test
    void latestPostsAreValidation() {
        List<Post> posts = List.of(
                post("1", "a", 500L),   // 0
                post("2", "a", 100L),   // 1
                post("3", "b", null),   // 2: no time = oldest
                post("4", "b", 900L),   // 3
                post("5", "c", 300L));  // 4
        Split s = new TimeHoldout(0.4).split(posts);
        assertArrayEquals(new int[] {0, 3}, s.valid());
        assertArrayEquals(new int[] {1, 2, 4}, s.train());
    }

    @Test
    void tiesBrokenByKeyNotInputOrder() {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(post("p" + i, "u" + (9 - i), 1000L)); // all at the same time
        }
        Split s = new TimeHoldout(0.3).split(posts);
        // order by uid: u0 (i=9) < u1 (i=8) < ... ; the latest three are u7, u8, u9 = rows 2, 1, 0
        assertArrayEquals(new int[] {0, 1, 2}, s.valid());
        List<Post> shuffled = new ArrayList<>(posts);
        Collections.shuffle(shuffled, new Random(3));
        Split t = new TimeHoldout(0.3).split(shuffled);
        for (int i : t.valid()) {
            String uid = shuffled.get(i).userId();
            assertTrue(uid.equals("u7") || uid.equals("u8") || uid.equals("u9"), uid);
        }
    }

    @Test
    void everyValidPostIsNoOlderThanEveryTrainPost() {
        Random r = new Random(11);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            posts.add(post("p" + i, "u" + r.nextInt(20), r.nextInt(10) == 0 ? null : (long) r.nextInt(5000)));
        }
        Split s = new TimeHoldout(0.2).split(posts);
        assertEquals(40, s.validSize());
        assertEquals(160, s.trainSize());
        long newestTrain = Long.MIN_VALUE;
        for (int i : s.train()) {
            Instant t = posts.get(i).postedAt();
            newestTrain = Math.max(newestTrain, t == null ? Long.MIN_VALUE : t.getEpochSecond());
        }
        for (int i : s.valid()) {
            assertTrue(posts.get(i).postedAt() != null && posts.get(i).postedAt().getEpochSecond() >= newestTrain);
        }
        assertEquals(s, new TimeHoldout(0.2).split(posts));
    }

    @Test
    void keepsAtLeastOneRowOnEachSide() {
        List<Post> posts = List.of(post("1", "a", 1L), post("2", "a", 2L));
        assertEquals(1, new TimeHoldout(0.01).split(posts).validSize());
        assertEquals(1, new TimeHoldout(0.99).split(posts).trainSize());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TimeHoldout(0));
        assertThrows(IllegalArgumentException.class, () -> new TimeHoldout(1));
        assertThrows(IllegalArgumentException.class, () -> new TimeHoldout(Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeHoldout(0.2).split(List.of(post("1", "a", 1L))));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
    }
}
