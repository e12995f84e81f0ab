package io.hyperfusion.features.meta;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FeatureNames;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Post metadata that needs no encoder: the three category levels and every extra categorical field as
 * categorical codes ({@code meta#category}, {@code meta#cat_mediatype}), and every extra numeric field
 * ({@code meta#num_ispublic}). The fields are those seen in training; the vocabularies are fitted there.
 *
 * @param maxCategories vocabulary size limit per field (rarer values share the "other" code)
 * @param minCount      a value must occur this often in training to get its own code
 */
public record MetaFeatures(int maxCategories, int minCount) implements FeatureGroup {
    public static final String NAME = "meta";

    public MetaFeatures {
        if (maxCategories < 1 || minCount < 1) {
            throw new IllegalArgumentException("meta features need maxCategories >= 1 and minCount >= 1, got "
                    + maxCategories + ", " + minCount);
        }
    }

    public static MetaFeatures defaults() {
        return new MetaFeatures(1000, 2);
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
        List<Vocabulary> levels = List.of(
                Vocabulary.fit(train.stream().map(Post::category).toList(), maxCategories, minCount),
                Vocabulary.fit(train.stream().map(Post::subcategory).toList(), maxCategories, minCount),
                Vocabulary.fit(train.stream().map(Post::concept).toList(), maxCategories, minCount));
        List<String> cats = new ArrayList<>(catFields);
        List<Vocabulary> catVocab = cats.stream()
                .map(f -> Vocabulary.fit(train.stream().map(p -> p.categorical().get(f)).toList(),
                        maxCategories, minCount))
                .toList();
        Fitted fitted = new Fitted(levels, cats, catVocab, new ArrayList<>(numFields));
        return new Fit(fitted, fitted.transform(train, ctx));
    }

    /**
     * Fitted state: vocabularies of the category levels and of the extra categorical fields, and the extra
     * numeric field names.
     */
    @JsonTypeName("meta")
    public record Fitted(List<Vocabulary> levels, List<String> categoricalFields,
                         List<Vocabulary> categoricalVocabularies, List<String> numericFields)
            implements FittedGroup {

        public Fitted {
            if (levels.size() != 3 || categoricalFields.size() != categoricalVocabularies.size()) {
                throw new IllegalArgumentException("meta state needs 3 level vocabularies and one per field");
            }
        }

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>(List.of("meta#category", "meta#subcategory", "meta#concept"));
            categoricalFields.forEach(f -> n.add(FeatureNames.of(NAME, "cat_" + f)));
            numericFields.forEach(f -> n.add(FeatureNames.of(NAME, "num_" + f)));
            return n;
        }

        @Override
        public boolean isCategorical(int i) {
            return i < 3 + categoricalFields.size();
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            int width = 3 + categoricalFields.size() + numericFields.size();
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
            }
            return out;
        }
    }
}
