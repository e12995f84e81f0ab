package io.hyperfusion.features.user;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FeatureNames;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.Vocabulary;
import io.hyperfusion.features.stats.CountRatios;
import io.hyperfusion.features.stats.TargetStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The author: profile fields (photo count, pro flags, account age at posting time, days between the first photo
 * taken and the post, any extra numeric profile field seen in training), log-ratios of the count-like numeric fields
 * ({@code user#ratio_user_likes_count_user_video_count}: likes per video, ...; {@link CountRatios}), the principal
 * components of the profile's description and location vectors ({@link ProfileVectors}), and the author's mean
 * label as a target statistic ({@code user#te_mean}, {@code user#te_count}, {@code user#seen}), computed so that a
 * training row never sees its own label (see {@link TargetStatistics}). Authors unseen in training get the prior
 * and {@code user#seen = 0}.
 *
 * @param targetStats    how the author's mean label is kept from leaking
 * @param maxRatioFields count-like numeric profile fields paired into ratios, at most
 * @param vectorDims     principal components kept of each profile vector
 * @param profileVectors whether to add the profile vectors' components and the days since the first photo taken
 */
public record UserFeatures(TargetStatistics.Options targetStats, int maxRatioFields, int vectorDims,
                           boolean profileVectors) implements FeatureGroup {
    public static final String NAME = "user";
    /**
     * The author as a categorical code (authors seen in training; others share the "unknown" code): an
     * identifier, not a feature — only members that declare it as their key column (the MLP's author
     * embedding) see it.
     */
    public static final String AUTHOR_CODE = "user#author_code";
    private static final int MAX_AUTHORS = 1_000_000;

    public UserFeatures {
        if (targetStats == null) {
            throw new IllegalArgumentException("user features need target-statistics options");
        }
        if (maxRatioFields < 0 || vectorDims < 1) {
            throw new IllegalArgumentException("user features need maxRatioFields >= 0 and vectorDims >= 1, got "
                    + maxRatioFields + ", " + vectorDims);
        }
    }

    public UserFeatures(TargetStatistics.Options targetStats) {
        this(targetStats, 8, 4, true);
    }

    /** The group with the given feature options. */
    public static UserFeatures of(io.hyperfusion.features.FeatureOptions o) {
        return new UserFeatures(o.targetStatistics(), o.ratios() ? 8 : 0, 4, o.profileVectors());
    }

    public static UserFeatures defaults() {
        return new UserFeatures(TargetStatistics.Options.defaults());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed) {
        TreeSet<String> numeric = new TreeSet<>();
        for (Post p : train) {
            numeric.addAll(ctx.user(p.userId()).numeric().keySet());
        }
        String[] keys = train.stream().map(Post::userId).toArray(String[]::new);
        int[] order = io.hyperfusion.features.stats.PostOrder.chronological(train);
        TargetStatistics.Fit ts = TargetStatistics.fit(keys, labels, order, targetStats, seed);
        Vocabulary authors = Vocabulary.fit(train.stream().map(Post::userId).toList(), MAX_AUTHORS, 1);
        List<String> fields = new ArrayList<>(numeric);
        java.util.Map<String, double[]> fieldValues = new java.util.LinkedHashMap<>();
        for (String f : fields) {
            fieldValues.put(f, train.stream().mapToDouble(p -> ctx.user(p.userId()).numeric().getOrDefault(f, Double.NaN)).toArray());
        }
        java.util.Set<String> ids = new java.util.TreeSet<>(java.util.Arrays.asList(keys));
        io.hyperfusion.data.Seeds seeds = new io.hyperfusion.data.Seeds(seed);
        Fitted fitted = new Fitted(fields, ts.table(), authors, CountRatios.fit(fields, fieldValues, maxRatioFields),
                profileVectors ? vectorDims : 0,
                profileVectors ? ProfileVectors.fit(ids, ctx::user, UserProfile::userDescription, vectorDims,
                        seeds.child("user_description")) : null,
                profileVectors ? ProfileVectors.fit(ids, ctx::user, UserProfile::locationDescription, vectorDims,
                        seeds.child("location_description")) : null);
        double[][] values = fitted.profileColumns(train, ctx);
        for (int r = 0; r < train.size(); r++) {
            int w = values[r].length;
            values[r][w - 4] = authors.code(train.get(r).userId());
            values[r][w - 3] = ts.trainMean()[r];
            values[r][w - 2] = ts.trainCount()[r];
            values[r][w - 1] = ts.trainCount()[r] > 0 ? 1 : 0;
        }
        return new Fit(fitted, values);
    }

    /**
     * Fitted state: the extra numeric profile fields, the authors' label tallies and codes, and (absent in bundles
     * from before they existed, which then keep their old columns) the ratio fields and the profile-vector PCAs.
     */
    @JsonTypeName("user")
    public record Fitted(List<String> numericFields, TargetStatistics authorStats, Vocabulary authors,
                         CountRatios ratios, int vectorDims, ProfileVectors description, ProfileVectors location)
            implements FittedGroup {

        /** The state of the old layout (no ratios, no profile vectors), as bundles from before them hold. */
        public Fitted(List<String> numericFields, TargetStatistics authorStats, Vocabulary authors) {
            this(numericFields, authorStats, authors, null, 0, null, null);
        }

        private boolean extended() {
            return ratios != null;
        }

        private boolean vectors() {
            return extended() && description != null;
        }

        private int extraWidth() {
            return extended() ? ratios.width() + (vectors() ? 1 + 2 * (1 + vectorDims) : 0) : 0;
        }

        @Override
        public List<String> names() {
            List<String> n = new ArrayList<>(List.of("user#photo_count", "user#is_pro", "user#can_buy_pro",
                    "user#account_age_days", "user#has_profile"));
            numericFields.forEach(f -> n.add(FeatureNames.of(NAME, f)));
            if (extended()) {
                ratios.names().forEach(r -> n.add(FeatureNames.of(NAME, r)));
            }
            if (vectors()) {
                n.add("user#days_since_first_taken");
                for (String v : List.of("description", "location")) {
                    n.add("user#" + v + "_present");
                    for (int i = 0; i < vectorDims; i++) {
                        n.add(String.format(java.util.Locale.ROOT, "user#%s_pca_%02d", v, i));
                    }
                }
            }
            n.addAll(List.of(AUTHOR_CODE, "user#te_mean", "user#te_count", "user#seen"));
            return n;
        }

        @Override
        public boolean isCategorical(int i) {
            return i == names().size() - 4;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            double[][] values = profileColumns(posts, ctx);
            for (int r = 0; r < posts.size(); r++) {
                String uid = posts.get(r).userId();
                int w = values[r].length;
                long count = authorStats.count(uid);
                values[r][w - 4] = authors.code(uid);
                values[r][w - 3] = authorStats.mean(uid);
                values[r][w - 2] = count;
                values[r][w - 1] = count > 0 ? 1 : 0;
            }
            return values;
        }

        /** Every column but the author code and the three target-statistic ones, which are left for the caller. */
        double[][] profileColumns(List<Post> posts, FeatureContext ctx) {
            int width = 5 + numericFields.size() + extraWidth() + 4;
            double[][] out = new double[posts.size()][width];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                UserProfile u = ctx.user(p.userId());
                double[] row = out[r];
                row[0] = u.photoCount() == null ? Double.NaN : u.photoCount();
                row[1] = u.isPro() == null ? Double.NaN : (u.isPro() ? 1 : 0);
                row[2] = u.canBuyPro() == null ? Double.NaN : (u.canBuyPro() ? 1 : 0);
                row[3] = u.firstPhotoDate() == null || p.postedAt() == null ? Double.NaN
                        : Duration.between(u.firstPhotoDate(), p.postedAt()).toHours() / 24.0;
                row[4] = ctx.users().containsKey(p.userId()) ? 1 : 0;
                for (int i = 0; i < numericFields.size(); i++) {
                    Double v = u.numeric().get(numericFields.get(i));
                    row[5 + i] = v == null ? Double.NaN : v;
                }
                if (extended()) {
                    int c = 5 + numericFields.size();
                    ratios.write(u.numeric()::get, row, c);
                    c += ratios.width();
                    if (vectors()) {
                        row[c++] = u.firstPhotoTaken() == null || p.postedAt() == null ? Double.NaN
                                : Duration.between(u.firstPhotoTaken(), p.postedAt()).toHours() / 24.0;
                        description.write(u.userDescription(), vectorDims, row, c);
                        location.write(u.locationDescription(), vectorDims, row, c + 1 + vectorDims);
                    }
                }
            }
            return out;
        }
    }
}
