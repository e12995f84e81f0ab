package io.hyperfusion.ensemble.suite;

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

class ValidationWindowsTest {

    static List<Post> posts(int n) {
        List<Post> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Post.builder("p" + i, "u" + (i % 7)).postedAt(Instant.ofEpochSecond(1_000_000L + 60L * i)).label(1.0 * i).build());
        }
        Collections.shuffle(out, new Random(3)); // file order is not time order
        return out;
    }

    @Test
    void windowsAreConsecutiveLatestFirstAndTrainOnlyOnEarlierPosts() {
        List<Post> p = posts(1000);
        List<ValidationWindows.Window> ws = new ValidationWindows(3, 0.15).of(p);
        assertEquals(3, ws.size());
        double upper = Double.POSITIVE_INFINITY;
        for (ValidationWindows.Window w : ws) {
            assertEquals(150, w.valid().length);
            assertEquals(1000 - 150 * w.index(), w.train().length);
            double minValid = java.util.Arrays.stream(w.valid()).mapToDouble(i -> p.get(i).label()).min().orElseThrow();
            double maxValid = java.util.Arrays.stream(w.valid()).mapToDouble(i -> p.get(i).label()).max().orElseThrow();
            double maxTrain = java.util.Arrays.stream(w.train()).mapToDouble(i -> p.get(i).label()).max().orElseThrow();
            assertTrue(maxTrain < minValid, "window " + w.index() + " trains on a post not earlier than it");
            assertTrue(maxValid < upper, "windows must be consecutive, latest first");
            assertEquals(149, maxValid - minValid, "a window is a contiguous stretch of time");
            upper = minValid;
        }
    }

    @Test
    void tooFewPostsLeftToTrainOnAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ValidationWindows(3, 0.3).of(posts(200)));
        assertTrue(e.getMessage().contains("to train on"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ValidationWindows(0, 0.15));
        assertThrows(IllegalArgumentException.class, () -> new ValidationWindows(1, 0.6));
    }
}
