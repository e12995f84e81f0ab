package io.hyperfusion.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.eval.Metrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each character knob changes what it is about and nothing else, on large worlds of metadata only (no
 * images, so this is fast). The same seed makes every world pair post by post.
 */
class WorldCharacterTest {

    static final WorldSpec BASE = new WorldSpec(20_000, 2_500, 2024L, 0.2, 1);
    static World plain;
    static World drift;
    static World cold;
    static World hidden;

    record World(WorldSpec spec, List<WorldUser> users, List<WorldPost> posts) {
        static World of(WorldSpec spec) {
            WorldSampler s = new WorldSampler(spec);
            List<WorldUser> users = s.users();
            return new World(spec, users, s.posts(users));
        }

        /** Share of the test split's authors who have no post in the training split. */
        double unseenTestAuthors() {
            List<WorldPost> sorted = SyntheticWorld.byTime(posts);
            int cut = sorted.size() - spec.testPosts();
            Set<String> train = new HashSet<>();
            sorted.subList(0, cut).forEach(p -> train.add(p.user().uid()));
            Set<String> test = new HashSet<>();
            sorted.subList(cut, sorted.size()).forEach(p -> test.add(p.user().uid()));
            return test.stream().filter(u -> !train.contains(u)).count() / (double) test.size();
        }
    }

    @BeforeAll
    static void sample() {
        plain = World.of(BASE);
        drift = World.of(BASE.withCharacter(WorldCharacter.DRIFT));
        cold = World.of(BASE.withCharacter(WorldCharacter.COLDSTART));
        hidden = World.of(BASE.withCharacter(WorldCharacter.HIDDEN));
    }

    @Test
    void defaultCharacterIsTheOriginalSpec() {
        WorldSpec of = WorldSpec.of(100, 10, 1);
        assertEquals(of, of.withCharacter(WorldCharacter.DEFAULT));
        assertEquals(new WorldSpec(100, 10, 1, 0.2, 2, 0.0, 0.12, false, 0.0), of);
        assertTrue(of.defaultCharacter());
        for (WorldCharacter c : List.of(WorldCharacter.DRIFT, WorldCharacter.COLDSTART, WorldCharacter.HIDDEN,
                WorldCharacter.MIXED)) {
            assertFalse(of.withCharacter(c).defaultCharacter(), c.label());
        }
        assertEquals(WorldCharacter.MIXED, WorldCharacter.parse(" Mixed"));
        assertEquals(WorldCharacter.COLDSTART, WorldCharacter.parse("coldstart"));
    }

    @Test
    void badValuesAreRefusedNamingTheKnobAndTheValue() {
        assertRefused("drift", "-0.5", () -> BASE.withCharacter(-0.5, 0.12, false, 0));
        assertRefused("drift", "NaN", () -> BASE.withCharacter(Double.NaN, 0.12, false, 0));
        assertRefused("drift", "Infinity", () -> BASE.withCharacter(Double.POSITIVE_INFINITY, 0.12, false, 0));
        assertRefused("late_authors", "1.0", () -> BASE.withCharacter(0, 1.0, true, 0));
        assertRefused("late_authors", "-0.1", () -> BASE.withCharacter(0, -0.1, false, 0));
        assertRefused("hidden_signal", "-2.0", () -> BASE.withCharacter(0, 0.12, false, -2.0));
        assertRefused("hidden_signal", "NaN", () -> BASE.withCharacter(0, 0.12, false, Double.NaN));
        assertRefused("character", "default, drift, coldstart, hidden, mixed", () -> WorldCharacter.parse("spicy"));
        assertEquals(0.0, BASE.withCharacter(0, 0.0, true, 0).lateAuthors(), "a share of 0 is allowed");
    }

    @Test
    void driftChangesOnlyTheAuthorTermBySlopeTimesTime() {
        assertEquals(plain.users(), drift.users(), "profiles, activity and slopes are drawn as before");
        for (int i = 0; i < plain.posts().size(); i++) {
            WorldPost a = plain.posts().get(i);
            WorldPost b = drift.posts().get(i);
            assertSamePost(a, b);
            LabelFormula.Terms ta = a.terms();
            LabelFormula.Terms tb = b.terms();
            assertEquals(ta.sum() - ta.author(), tb.sum() - tb.author(), 1e-12, "other terms of " + a.pid());
            double f = b.inputs().character().spanPosition();
            assertEquals(LabelFormula.AUTHOR * b.user().slope() * (f - 0.5), tb.author() - ta.author(), 1e-12);
        }
    }

    @Test
    void driftMakesLaterLabelsOfAnAuthorFollowTheSlope() {
        // per author, the least-squares slope of label on time: its expectation is AUTHOR * drift * slope
        double withDrift = trendVsSlope(drift.posts());
        double without = trendVsSlope(plain.posts());
        assertTrue(withDrift > 0.25, "SRC of label trend vs slope with drift 1: " + withDrift);
        assertTrue(Math.abs(without) < 0.08, "SRC of label trend vs slope without drift: " + without);
    }

    @Test
    void coldStartMakesManyLateAuthorsWhoPostRarelyAndAreUnseen() {
        assertEquals(0.12, share(plain.users(), WorldUser::late), 0.015);
        assertEquals(0.5, share(cold.users(), WorldUser::late), 0.02);
        double plainPosts = postsPerLateAuthor(plain);
        double coldPosts = postsPerLateAuthor(cold);
        assertTrue(plainPosts > 5 && coldPosts < 2.6, "posts per late author " + plainPosts + " vs " + coldPosts);
        double before = plain.unseenTestAuthors();
        double after = cold.unseenTestAuthors();
        assertTrue(before < 0.3 && after > 0.5, "test authors unseen in train: " + before + " -> " + after);
        for (WorldPost p : cold.posts()) { // the formula itself is untouched
            LabelFormula.Terms t = p.terms();
            assertEquals(LabelFormula.AUTHOR * p.user().quality(), t.author(), 0.0);
            assertEquals(0.0, Math.abs(t.geo()) + Math.abs(t.profile()) + Math.abs(t.scene()), 0.0);
        }
    }

    @Test
    void coldStartAloneScalesOnlyTheLateAuthorsActivity() {
        List<WorldUser> scaled = new WorldSampler(BASE.withCharacter(0, 0.12, true, 0)).users();
        assertEquals(plain.users().size(), scaled.size());
        int late = 0;
        for (int i = 0; i < scaled.size(); i++) {
            WorldUser a = plain.users().get(i);
            WorldUser b = scaled.get(i);
            double factor = a.late() ? WorldSampler.COLD_START_ACTIVITY : 1.0;
            late += a.late() ? 1 : 0;
            assertEquals(a.activity() * factor, b.activity(), 0.0, a.uid());
            WorldUser restored = new WorldUser(b.uid(), b.quality(), a.activity(), b.windowStart(), b.windowEnd(),
                    b.city(), b.tzOffset(), b.geoRate(), b.photoCount(), b.isPro(), b.canBuyPro(), b.firstDate(),
                    b.firstTaken(), b.pathAlias(), b.userDesc(), b.locationDesc(), b.late(), b.slope(), b.profileDot());
            assertEquals(a, restored, "only the activity differs for " + a.uid());
        }
        assertTrue(late > 250, late + " late authors");
    }

    @Test
    void hiddenSignalAddsItsThreeTermsAndNothingElse() {
        assertEquals(plain.users(), hidden.users());
        for (int i = 0; i < plain.posts().size(); i++) {
            WorldPost a = plain.posts().get(i);
            WorldPost b = hidden.posts().get(i);
            assertSamePost(a, b);
            LabelFormula.Terms ta = a.terms();
            LabelFormula.Terms tb = b.terms();
            assertEquals(ta.asMap(), tb.asMap(), "the original terms of " + a.pid());
            LabelFormula.CharacterInputs c = b.inputs().character();
            assertEquals(LabelFormula.SCENE.get(b.depicted()), tb.scene(), 0.0);
            assertEquals(LabelFormula.PROFILE * b.user().profileDot(), tb.profile(), 0.0);
            assertTrue(c.geoTagged() == !b.latitude().equals("0"), "geo flag of " + b.pid());
            if (!c.geoTagged()) {
                assertEquals(0.0, tb.geo(), 0.0);
            }
            if (b.user().userDesc().isEmpty()) {
                assertEquals(0.0, tb.profile(), 0.0);
            }
        }
    }

    @Test
    void labelsFollowTheHiddenTerms() {
        Predicate<WorldPost> all = p -> true;
        Predicate<WorldPost> geo = p -> p.inputs().character().geoTagged();
        Predicate<WorldPost> described = p -> !p.user().userDesc().isEmpty();
        check("sum", all, t -> t.geo() + t.profile() + t.scene(), 0.18);
        check("geo", geo, LabelFormula.Terms::geo, 0.12);
        check("profile", described, LabelFormula.Terms::profile, 0.15);
        check("scene", all, LabelFormula.Terms::scene, 0.1);
    }

    /** Label vs a hidden term (of the hidden world) must correlate (Spearman), and clearly more than in the default world. */
    private static void check(String name, Predicate<WorldPost> rows, ToDoubleFunction<LabelFormula.Terms> term,
            double min) {
        List<Double> x = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < hidden.posts().size(); i++) {
            WorldPost p = hidden.posts().get(i);
            if (rows.test(p)) {
                x.add(term.applyAsDouble(p.terms()));
                with.add(p.label());
                without.add(plain.posts().get(i).label());
            }
        }
        double rWith = Metrics.src(toArray(with), toArray(x));
        double rWithout = Metrics.src(toArray(without), toArray(x));
        assertTrue(rWith > min && rWith > rWithout + min / 2, name + ": r " + rWith + " with, " + rWithout + " without");
    }

    private static void assertSamePost(WorldPost a, WorldPost b) {
        assertEquals(a.pid(), b.pid());
        assertEquals(a.postedAt(), b.postedAt());
        assertEquals(a.user().uid(), b.user().uid());
        assertEquals(a.title(), b.title());
        assertEquals(a.latitude(), b.latitude());
        assertEquals(a.image(), b.image());
        assertEquals(a.noise(), b.noise(), 0.0);
    }

    private static double trendVsSlope(List<WorldPost> posts) {
        Map<String, List<WorldPost>> byAuthor = new HashMap<>();
        posts.forEach(p -> byAuthor.computeIfAbsent(p.user().uid(), k -> new ArrayList<>()).add(p));
        List<Double> trend = new ArrayList<>();
        List<Double> slope = new ArrayList<>();
        for (List<WorldPost> ps : byAuthor.values()) {
            if (ps.size() < 5) {
                continue;
            }
            double mx = ps.stream().mapToDouble(p -> p.inputs().character().spanPosition()).average().orElseThrow();
            double my = ps.stream().mapToDouble(WorldPost::label).average().orElseThrow();
            double sxy = 0;
            double sxx = 0;
            for (WorldPost p : ps) {
                double dx = p.inputs().character().spanPosition() - mx;
                sxy += dx * (p.label() - my);
                sxx += dx * dx;
            }
            if (sxx > 1e-6) {
                trend.add(sxy / sxx);
                slope.add(ps.get(0).user().slope());
            }
        }
        assertTrue(trend.size() > 800, trend.size() + " authors with 5+ posts");
        return Metrics.src(toArray(trend), toArray(slope));
    }

    private static double postsPerLateAuthor(World w) {
        Map<String, Integer> n = new HashMap<>();
        w.posts().forEach(p -> n.merge(p.user().uid(), 1, Integer::sum));
        return w.users().stream().filter(WorldUser::late).mapToInt(u -> n.get(u.uid())).average().orElseThrow();
    }

    private static double share(List<WorldUser> users, Predicate<WorldUser> p) {
        return users.stream().filter(p).count() / (double) users.size();
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertRefused(String name, String value, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(value), e.getMessage());
    }
}
