package io.hyperfusion.app.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs predictions with labels: on (uid, pid) when both files carry author ids, else on pid alone.
 *
 * @param truth         labels of the matched posts
 * @param predicted     predictions of the matched posts, aligned with {@code truth}
 * @param unpredicted   labelled posts without a prediction
 * @param unlabelled    predictions without a label
 */
public record ScoreJoin(double[] truth, double[] predicted, List<String> unpredicted, int unlabelled) {

    /** Joins; a post id repeated within one file (for the key in use) is an error. */
    public static ScoreJoin of(List<Scored> predictions, List<Scored> labels) {
        boolean byUser = predictions.stream().allMatch(s -> s.uid() != null && !s.uid().isEmpty())
                && labels.stream().allMatch(s -> s.uid() != null && !s.uid().isEmpty());
        Map<String, Double> pred = index(predictions, byUser, "predictions");
        Map<String, Double> lab = index(labels, byUser, "labels");
        List<Double> t = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Scored s : labels) {
            String k = key(s, byUser);
            Double v = pred.get(k);
            if (v == null) {
                missing.add(k);
            } else {
                t.add(s.score());
                p.add(v);
            }
        }
        Set<String> labelled = new HashSet<>(lab.keySet());
        int unlabelled = (int) pred.keySet().stream().filter(k -> !labelled.contains(k)).count();
        return new ScoreJoin(t.stream().mapToDouble(Double::doubleValue).toArray(),
                p.stream().mapToDouble(Double::doubleValue).toArray(), missing, unlabelled);
    }

    private static Map<String, Double> index(List<Scored> xs, boolean byUser, String what) {
        Map<String, Double> m = new HashMap<>();
        for (Scored s : xs) {
            if (m.put(key(s, byUser), s.score()) != null) {
                throw new IllegalArgumentException(what + " list post " + key(s, byUser) + " more than once");
            }
        }
        return m;
    }

    private static String key(Scored s, boolean byUser) {
        return byUser ? s.uid() + "/" + s.pid() : s.pid();
    }
}
