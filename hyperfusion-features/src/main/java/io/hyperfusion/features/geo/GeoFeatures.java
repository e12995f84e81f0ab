package io.hyperfusion.features.geo;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.stats.PostOrder;
import io.hyperfusion.features.stats.TargetStatistics;
import io.hyperfusion.features.stats.ValueCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a geo-tagged post was made: latitude and longitude, and for grid cells of {@code resolutions} degrees
 * (fitted on nothing: a cell is {@code floor(lat / r), floor(lon / r)}) how many known posts were made there
 * ({@code geo#freq_1}, popular places) and the cell's mean label as a leakage-free target statistic
 * ({@code geo#te_1}, out-of-fold or ordered per the options); the author's habits from every known post (no label
 * read): the share of their posts that are geo-tagged and the distance in km from their usual place (the mean of
 * their geo-tagged posts' unit vectors on the sphere) to this post. Posts without geo get NaN except the author's
 * geo share.
 *
 * @param resolutions cell sizes in degrees, coarse to fine
 * @param targetStats how a training row's cell statistic is kept from labels it could not see
 */
public record GeoFeatures(List<Double> resolutions, TargetStatistics.Options targetStats) implements FeatureGroup {
    public static final String NAME = "geo";
    private static final double EARTH_KM = 6371.0;

    public GeoFeatures {
        if (resolutions == null || resolutions.isEmpty() || resolutions.stream().anyMatch(r -> !(r > 0) || r > 90)) {
            throw new IllegalArgumentException("geo cell resolutions must be in (0, 90] degrees, got " + resolutions);
        }
        resolutions = List.copyOf(resolutions);
        if (targetStats == null) {
            throw new IllegalArgumentException("geo features need target-statistics options");
        }
    }

    public static GeoFeatures of(io.hyperfusion.features.FeatureOptions o) {
        return new GeoFeatures(List.of(1.0, 0.1), o.targetStatistics());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        List<Post> corpus = ctx.corpus().isEmpty() ? train : ctx.corpus();
        List<ValueCounts> counts = new ArrayList<>();
        List<TargetStatistics> tables = new ArrayList<>();
        List<double[]> trainMeans = new ArrayList<>();
        int[] order = PostOrder.chronological(train);
        for (double r : resolutions) {
            counts.add(ValueCounts.fit(corpus.stream().map(p -> cell(p, r)).toList()));
            TargetStatistics.Fit ts = TargetStatistics.fit(train.stream().map(p -> cell(p, r)).toArray(String[]::new),
                    labels, order, targetStats, seed);
            tables.add(ts.table());
            trainMeans.add(ts.trainMean());
        }
        Map<String, double[]> habits = new HashMap<>(); // author -> {posts, geo posts, sum x, sum y, sum z}
        for (Post p : corpus) {
            double[] h = habits.computeIfAbsent(p.userId(), k -> new double[5]);
            h[0]++;
            if (p.hasGeo()) {
                double[] v = unit(p.latitude(), p.longitude());
                h[1]++;
                h[2] += v[0];
                h[3] += v[1];
                h[4] += v[2];
            }
        }
        Map<String, Author> authors = new TreeMap<>();
        habits.forEach((u, h) -> authors.put(u, new Author((long) h[0], (long) h[1], h[2], h[3], h[4])));
        Fitted f = new Fitted(resolutions, counts, tables, authors);
        double[][] values = f.transform(train, ctx);
        for (int i = 0; i < train.size(); i++) {
            for (int k = 0; k < resolutions.size(); k++) {
                if (train.get(i).hasGeo()) {
                    values[i][2 + 2 * k + 1] = trainMeans.get(k)[i];
                }
            }
        }
        return new Fit(f, values);
    }

    /** The cell key of a geo-tagged post at resolution {@code r}; null without geo. */
    static String cell(Post p, double r) {
        if (!p.hasGeo()) {
            return null;
        }
        return (long) Math.floor(p.latitude() / r) + ":" + (long) Math.floor(p.longitude() / r);
    }

    static double[] unit(double lat, double lon) {
        double la = Math.toRadians(lat);
        double lo = Math.toRadians(lon);
        return new double[] {Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)};
    }

    /**
     * An author's posting habits among the known posts.
     *
     * @param posts    known posts
     * @param geoPosts geo-tagged ones
     * @param x        sum of their unit vectors (x, y, z): the direction of the usual place
     */
    public record Author(long posts, long geoPosts, double x, double y, double z) { }

    /**
     * Fitted state: the resolutions, per resolution the cells' counts and label statistics, and per author their
     * habits.
     */
    @JsonTypeName("geo")
    public record Fitted(List<Double> resolutions, List<ValueCounts> counts, List<TargetStatistics> stats,
                         Map<String, Author> authors) implements FittedGroup {

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>(List.of("geo#latitude", "geo#longitude"));
            for (double r : resolutions) {
                String tag = String.format(Locale.ROOT, "%s", r).replace('.', '_');
                n.add("geo#freq_" + tag);
                n.add("geo#te_" + tag);
            }
            n.add("geo#author_geo_share");
            n.add("geo#km_from_usual_place");
            return n;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            int w = 4 + 2 * resolutions.size();
            double[][] out = new double[posts.size()][w];
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                double[] row = out[i];
                java.util.Arrays.fill(row, Double.NaN);
                Author a = authors.get(p.userId());
                if (a != null && a.posts() > 0) {
                    row[w - 2] = (double) a.geoPosts() / a.posts();
                }
                if (!p.hasGeo()) {
                    continue;
                }
                row[0] = p.latitude();
                row[1] = p.longitude();
                for (int k = 0; k < resolutions.size(); k++) {
                    String c = cell(p, resolutions.get(k));
                    row[2 + 2 * k] = counts.get(k).logCount(c);
                    row[2 + 2 * k + 1] = stats.get(k).mean(c);
                }
                if (a != null && a.geoPosts() > 0) {
                    double norm = Math.sqrt(a.x() * a.x() + a.y() * a.y() + a.z() * a.z());
                    if (norm > 1e-12) {
                        double[] v = unit(p.latitude(), p.longitude());
                        double cos = (v[0] * a.x() + v[1] * a.y() + v[2] * a.z()) / norm;
                        row[w - 1] = EARTH_KM * Math.acos(Math.max(-1, Math.min(1, cos)));
                    }
                }
            }
            return out;
        }
    }
}
