package io.hyperfusion.features.textlin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hyperfusion.data.Post;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A TF-IDF bag of words over a post's title and tags, for any language and script: words are maximal runs of
 * Unicode letters and digits (NFKC-normalised, lower-cased), each tag also counts whole as {@code #tag}. The
 * vocabulary holds the terms of at least {@code minDf} training posts; weights are sublinear term frequency
 * {@code 1 + ln tf} times smoothed idf {@code ln((1 + n) / (1 + df)) + 1}, each row scaled to unit length
 * (scikit-learn's {@code TfidfVectorizer(sublinear_tf=True)} defaults). Immutable; rows are sparse.
 */
public final class BagOfWords {
    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, Integer> index;
    private final double[] idf;

    /** A sparse row: term indices (ascending) and their weights. */
    public record Row(int[] terms, double[] weights) { }

    @JsonCreator
    public BagOfWords(@JsonProperty("terms") List<String> terms, @JsonProperty("idf") double[] idf) {
        if (terms.size() != idf.length) {
            throw new IllegalArgumentException("bag of words needs one idf per term, got " + terms.size() + " terms, "
                    + idf.length + " idf");
        }
        this.index = new HashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            if (index.put(terms.get(i), i) != null) {
                throw new IllegalArgumentException("bag of words lists term '" + terms.get(i) + "' twice");
            }
        }
        this.idf = idf.clone();
    }

    @JsonProperty("terms")
    public List<String> terms() {
        String[] t = new String[idf.length];
        index.forEach((k, v) -> t[v] = k);
        return Arrays.asList(t);
    }

    @JsonProperty("idf")
    public double[] idf() {
        return idf.clone();
    }

    public int size() {
        return idf.length;
    }

    /** The terms of a post with their counts, in first-seen order. */
    static Map<String, Integer> tokens(Post p) {
        Map<String, Integer> tf = new LinkedHashMap<>();
        words(p.title(), tf);
        for (String tag : p.tags()) {
            String t = normalise(tag).strip();
            if (!t.isEmpty()) {
                tf.merge("#" + t, 1, Integer::sum);
                words(tag, tf);
            }
        }
        return tf;
    }

    private static void words(String text, Map<String, Integer> tf) {
        for (String w : SPLIT.split(normalise(text))) {
            if (!w.isEmpty()) {
                tf.merge(w, 1, Integer::sum);
            }
        }
    }

    private static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Fits the vocabulary and idf on training posts; terms sorted, so the layout is reproducible. */
    static BagOfWords fit(List<Post> posts, int minDf, int maxTerms) {
        Map<String, Integer> df = new HashMap<>();
        for (Post p : posts) {
            for (String t : tokens(p).keySet()) {
                df.merge(t, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>(df.entrySet());
        kept.removeIf(e -> e.getValue() < minDf);
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        TreeMap<String, Integer> chosen = new TreeMap<>();
        kept.stream().limit(maxTerms).forEach(e -> chosen.put(e.getKey(), e.getValue()));
        List<String> terms = new ArrayList<>(chosen.keySet());
        double[] idf = new double[terms.size()];
        int n = posts.size();
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((1.0 + n) / (1.0 + chosen.get(terms.get(i)))) + 1;
        }
        return new BagOfWords(terms, idf);
    }

    /** The post's unit-length TF-IDF row (empty when it has no known term). */
    Row row(Post p) {
        TreeMap<Integer, Double> w = new TreeMap<>();
        tokens(p).forEach((t, c) -> {
            Integer i = index.get(t);
            if (i != null) {
                w.put(i, (1 + Math.log(c)) * idf[i]);
            }
        });
        double norm = Math.sqrt(w.values().stream().mapToDouble(v -> v * v).sum());
        int[] terms = w.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[] weights = w.values().stream().mapToDouble(v -> norm > 0 ? v / norm : 0).toArray();
        return new Row(terms, weights);
    }
}
