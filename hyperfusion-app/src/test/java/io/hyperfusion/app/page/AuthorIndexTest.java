package io.hyperfusion.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.FittedPipeline;
import io.hyperfusion.features.Vocabulary;
import io.hyperfusion.features.stats.TargetStatistics;
import io.hyperfusion.features.user.HistoryFeatures;
import io.hyperfusion.features.user.UserFeatures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorIndexTest {
    static final long DAY = 86_400;

    /** Four authors: "anna" (3 posts, 2 labelled), "hanna" (1 post), "ann" (2 posts, unlabelled), "bob" (profile only). */
    static AuthorIndex index() {
        TargetStatistics stats = new TargetStatistics(Map.of("anna", new TargetStatistics.Tally(14, 2),
                "hanna", new TargetStatistics.Tally(3, 1)), 6, 5);
        UserFeatures.Fitted user = new UserFeatures.Fitted(List.of(), stats, new Vocabulary(List.of("anna", "hanna")));
        HistoryFeatures.Fitted history = new HistoryFeatures.Fitted(Map.of("anna", new long[] {10 * DAY, 20 * DAY, 40 * DAY},
                "hanna", new long[] {5 * DAY}, "ann", new long[] {1 * DAY, 2 * DAY}), Map.of());
        UserProfile bob = new UserProfile("bob", 12.0, true, null, null, null, 60, "Europe/Paris", null, null, null);
        return AuthorIndex.of(new FittedPipeline(List.of(user, history)), Map.of("bob", bob));
    }

    @Test
    void keepsEachAuthorsHistory() {
        AuthorIndex idx = index();
        assertEquals(4, idx.size());
        AuthorIndex.Author anna = idx.get("anna");
        assertEquals(3, anna.posts());
        assertEquals(2, anna.labelled());
        assertEquals(7.0, anna.meanLabel(), 1e-12);
        assertEquals(Instant.ofEpochSecond(10 * DAY), anna.firstPost());
        assertEquals(Instant.ofEpochSecond(40 * DAY), anna.lastPost());
        AuthorIndex.Author ann = idx.get("ann");
        assertEquals(0, ann.labelled());
        assertNull(ann.meanLabel(), "no labelled post, no mean");
        AuthorIndex.Author bob = idx.get("bob");
        assertEquals(0, bob.posts());
        assertEquals("Europe/Paris", bob.profile().timezoneId());
        assertNull(idx.get("carol"));
    }

    @Test
    void ranksExactThenPrefixThenContainedEachByActivity() {
        AuthorIndex idx = index();
        assertEquals(List.of("ann", "anna", "hanna"), ids(idx.search("ANN", 10)));
        assertEquals(List.of("anna", "ann", "hanna", "bob"), ids(idx.search("", 10)), "no query: most active first");
        assertEquals(List.of("anna", "hanna"), ids(idx.search(" nna ", 10)));
        AuthorIndex.Result two = idx.search("n", 2);
        assertEquals(List.of("anna", "ann"), ids(two));
        assertEquals(3, two.total(), "the total counts every match, not only those returned");
        assertEquals(List.of(), ids(idx.search("zed", 5)));
    }

    @Test
    void refusesOversizedQueriesAndLimits() {
        AuthorIndex idx = index();
        assertThrows(IllegalArgumentException.class, () -> idx.search("x".repeat(AuthorIndex.MAX_QUERY + 1), 5));
        assertThrows(IllegalArgumentException.class, () -> idx.search("a", 0));
        assertThrows(IllegalArgumentException.class, () -> idx.search("a", AuthorIndex.MAX_LIMIT + 1));
    }

    static List<String> ids(AuthorIndex.Result r) {
        return r.authors().stream().map(AuthorIndex.Author::userId).toList();
    }
}
