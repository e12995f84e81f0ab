package io.hyperfusion.features.time;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.hyperfusion.data.Post;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.features.FeatureGroup;
import io.hyperfusion.features.FittedGroup;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * When and where a post was made: hour, weekday and month in the author's time zone (UTC when unknown),
 * their cyclic encodings, whether the zone was known, and whether the post is geo-tagged with its accuracy.
 * Stateless: nothing is fitted.
 */
public record TimeFeatures() implements FeatureGroup {
    public static final String NAME = "time";

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
    @JsonTypeName("time")
    public record Fitted() implements FittedGroup {
        private static final List<String> NAMES = List.of(
                "time#hour", "time#weekday", "time#month", "time#hour_sin", "time#hour_cos",
                "time#weekday_sin", "time#weekday_cos", "time#zone_known", "time#geo_present", "time#geo_accuracy");

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public double[][] transform(List<Post> posts, FeatureContext ctx) {
            double[][] out = new double[posts.size()][NAMES.size()];
            for (int r = 0; r < posts.size(); r++) {
                Post p = posts.get(r);
                double[] row = out[r];
                java.util.Arrays.fill(row, Double.NaN);
                var user = ctx.user(p.userId());
                if (p.postedAt() != null) {
                    ZonedDateTime t = p.postedAt().atZone(AuthorZones.zoneOf(user));
                    double hour = t.getHour() + t.getMinute() / 60.0;
                    int weekday = t.getDayOfWeek().getValue() - 1; // Monday = 0
                    row[0] = t.getHour();
                    row[1] = weekday;
                    row[2] = t.getMonthValue();
                    row[3] = Math.sin(2 * Math.PI * hour / 24);
                    row[4] = Math.cos(2 * Math.PI * hour / 24);
                    row[5] = Math.sin(2 * Math.PI * weekday / 7);
                    row[6] = Math.cos(2 * Math.PI * weekday / 7);
                }
                row[7] = AuthorZones.isKnown(user) ? 1 : 0;
                row[8] = p.hasGeo() ? 1 : 0;
                row[9] = p.hasGeo() && p.geoAccuracy() != null ? p.geoAccuracy() : Double.NaN;
            }
            return out;
        }
    }
}
