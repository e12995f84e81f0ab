package io.hyperfusion.features.text;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import java.util.List;

/**
 * Cheap statistics of a post's text: title length in characters and words, empty-title flag, tag count and
 * mean tag length. Stateless: nothing is fitted.
 */
public record TextStatFeatures() implements FeatureGroup {
    public static final String NAME = "text";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        Fitted f = new Fitted();
        return new Fit(f, f.transform(train, ctx));
    }

    /** Nothing to fit; the column layout is fixed. */
    @JsonTypeName("text")
    public record Fitted() implements FittedGroup {
        private static final List<String> NAMES = List.of(
                "text#title_len", "text#title_words", "text#title_empty", "text#tag_count", "text#tag_mean_len");

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            double[][] out = new double[posts.size()][NAMES.size()];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                String title = p.title().strip();
                out[r][0] = title.codePointCount(0, title.length());
                out[r][1] = title.isEmpty() ? 0 : title.split("\\s+").length;
                out[r][2] = title.isEmpty() ? 1 : 0;
                out[r][3] = p.tags().size();
                out[r][4] = p.tags().isEmpty() ? Double.NaN
                        : p.tags().stream().mapToInt(String::length).average().orElse(0);
            }
            return out;
        }
    }
}
