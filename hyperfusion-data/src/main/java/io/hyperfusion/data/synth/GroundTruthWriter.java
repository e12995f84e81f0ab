package io.hyperfusion.data.synth;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hyperfusion.data.eval.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import io.hyperfusion.data.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import org.apache.commons.csv.CSVPrinter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what only the world's maker knows: the hidden test labels, every post's formula inputs and terms,
 * and {@code ground_truth.json} with the formula, its constants and the ceiling (how well the noise-free
 * score itself ranks and fits the noisy labels).
 *
 * <p>A world with a non-default character (see {@link WorldSpec}) gets more: the knobs in {@code spec}, the
 * character terms in the formula text and in {@code coefficients} ({@code drift}, {@code geo},
 * {@code profile}, {@code scene}), and extra columns at the end of {@code components.csv}. A default world
 * gets none of them, so its files stay byte-identical to those written before the knobs existed.
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

    /** The character terms, appended to {@link #FORMULA} for a world with a non-default character. */
    static final String CHARACTER_FORMULA = " Character terms (spec.drift, spec.hidden_signal): noise_free also adds"
            + " geo + profile + scene inside the clip, and the author term uses q_t instead of q: author ="
            + " author.coef * q_t, q_t = q + drift.strength * slope * (span_position - drift.centre), slope ~ N(0,1)"
            + " per author, span_position = (Postdate - drift.span_start 00:00 UTC) / (drift.span_days * 86400 s)"
            + " clipped to [0, 1]. geo = geo.strength * (sum_k bumps[k].height * exp(-((lat - bumps[k].lat)^2 +"
            + " (lon - bumps[k].lon)^2) / (2 geo.width_deg^2)) + geo.home_coef * (geo.home_centre_deg -"
            + " sqrt((lat - home_lat)^2 + (lon - home_lon)^2))) for geo-tagged posts (degrees, the written"
            + " coordinates; home = the author's city, which timezone_id names), 0 otherwise. profile ="
            + " profile.strength * profile.coef * (user_description . profile.direction), 0 for authors without a"
            + " description. scene = scene.strength * scene.effects[depicted_scene]. components.csv lists slope,"
            + " span_position, the coordinates, home and profile_dot per post, and the geo, profile and scene terms.";

    /** The extra columns of components.csv for a non-default character. */
    static final String CHARACTER_COLUMNS = ",slope,span_position,geo_tagged,latitude,longitude,home_lat,home_lon,"
            + "profile_dot,geo,profile,scene";

    private static final ObjectMapper JSON = Jackson.json().enable(SerializationFeature.INDENT_OUTPUT);

    private GroundTruthWriter() {
    }

    /** Ceiling metrics of one split: [src, mae]. */
    static double[] ceiling(List<WorldPost> rows) {
        double[] y = rows.stream().mapToDouble(WorldPost::label).toArray();
        double[] f = rows.stream().mapToDouble(WorldPost::noiseFree).toArray();
        return new double[] {Metrics.src(y, f), Metrics.mae(y, f)};
    }

    static void writeHidden(Path hidden, List<WorldPost> test) {
        List<List<String>> csv = new ArrayList<>(test.size() + 1);
        csv.add(List.of("uid", "pid", "popularity_score"));
        List<String> labels = SmpdWriter.labels(test);
        for (int i = 0; i < test.size(); i++) {
            csv.add(List.of(test.get(i).user().uid(), String.valueOf(test.get(i).pid()), labels.get(i)));
        }
        writeCsv(hidden.resolve("test_labels.csv"), csv);
        SmpdWriter.writeLines(hidden.resolve("test_label.txt"), labels);
    }

    /** One row per post (train rows first, in file order) with the formula's inputs, terms and results. */
    static void writeComponents(Path file, List<WorldPost> train, List<WorldPost> test, boolean character) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(("split,uid,pid,q,category,local_hour,iso_weekday,n_tags,n_hot,n_title_words,n_strong,"
                + "saturation,blur_sigma,gain,agreement,depicted_scene,mentioned_scene,author,category_term,hour,weekday,"
                + "tags,title,colour,sharpness,exposure,agreement_term,noise,noise_free,popularity_score"
                + (character ? CHARACTER_COLUMNS : "")).split(",")));
        for (String split : List.of("train", "test")) {
            for (WorldPost p : split.equals("train") ? train : test) {
                LabelFormula.Inputs in = p.inputs();
                List<String> row = new ArrayList<>(List.of(split, p.user().uid(), str(p.pid()), num(in.quality()),
                        in.category(), str(in.localHour()), str(in.isoWeekday()), str(in.nTags()), str(in.nHot()),
                        str(in.titleWords()), str(in.nStrong()), num(in.saturation()), num(in.blurSigma()),
                        num(in.gain()), str(in.agreement()), str(p.depicted()), str(p.mentioned())));
                p.terms().asMap().values().forEach(v -> row.add(num(v)));
                row.add(num(p.noise()));
                row.add(num(p.noiseFree()));
                row.add(BigDecimal.valueOf(p.label()).toPlainString());
                if (character) {
                    appendCharacter(row, p);
                }
                lines.add(row);
            }
        }
        writeCsv(file, lines);
    }

    private static void writeCsv(Path file, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter out = Csv.printer(sb)) {
            for (List<String> r : rows) {
                out.printRecord(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        SmpdWriter.writeString(file, sb.toString());
    }

    private static void appendCharacter(List<String> row, WorldPost p) {
        LabelFormula.CharacterInputs c = p.inputs().character();
        Vocabulary.City home = p.user().city();
        row.addAll(List.of(num(c.slope()), num(c.spanPosition()), c.geoTagged() ? "1" : "0", str(p.latitude()),
                str(p.longitude()), num(home.lat()), num(home.lon()), num(c.profileDot())));
        p.terms().characterMap().values().forEach(v -> row.add(num(v)));
    }

    /** A value as StringBuilder.append wrote it (the files stay byte-identical). */
    private static String str(Object v) {
        return String.valueOf(v);
    }

    static void writeGroundTruth(Path file, WorldSpec spec, HiddenSignal hidden, List<WorldPost> train,
            List<WorldPost> test, Map<String, Object> counts) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("world", "hyperfusion synthetic SMPD-Image world");
        root.put("format_version", 1);
        Map<String, Object> specMap = SmpdWriter.ordered("posts", spec.posts(), "users", spec.users(),
                "seed", spec.seed(), "test_fraction", spec.testFraction());
        Map<String, Object> coefficients = LabelFormula.describe();
        if (!spec.defaultCharacter()) {
            specMap.putAll(SmpdWriter.ordered("drift", spec.drift(), "late_authors", spec.lateAuthors(),
                    "cold_start", spec.coldStart(), "cold_start_activity", WorldSampler.COLD_START_ACTIVITY,
                    "hidden_signal", spec.hiddenSignal()));
            coefficients.putAll(LabelFormula.describeCharacter(spec, hidden));
        }
        root.put("spec", specMap);
        root.put("formula", spec.defaultCharacter() ? FORMULA : FORMULA + CHARACTER_FORMULA);
        root.put("coefficients", coefficients);
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
