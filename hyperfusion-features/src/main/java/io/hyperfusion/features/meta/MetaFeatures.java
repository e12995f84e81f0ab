package io.hyperfusion.features.meta;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FeatureNames;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.Vocabulary;
import io.hyperfusion.features.stats.CountRatios;
import io.hyperfusion.features.stats.PostOrder;
import io.hyperfusion.features.stats.TargetStatistics;
import io.hyperfusion.features.stats.ValueCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Post metadata that needs no encoder. For the three category levels and every extra categorical field
 * ({@code meta#category}, {@code meta#cat_mediatype}, ...): the value as a categorical code, how often the value
 * occurs among the known posts ({@code meta#freq_...}, {@link ValueCounts}) and its mean label as a leakage-free
 * target statistic ({@code meta#te_...}, {@link TargetStatistics}, out-of-fold or ordered by time per the options).
 * Every extra numeric field as it is ({@code meta#num_ispublic}) and the log-ratios of the count-like ones
 * ({@code meta#ratio_...}, {@link CountRatios}). The fields are those seen in training.
 *
 * @param maxCategories vocabulary size limit per field (rarer values share the "other" code)
 * @param minCount      a value must occur this often in training to get its own code
 * @param targetStats   how a training row's target statistics are kept from labels it could not see
 * @param maxRatioFields count-like numeric fields paired into ratios, at most (0 = no ratios)
 * @param categoryStats  whether to add the target statistics of the levels and categorical fields
 * @param frequencies    whether to add the value frequencies of the levels and categorical fields
 */
public record MetaFeatures(int maxCategories, int minCount, TargetStatistics.Options targetStats, int maxRatioFields,
                           boolean categoryStats, boolean frequencies) implements FeatureGroup {
    public static final String NAME = "meta";
    private static final List<String> LEVELS = List.of("category", "subcategory", "concept");

    public MetaFeatures {
        if (maxCategories < 1 || minCount < 1 || maxRatioFields < 0 || maxRatioFields == 1) {
            throw new IllegalArgumentException("meta features need maxCategories >= 1, minCount >= 1 and "
                    + "maxRatioFields >= 0, got " + maxCategories + ", " + minCount + ", " + maxRatioFields);
        }
        if (targetStats == null) {
            throw new IllegalArgumentException("meta features need target-statistics options");
        }
    }

    public static MetaFeatures defaults() {
        return of(io.hyperfusion.features.FeatureOptions.defaults());
    }

    /** The group with the given feature options. */
    public static MetaFeatures of(io.hyperfusion.features.FeatureOptions o) {
        return new MetaFeatures(1000, 2, o.targetStatistics(), o.ratios() ? 8 : 0, o.categoryStats(), o.frequencies());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        TreeSet<String> catFields = new TreeSet<>();
        TreeSet<String> numFields = new TreeSet<>();
        for (Post p : train) {
            catFields.addAll(p.categorical().keySet());
            numFields.addAll(p.numeric().keySet());
        }
        List<String> cats = new ArrayList<>(catFields);
        List<Vocabulary> levels = LEVELS.stream()
                .map(l -> Vocabulary.fit(train.stream().map(Fitted.level(l)).toList(), maxCategories, minCount))
                .toList();
        List<Vocabulary> catVocab = cats.stream()
                .map(f -> Vocabulary.fit(train.stream().map(p -> p.categorical().get(f)).toList(),
                        maxCategories, minCount))
                .toList();
        // Frequencies over every known post (labelled and unlabelled), target statistics over the labelled ones.
        List<Post> corpus = ctx.corpus().isEmpty() ? train : ctx.corpus();
        List<String> keyed = Fitted.keyedFields(cats);
        Map<String, ValueCounts> counts = new LinkedHashMap<>();
        Map<String, TargetStatistics> tables = new LinkedHashMap<>();
        Map<String, double[]> trainMeans = new LinkedHashMap<>();
        int[] order = PostOrder.chronological(train);
        for (String k : keyed) {
            Function<Post, String> value = Fitted.value(k);
            if (frequencies) {
                counts.put(k, ValueCounts.fit(corpus.stream().map(value).toList()));
            }
            if (categoryStats) {
                TargetStatistics.Fit ts = TargetStatistics.fit(train.stream().map(value).toArray(String[]::new), labels,
                        order, targetStats, seed);
                tables.put(k, ts.table());
                trainMeans.put(k, ts.trainMean());
            }
        }
        List<String> nums = new ArrayList<>(numFields);
        Map<String, double[]> numValues = new LinkedHashMap<>();
        for (String f : nums) {
            numValues.put(f, train.stream().mapToDouble(p -> p.numeric().getOrDefault(f, Double.NaN)).toArray());
        }
        Fitted fitted = new Fitted(levels, cats, catVocab, nums, counts, tables,
                CountRatios.fit(nums, numValues, maxRatioFields));
        double[][] values = fitted.transform(train, ctx);
        int te = fitted.firstTargetColumn();
        for (int r = 0; r < train.size() && categoryStats; r++) {
            int c = te;
            for (String k : keyed) {
                values[r][c++] = trainMeans.get(k)[r];
            }
        }
        return new Fit(fitted, values);
    }

    /**
     * Fitted state: vocabularies of the category levels and of the extra categorical fields, the extra numeric field
     * names, and per level/field the value counts and target statistics (absent in bundles from before they existed),
     * and the ratio fields.
     */
    @JsonTypeName("meta")
    public record Fitted(List<Vocabulary> levels, List<String> categoricalFields,
                         List<Vocabulary> categoricalVocabularies, List<String> numericFields,
                         Map<String, ValueCounts> valueCounts, Map<String, TargetStatistics> targetStats,
                         CountRatios ratios)
            implements FittedGroup {

        public Fitted {
            if (levels.size() != 3 || categoricalFields.size() != categoricalVocabularies.size()) {
                throw new IllegalArgumentException("meta state needs 3 level vocabularies and one per field");
            }
            valueCounts = valueCounts == null ? Map.of() : valueCounts;
            targetStats = targetStats == null ? Map.of() : targetStats;
            ratios = ratios == null ? new CountRatios(List.of()) : ratios;
        }

        /** The levels, then {@code cat:<field>} for each categorical field: the keys of counts and statistics. */
        static List<String> keyedFields(List<String> categoricalFields) {
            List<String> k = new ArrayList<>(LEVELS);
            categoricalFields.forEach(f -> k.add("cat:" + f));
            return k;
        }

        static Function<Post, String> level(String name) {
            return switch (name) {
                case "category" -> Post::category;
                case "subcategory" -> Post::subcategory;
                case "concept" -> Post::concept;
                default -> throw new IllegalArgumentException("unknown category level " + name);
            };
        }

        static Function<Post, String> value(String key) {
            return key.startsWith("cat:") ? p -> p.categorical().get(key.substring(4)) : level(key);
        }

        private static String suffix(String key) {
            return key.startsWith("cat:") ? "cat_" + key.substring(4) : key;
        }

        private List<String> counted() {
            return valueCounts.isEmpty() ? List.of() : keyedFields(categoricalFields);
        }

        private List<String> averaged() {
            return targetStats.isEmpty() ? List.of() : keyedFields(categoricalFields);
        }

        int firstTargetColumn() {
            return 3 + categoricalFields.size() + numericFields.size() + counted().size();
        }

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>(List.of("meta#category", "meta#subcategory", "meta#concept"));
            categoricalFields.forEach(f -> n.add(FeatureNames.of(NAME, "cat_" + f)));
            numericFields.forEach(f -> n.add(FeatureNames.of(NAME, "num_" + f)));
            counted().forEach(k -> n.add(FeatureNames.of(NAME, "freq_" + suffix(k))));
            averaged().forEach(k -> n.add(FeatureNames.of(NAME, "te_" + suffix(k))));
            ratios.names().forEach(r -> n.add(FeatureNames.of(NAME, r)));
            return n;
        }

        @Override
        public boolean isCategorical(int i) {
            return i < 3 + categoricalFields.size();
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            List<String> counted = counted();
            List<String> averaged = averaged();
            int width = 3 + categoricalFields.size() + numericFields.size() + counted.size() + averaged.size()
                    + ratios.width();
            double[][] out = new double[posts.size()][width];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                double[] row = out[r];
                row[0] = levels.get(0).code(p.category());
                row[1] = levels.get(1).code(p.subcategory());
                row[2] = levels.get(2).code(p.concept());
                int c = 3;
                for (int i = 0; i < categoricalFields.size(); i++) {
                    row[c++] = categoricalVocabularies.get(i).code(p.categorical().get(categoricalFields.get(i)));
                }
                Map<String, Double> num = p.numeric();
                for (String f : numericFields) {
                    Double v = num.get(f);
                    row[c++] = v == null ? Double.NaN : v;
                }
                for (String k : counted) {
                    row[c++] = valueCounts.get(k).logCount(value(k).apply(p));
                }
                for (String k : averaged) {
                    row[c++] = targetStats.get(k).mean(value(k).apply(p));
                }
                ratios.write(num::get, row, c);
            }
            return out;
        }
    }
}
