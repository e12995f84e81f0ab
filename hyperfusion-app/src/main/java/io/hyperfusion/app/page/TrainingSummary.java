package io.hyperfusion.app.page;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.data.jsonl.JsonlRecords;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.models.bundle.Bundle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the drafting page needs to know about the training data and the fitted model does not keep: the label
 * distribution (to tell a score as a percentile), the category levels as they occur together (to offer a
 * subcategory that fits the category) and the profiles of the authors (to score a known author's draft with the
 * profile {@code predict} would read from {@code users.jsonl}). {@code train} writes it into the bundle's
 * {@code report/} folder; bundles written before lack it, and every part is then absent (null or empty).
 *
 * @param labels     the training labels' scale, or null
 * @param categories category → subcategory → concept → labelled posts (levels absent in a post are ""), or null
 * @param authors    author id → profile (without the description vectors, which no feature reads), possibly empty
 * @param typical    the typical value of each extra post field of the labelled posts ({@code numeric}: field →
 *                   median, {@code categorical}: field → the value at least half of them share), the page's
 *                   defaults; possibly empty
 */
public record TrainingSummary(LabelScale labels, Map<String, Map<String, Map<String, Long>>> categories,
                              Map<String, UserProfile> authors, Typical typical) {
    /** Files inside the bundle's report folder. */
    public static final String LABELS_FILE = "labels.json";
    public static final String CATEGORIES_FILE = "categories.json";
    public static final String AUTHORS_FILE = "authors.jsonl";
    public static final String FIELDS_FILE = "post_fields.json";

    /** Typical values of the extra post fields ({@code numeric}, {@code categorical} of the post format). */
    public record Typical(Map<String, Double> numeric, Map<String, String> categorical) {
        public Typical {
            numeric = numeric == null ? Map.of() : new TreeMap<>(numeric);
            categorical = categorical == null ? Map.of() : new TreeMap<>(categorical);
        }
    }

    private static final ObjectMapper JSON = Jackson.json();

    public TrainingSummary {
        authors = Collections.unmodifiableMap(new LinkedHashMap<>(authors));
        typical = typical == null ? new Typical(null, null) : typical;
    }

    /** The summary of a training set: labels and category levels of its labelled posts, profiles of all its authors. */
    public static TrainingSummary of(PostDataset ds) {
        double[] labels = ds.labelled().stream().mapToDouble(Post::label).toArray();
        Map<String, Map<String, Map<String, Long>>> cats = new TreeMap<>();
        for (Post p : ds.labelled()) {
            cats.computeIfAbsent(orEmpty(p.category()), k -> new TreeMap<>())
                    .computeIfAbsent(orEmpty(p.subcategory()), k -> new TreeMap<>())
                    .merge(orEmpty(p.concept()), 1L, Long::sum);
        }
        TreeSet<String> posting = new TreeSet<>();
        ds.all().forEach(p -> posting.add(p.userId()));
        Map<String, UserProfile> authors = new LinkedHashMap<>();
        for (String id : posting) {
            UserProfile u = ds.users().get(id);
            if (u != null) {
                authors.put(id, new UserProfile(id, u.photoCount(), u.isPro(), u.canBuyPro(), u.firstPhotoDate(),
                        u.firstPhotoTaken(), u.timezoneOffsetMinutes(), u.timezoneId(), null, null, u.numeric()));
            }
        }
        return new TrainingSummary(labels.length == 0 ? null : LabelScale.of(labels),
                cats.isEmpty() ? null : cats, authors, typical(ds.labelled()));
    }

    /** Median of each numeric field; of each categorical field the value at least half the posts share, if any. */
    static Typical typical(List<Post> posts) {
        Map<String, List<Double>> nums = new TreeMap<>();
        Map<String, Map<String, Long>> cats = new TreeMap<>();
        for (Post p : posts) {
            p.numeric().forEach((k, v) -> nums.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            p.categorical().forEach((k, v) -> cats.computeIfAbsent(k, x -> new TreeMap<>()).merge(v, 1L, Long::sum));
        }
        Map<String, Double> medians = new TreeMap<>();
        nums.forEach((k, vs) -> {
            double[] a = vs.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
            if (a.length > 0) {
                medians.put(k, a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2);
            }
        });
        Map<String, String> modes = new TreeMap<>();
        // Sorted maps: the first value with the largest count is the smallest such value. Only a value most posts
        // share is a sensible default: the most frequent value of a per-author field (Flickr's pathalias) is one
        // busy author's, not a typical post's.
        cats.forEach((k, counts) -> {
            String best = null;
            long n = 0;
            long total = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                total += e.getValue();
                if (e.getValue() > n) {
                    best = e.getKey();
                    n = e.getValue();
                }
            }
            if (2 * n >= total) {
                modes.put(k, best);
            }
        });
        return new Typical(medians, modes);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The files to store in the bundle's report folder (for {@code PopularityBundle.save}). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        try {
            if (labels != null) {
                f.put(LABELS_FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(labels));
            }
            if (categories != null) {
                f.put(CATEGORIES_FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(categories));
            }
            f.put(FIELDS_FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(typical));
            StringBuilder sb = new StringBuilder();
            for (UserProfile u : authors.values()) {
                sb.append(JSON.writeValueAsString(JsonlRecords.userRecord(JSON, u))).append('\n');
            }
            f.put(AUTHORS_FILE, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the training summary: " + e.getMessage(), e);
        }
        return f;
    }

    /** The summary stored in a bundle; parts the bundle lacks are absent. Errors name the file. */
    public static TrainingSummary read(Bundle b) {
        Path dir = b.resolve(PopularityBundle.REPORT_DIR);
        Path labelsFile = dir.resolve(LABELS_FILE);
        Path catsFile = dir.resolve(CATEGORIES_FILE);
        Path authorsFile = dir.resolve(AUTHORS_FILE);
        Path fieldsFile = dir.resolve(FIELDS_FILE);
        try {
            LabelScale labels = Files.isRegularFile(labelsFile) ? JSON.readValue(labelsFile.toFile(), LabelScale.class) : null;
            Map<String, Map<String, Map<String, Long>>> cats = Files.isRegularFile(catsFile)
                    ? JSON.readValue(catsFile.toFile(), new TypeReference<TreeMap<String, Map<String, Map<String, Long>>>>() { })
                    : null;
            Typical typical = Files.isRegularFile(fieldsFile) ? JSON.readValue(fieldsFile.toFile(), Typical.class) : null;
            return new TrainingSummary(labels, cats, Files.isRegularFile(authorsFile) ? authors(authorsFile) : Map.of(),
                    typical);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the training summary in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, UserProfile> authors(Path file) throws IOException {
        Map<String, UserProfile> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    UserProfile u = JsonlRecords.user((ObjectNode) JSON.readTree(line));
                    out.put(u.userId(), u);
                } catch (IOException | ClassCastException | JsonlRecords.BadField e) {
                    throw new IOException(file.getFileName() + " line " + n + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}
