package io.hyperfusion.data.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hyperfusion.data.eval.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what only the world's maker knows: the hidden test labels, every post's formula inputs and terms,
 * and {@code ground_truth.json} with the formula, its constants and the ceiling (how well the noise-free
 * score itself ranks and fits the noisy labels).
 */
final class GroundTruthWriter {

    static final String FORMULA = "noise_free = clip(base + author + category + hour + weekday + tags + title"
            + " + colour + sharpness + exposure + agreement, 1, 16.5); label = round4(clip(noise_free_unclipped"
            + " + noise, 1, 16.5)), noise ~ N(0, noise_sd). author = author.coef * q; category = category[c];"
            + " hour = hour.amplitude * cos(2 pi (h - hour.peak_hour) / 24) with h the posting hour in the author's"
            + " timezone_id; weekday = weekday[d - 1] with d the ISO day (Mon=1) in that zone; tags ="
            + " tags.log_coef * (ln(1 + n_tags) - tags.centre) + tags.hot_coef * min(n_hot, tags.hot_max);"
            + " title = title.log_coef * (ln(1 + n_title_words) - title.centre) + title.strong_coef * n_strong;"
            + " colour = colour.coef * (saturation - colour.centre); sharpness = -sharpness.blur_coef * blur_sigma;"
            + " exposure = -exposure.coef * ln(gain)^2; agreement = agreement.coef * (a - agreement.centre) with"
            + " a = 1 when the title or tags contain a word of the depicted scene.";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GroundTruthWriter() {
    }

    /** Ceiling metrics of one split: [src, mae]. */
    static double[] ceiling(List<WorldPost> rows) {
        double[] y = rows.stream().mapToDouble(WorldPost::label).toArray();
        double[] f = rows.stream().mapToDouble(WorldPost::noiseFree).toArray();
        return new double[] {Metrics.src(y, f), Metrics.mae(y, f)};
    }

    static void writeHidden(Path hidden, List<WorldPost> test) {
        List<String> csv = new ArrayList<>(test.size() + 1);
        csv.add("uid,pid,popularity_score");
        List<String> labels = SmpdWriter.labels(test);
        for (int i = 0; i < test.size(); i++) {
            csv.add(test.get(i).user().uid() + "," + test.get(i).pid() + "," + labels.get(i));
        }
        SmpdWriter.writeLines(hidden.resolve("test_labels.csv"), csv);
        SmpdWriter.writeLines(hidden.resolve("test_label.txt"), labels);
    }

    /** One row per post (train rows first, in file order) with the formula's inputs, terms and results. */
    static void writeComponents(Path file, List<WorldPost> train, List<WorldPost> test) {
        List<String> lines = new ArrayList<>();
        lines.add("split,uid,pid,q,category,local_hour,iso_weekday,n_tags,n_hot,n_title_words,n_strong,saturation,"
                + "blur_sigma,gain,agreement,depicted_scene,mentioned_scene,author,category_term,hour,weekday,tags,"
                + "title,colour,sharpness,exposure,agreement_term,noise,noise_free,popularity_score");
        for (String split : List.of("train", "test")) {
            for (WorldPost p : split.equals("train") ? train : test) {
                LabelFormula.Inputs in = p.inputs();
                StringBuilder sb = new StringBuilder();
                sb.append(split).append(',').append(p.user().uid()).append(',').append(p.pid()).append(',')
                        .append(num(in.quality())).append(',').append(in.category()).append(',')
                        .append(in.localHour()).append(',').append(in.isoWeekday()).append(',').append(in.nTags())
                        .append(',').append(in.nHot()).append(',').append(in.titleWords()).append(',')
                        .append(in.nStrong()).append(',').append(num(in.saturation())).append(',')
                        .append(num(in.blurSigma())).append(',').append(num(in.gain())).append(',')
                        .append(in.agreement()).append(',').append(p.depicted()).append(',').append(p.mentioned());
                p.terms().asMap().values().forEach(v -> sb.append(',').append(num(v)));
                sb.append(',').append(num(p.noise())).append(',').append(num(p.noiseFree())).append(',')
                        .append(BigDecimal.valueOf(p.label()).toPlainString());
                lines.add(sb.toString());
            }
        }
        SmpdWriter.writeLines(file, lines);
    }

    static void writeGroundTruth(Path file, WorldSpec spec, List<WorldPost> train, List<WorldPost> test,
            Map<String, Object> counts) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("world", "hyperfusion synthetic SMPD-Image world");
        root.put("format_version", 1);
        root.put("spec", SmpdWriter.ordered("posts", spec.posts(), "users", spec.users(), "seed", spec.seed(),
                "test_fraction", spec.testFraction()));
        root.put("formula", FORMULA);
        root.put("coefficients", LabelFormula.describe());
        root.put("inputs_file", "hidden/components.csv");
        double[] te = ceiling(test);
        double[] tr = ceiling(train);
        root.put("ceiling", SmpdWriter.ordered(
                "note", "noise-free score (clipped) against the published noisy labels: no model can expect to beat"
                        + " these except by luck",
                "test", SmpdWriter.ordered("src", te[0], "mae", te[1], "n", test.size()),
                "train", SmpdWriter.ordered("src", tr[0], "mae", tr[1], "n", train.size())));
        root.put("labels", SmpdWriter.ordered("train", stats(train), "test", stats(test)));
        root.put("counts", counts);
        try {
            SmpdWriter.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + file, e);
        }
    }

    private static Map<String, Object> stats(List<WorldPost> rows) {
        double[] y = rows.stream().mapToDouble(WorldPost::label).toArray();
        double mean = java.util.Arrays.stream(y).average().orElse(Double.NaN);
        double var = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, y.length - 1);
        return SmpdWriter.ordered("mean", mean, "sd", Math.sqrt(var),
                "min", java.util.Arrays.stream(y).min().orElse(Double.NaN),
                "max", java.util.Arrays.stream(y).max().orElse(Double.NaN));
    }

    /** Shortest text that parses back to the same double, so the terms can be recomputed exactly. */
    private static String num(double v) {
        return Double.toString(v);
    }
}
