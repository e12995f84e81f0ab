package io.hyperfusion.data.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation by group (e.g. by author): all rows of one group land in the same fold, so a
 * model is never validated on an author it has seen in training.
 *
 * <p>Groups are shuffled with the seed, then sorted by size (largest first, the shuffle breaking ties) and
 * each is given to the fold that currently holds the fewest rows, lowest fold index on ties. That greedy
 * rule keeps fold sizes within one largest group of each other, like scikit-learn's {@code GroupKFold},
 * while the seed decides which groups go together.
 */
public final class GroupKFold {

    private final int k;
    private final long seed;

    /**
     * @param k    number of folds, at least 2
     * @param seed decides the shuffle of the groups
     */
    public GroupKFold(int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, got " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    public int k() {
        return k;
    }

    public long seed() {
        return seed;
    }

    /**
     * The fold (0..k-1) of every row.
     *
     * @param groups the group of each row; null is not allowed
     * @throws IllegalArgumentException when a group is null or there are fewer distinct groups than folds
     */
    public int[] assign(List<String> groups) {
        if (groups == null) {
            throw new IllegalArgumentException("groups must be given, got null");
        }
        Map<String, Integer> sizes = new LinkedHashMap<>(); // first-appearance order: input-determined
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (g == null) {
                throw new IllegalArgumentException("group of row " + i + " is null");
            }
            sizes.merge(g, 1, Integer::sum);
        }
        if (sizes.size() < k) {
            throw new IllegalArgumentException("need at least k=" + k + " distinct groups, got " + sizes.size()
                    + " in " + groups.size() + " rows");
        }
        List<String> names = new ArrayList<>(sizes.keySet());
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = names.size() - 1; i > 0; i--) { // Fisher-Yates
            int j = rnd.nextInt(i + 1);
            String t = names.get(i);
            names.set(i, names.get(j));
            names.set(j, t);
        }
        names.sort(Comparator.comparingInt((String g) -> sizes.get(g)).reversed()); // stable: shuffle breaks ties
        long[] load = new long[k];
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        for (String g : names) {
            int best = 0;
            for (int f = 1; f < k; f++) {
                if (load[f] < load[best]) {
                    best = f;
                }
            }
            foldOf.put(g, best);
            load[best] += sizes.get(g);
        }
        int[] out = new int[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = foldOf.get(groups.get(i));
        }
        return out;
    }

    /** The k splits: split {@code f} validates on fold {@code f} and trains on the others. */
    public List<Split> splits(List<String> groups) {
        int[] fold = assign(groups);
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int nValid = 0;
            for (int x : fold) {
                nValid += x == f ? 1 : 0;
            }
            int[] train = new int[fold.length - nValid];
            int[] valid = new int[nValid];
            int t = 0;
            int v = 0;
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    valid[v++] = i;
                } else {
                    train[t++] = i;
                }
            }
            out.add(new Split(train, valid));
        }
        return out;
    }
}
