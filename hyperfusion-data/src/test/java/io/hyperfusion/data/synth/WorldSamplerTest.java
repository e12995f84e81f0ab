package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.eval.Metrics;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statistics of a large world's metadata and labels (no images are drawn, so this is fast). */
class WorldSamplerTest {

    static List<WorldUser> users;
    static List<WorldPost> posts;

    @BeforeAll
    static void sample() {
        WorldSampler s = new WorldSampler(new WorldSpec(20_000, 2_500, 2024L, 0.2, 1));
        users = s.users();
        posts = s.posts(users);
    }

    @Test
    void labelsResembleTheRealDistribution() {
        double[] y = posts.stream().mapToDouble(WorldPost::label).toArray();
        double mean = Arrays.stream(y).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / (y.length - 1));
        assertEquals(6.4, mean, 0.2, "label mean");
        assertEquals(2.4, sd, 0.2, "label sd");
        assertTrue(Arrays.stream(y).allMatch(v -> v >= 1.0 && v <= 16.5));
    }

    @Test
    void ceilingIsInTheIntendedRange() {
        double[] y = posts.stream().mapToDouble(WorldPost::label).toArray();
        double[] f = posts.stream().mapToDouble(WorldPost::noiseFree).toArray();
        double src = Metrics.src(y, f);
        assertTrue(src > 0.85 && src < 0.90, "ceiling SRC " + src);
    }

    @Test
    void postingFollowsDailyAndWeeklyRhythms() {
        int[] hours = new int[24];
        int[] days = new int[8];
        posts.forEach(p -> {
            hours[p.inputs().localHour()]++;
            days[p.inputs().isoWeekday()]++;
        });
        assertTrue(hours[20] > 5 * hours[4], "evening " + hours[20] + " vs night " + hours[4]);
        assertTrue(days[6] > 1.3 * days[2] && days[7] > 1.3 * days[3], Arrays.toString(days));
    }

    @Test
    void authorQualityIsPartlyVisible() {
        double[] q = users.stream().mapToDouble(WorldUser::quality).toArray();
        double[] photos = users.stream().mapToDouble(u -> Math.log(u.photoCount())).toArray();
        double[] pro = users.stream().mapToDouble(WorldUser::isPro).toArray();
        double[] age = users.stream().mapToDouble(u -> -u.firstDate()).toArray();
        assertTrue(Metrics.src(q, photos) > 0.5, "q vs photo_count");
        assertTrue(Metrics.src(q, pro) > 0.25, "q vs ispro");
        assertTrue(Metrics.src(q, age) > 0.3, "q vs account age");
    }

    @Test
    void textAgreesWithTheImageAboutHalfTheTime() {
        double agree = posts.stream().filter(p -> p.inputs().agreement() == 1).count() / (double) posts.size();
        assertTrue(agree > 0.45 && agree < 0.75, "agreement rate " + agree);
        long blurred = posts.stream().filter(p -> p.image().blurSigma() > 0).count();
        assertEquals(0.25, blurred / (double) posts.size(), 0.02);
    }
}
