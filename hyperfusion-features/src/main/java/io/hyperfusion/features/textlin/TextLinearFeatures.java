package io.hyperfusion.features.textlin;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.stats.PostOrder;
import io.hyperfusion.features.stats.TargetStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A linear text model as a feature ({@code textlin#ridge}): ridge regression of the label on the TF-IDF bag of
 * words of the title and tags ({@link BagOfWords}, {@link SparseRidge}). It reads every word of every language
 * (the sentence encoder is English only) and every tag as a token, the classic text baseline of popularity
 * prediction. Being fitted on labels, a training row's value comes from a model that did not see it: with
 * out-of-fold statistics, K author-grouped folds (an author's near-duplicate captions never inform their own
 * rows); with ordered statistics, K time blocks, each predicted by a model fitted on the earlier blocks only (the
 * first block gets NaN). New posts use the model fitted on every training row. Also {@code textlin#known_terms},
 * the share of a post's terms in the vocabulary.
 *
 * @param minDf     a term must occur in this many training posts
 * @param maxTerms  vocabulary size limit (most frequent terms)
 * @param lambda    ridge penalty
 * @param folds     K
 * @param mode      how training rows are kept from their own label
 */
public record TextLinearFeatures(int minDf, int maxTerms, double lambda, int folds, TargetStatistics.Mode mode)
        implements FeatureGroup {
    public static final String NAME = "textlin";
    private static final List<String> NAMES = List.of("textlin#ridge", "textlin#known_terms");
    private static final int MAX_ITER = 200;

    public TextLinearFeatures {
        if (minDf < 1 || maxTerms < 1 || !(lambda > 0) || folds < 2 || mode == null) {
            throw new IllegalArgumentException("textlin features need minDf >= 1, maxTerms >= 1, lambda > 0, folds >= 2 "
                    + "and a mode; got " + minDf + ", " + maxTerms + ", " + lambda + ", " + folds + ", " + mode);
        }
    }

    public static TextLinearFeatures of(io.hyperfusion.features.FeatureOptions o) {
        return new TextLinearFeatures(2, 50_000, 3.0, 5, o.targetStats());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        BagOfWords bag = BagOfWords.fit(train, minDf, maxTerms);
        List<BagOfWords.Row> rows = train.stream().map(bag::row).toList();
        Fitted fitted = new Fitted(bag, SparseRidge.fit(rows, labels, bag.size(), lambda, MAX_ITER));
        double[][] values = fitted.transform(train, ctx);
        double[] oof = mode == TargetStatistics.Mode.ORDERED ? ordered(train, rows, labels, bag.size())
                : outOfFold(train, rows, labels, bag.size(), seed);
        for (int i = 0; i < values.length; i++) {
            values[i][0] = oof[i];
        }
        return new Fit(fitted, values);
    }

    /** Author-grouped K-fold predictions: each author's rows are predicted by a model without them. */
    private double[] outOfFold(List<Post> train, List<BagOfWords.Row> rows, double[] y, int d, long seed) {
        TreeMap<String, Integer> authorFold = new TreeMap<>();
        train.forEach(p -> authorFold.put(p.userId(), 0));
        SplittableRandom r = new SplittableRandom(seed);
        authorFold.replaceAll((k, v) -> r.nextInt(folds));
        int[] fold = train.stream().mapToInt(p -> authorFold.get(p.userId())).toArray();
        double[] out = new double[train.size()];
        for (int f = 0; f < folds; f++) {
            final int ff = f;
            int[] in = IntStream.range(0, fold.length).filter(i -> fold[i] != ff).toArray();
            int[] held = IntStream.range(0, fold.length).filter(i -> fold[i] == ff).toArray();
            predict(rows, y, d, in, held, out);
        }
        return out;
    }

    /** Expanding-window predictions over K time blocks: block k from a model of blocks before it. */
    private double[] ordered(List<Post> train, List<BagOfWords.Row> rows, double[] y, int d) {
        int[] order = PostOrder.chronological(train);
        double[] out = new double[train.size()];
        Arrays.fill(out, Double.NaN);
        int n = order.length;
        for (int k = 1; k < folds; k++) {
            int from = (int) ((long) n * k / folds);
            int to = (int) ((long) n * (k + 1) / folds);
            predict(rows, y, d, Arrays.copyOfRange(order, 0, from), Arrays.copyOfRange(order, from, to), out);
        }
        return out;
    }

    private void predict(List<BagOfWords.Row> rows, double[] y, int d, int[] in, int[] held, double[] out) {
        if (held.length == 0) {
            return;
        }
        if (in.length == 0) {
            for (int i : held) {
                out[i] = Double.NaN;
            }
            return;
        }
        List<BagOfWords.Row> sub = new ArrayList<>(in.length);
        double[] ys = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            sub.add(rows.get(in[i]));
            ys[i] = y[in[i]];
        }
        SparseRidge m = SparseRidge.fit(sub, ys, d, lambda, MAX_ITER);
        for (int i : held) {
            out[i] = m.predict(rows.get(i));
        }
    }

    /**
     * Fitted state.
     *
     * @param bag   the vocabulary and idf
     * @param ridge the model fitted on every training row
     */
    @JsonTypeName("textlin")
    public record Fitted(BagOfWords bag, SparseRidge ridge) implements FittedGroup {

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            double[][] out = new double[posts.size()][2];
            for (int r = 0; r < posts.size(); r++) {
                BagOfWords.Row row = bag.row(posts.get(r));
                int all = BagOfWords.tokens(posts.get(r)).size();
                out[r][0] = ridge.predict(row);
                out[r][1] = all == 0 ? Double.NaN : (double) row.terms().length / all;
            }
            return out;
        }
    }
}
