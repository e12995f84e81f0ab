package io.hyperfusion.data.split;

import java.util.Arrays;

/**
 * One train/validation partition of the rows of a data set, as sorted row indices.
 *
 * <p>The arrays are copied in and out, so a split cannot be changed after it is made.
 *
 * @param train rows to fit on, ascending
 * @param valid rows to evaluate on, ascending; disjoint from {@code train}
 */
public record Split(int[] train, int[] valid) {

    public Split {
        if (train == null || valid == null) {
            throw new IllegalArgumentException("a split needs both index arrays, got train="
                    + (train == null ? "null" : train.length + " rows") + " valid="
                    + (valid == null ? "null" : valid.length + " rows"));
        }
        train = sortedCopy(train);
        valid = sortedCopy(valid);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] valid() {
        return valid.clone();
    }

    public int trainSize() {
        return train.length;
    }

    public int validSize() {
        return valid.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(valid, s.valid);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(valid);
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + " rows, valid=" + valid.length + " rows]";
    }

    private static int[] sortedCopy(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
