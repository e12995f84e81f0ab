package io.hyperfusion.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupKFoldTest {

    /** 600 rows from 80 users with skewed post counts. */
    private static List<String> groups() {
        Random r = new Random(5);
        List<String> g = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            g.add("u" + (int) Math.floor(80 * Math.pow(r.nextDouble(), 2)));
        }
        return g;
    }

    @Test
    void groupsNeverStraddleFolds() {
        List<String> g = groups();
        int[] fold = new GroupKFold(5, 42).assign(g);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            Integer prev = seen.putIfAbsent(g.get(i), fold[i]);
            assertTrue(prev == null || prev == fold[i], "group " + g.get(i) + " in folds " + prev + " and " + fold[i]);
        }
    }

    @Test
    void foldsAreBalancedWithinTheLargestGroup() {
        List<String> g = groups();
        int[] fold = new GroupKFold(5, 42).assign(g);
        int[] sizes = new int[5];
        Arrays.stream(fold).forEach(f -> sizes[f]++);
        Map<String, Integer> groupSizes = new HashMap<>();
        g.forEach(x -> groupSizes.merge(x, 1, Integer::sum));
        int largest = groupSizes.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int spread = Arrays.stream(sizes).max().orElseThrow() - Arrays.stream(sizes).min().orElseThrow();
        assertTrue(spread <= largest, "fold sizes " + Arrays.toString(sizes) + " largest group " + largest);
        assertTrue(Arrays.stream(sizes).allMatch(s -> s > 0));
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        List<String> g = groups();
        assertArrayEquals(new GroupKFold(5, 1).assign(g), new GroupKFold(5, 1).assign(g));
        assertFalse(Arrays.equals(new GroupKFold(5, 1).assign(g), new GroupKFold(5, 2).assign(g)));
    }

    @Test
    void splitsPartitionTheRows() {
        List<String> g = groups();
        List<Split> splits = new GroupKFold(4, 9).splits(g);
        assertEquals(4, splits.size());
        Set<Integer> validated = new HashSet<>();
        for (Split s : splits) {
            assertEquals(g.size(), s.trainSize() + s.validSize());
            Set<String> trainGroups = new HashSet<>();
            Arrays.stream(s.train()).forEach(i -> trainGroups.add(g.get(i)));
            for (int i : s.valid()) {
                assertTrue(validated.add(i), "row " + i + " validated twice");
                assertFalse(trainGroups.contains(g.get(i)), "group " + g.get(i) + " on both sides");
            }
        }
        assertEquals(g.size(), validated.size());
    }

    @Test
    void rejectsBadSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GroupKFold(1, 0));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GroupKFold(3, 0).assign(List.of("a", "b", "a", "b")));
        assertTrue(e.getMessage().contains("k=3") && e.getMessage().contains("got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GroupKFold(2, 0).assign(Arrays.asList("a", null, "b")));
    }
}
