package io.hyperfusion.app.page;

import io.hyperfusion.data.UserProfile;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.FittedPipeline;
import io.hyperfusion.features.stats.TargetStatistics;
import io.hyperfusion.features.user.HistoryFeatures;
import io.hyperfusion.features.user.UserFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The authors a model bundle knows, searchable by id, each with a one-line history: the posts the fitted pipeline
 * kept (the history group's posting times, over labelled and unlabelled training posts), the labelled ones and
 * their mean label (the user group's tallies), and the profile stored by {@code train} ({@link TrainingSummary}).
 * Built once per server; immutable and thread-safe.
 */
public final class AuthorIndex {
    /** Most authors one search returns. */
    public static final int MAX_LIMIT = 20;
    /** Longest query accepted. */
    public static final int MAX_QUERY = 100;

    /**
     * One author.
     *
     * @param posts      training posts known (labelled and unlabelled), or the labelled count when the bundle keeps no times
     * @param labelled   labelled training posts
     * @param meanLabel  their mean label, or null when none is labelled
     * @param firstPost  earliest known post, or null
     * @param lastPost   latest known post, or null
     * @param profile    the stored profile, or null
     */
    public record Author(String userId, long posts, long labelled, Double meanLabel, Instant firstPost, Instant lastPost,
                         UserProfile profile) { }

    /** A search's answer: the first {@code authors} of {@code total} matches. */
    public record Result(List<Author> authors, int total) { }

    private final List<Author> byActivity;
    private final List<String> lowerIds;
    private final Map<String, Author> byId = new HashMap<>();

    private AuthorIndex(List<Author> authors) {
        this.byActivity = List.copyOf(authors);
        this.lowerIds = authors.stream().map(a -> a.userId().toLowerCase(Locale.ROOT)).toList();
        authors.forEach(a -> byId.put(a.userId(), a));
    }

    /** The authors of a fitted pipeline and a training summary. */
    public static AuthorIndex of(FittedPipeline pipeline, Map<String, UserProfile> profiles) {
        TargetStatistics stats = null;
        Map<String, long[]> times = Map.of();
        for (FittedGroup g : pipeline.groups()) {
            if (g instanceof UserFeatures.Fitted u) {
                stats = u.authorStats();
            } else if (g instanceof HistoryFeatures.Fitted h) {
                times = h.postTimes();
            }
        }
        TreeSet<String> ids = new TreeSet<>(profiles.keySet());
        ids.addAll(times.keySet());
        Map<String, TargetStatistics.Tally> tallies = stats == null ? Map.of() : stats.tallies();
        ids.addAll(tallies.keySet());
        List<Author> all = new ArrayList<>(ids.size());
        for (String id : ids) {
            TargetStatistics.Tally t = tallies.get(id);
            long labelled = t == null ? 0 : t.count();
            long[] ts = times.get(id);
            all.add(new Author(id, ts != null ? ts.length : labelled, labelled,
                    labelled > 0 ? t.sum() / labelled : null,
                    ts == null || ts.length == 0 ? null : Instant.ofEpochSecond(ts[0]),
                    ts == null || ts.length == 0 ? null : Instant.ofEpochSecond(ts[ts.length - 1]),
                    profiles.get(id)));
        }
        all.sort(Comparator.comparingLong((Author a) -> -a.posts()).thenComparing(Author::userId));
        return new AuthorIndex(all);
    }

    /** The earliest and the latest known post of any author, or null when the bundle keeps no posting times. */
    public Instant[] period() {
        Instant first = null;
        Instant last = null;
        for (Author a : byActivity) {
            if (a.firstPost() != null && (first == null || a.firstPost().isBefore(first))) {
                first = a.firstPost();
            }
            if (a.lastPost() != null && (last == null || a.lastPost().isAfter(last))) {
                last = a.lastPost();
            }
        }
        return first == null ? null : new Instant[] {first, last};
    }

    /** Authors known. */
    public int size() {
        return byActivity.size();
    }

    /** The author with this exact id, or null. */
    public Author get(String userId) {
        return byId.get(userId);
    }

    /**
     * Authors whose id contains {@code query} (ignoring case): the exact match first, then ids starting with it,
     * then the rest, each by decreasing activity. An empty query lists the most active authors.
     *
     * @throws IllegalArgumentException for a query above {@link #MAX_QUERY} characters or a limit outside 1..{@link #MAX_LIMIT}
     */
    public Result search(String query, int limit) {
        if (query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("query of " + query.length() + " characters exceeds the limit of "
                    + MAX_QUERY);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], got " + limit);
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        Map<Integer, List<Author>> ranked = new HashMap<>();
        int total = 0;
        for (int i = 0; i < byActivity.size(); i++) {
            String id = lowerIds.get(i);
            int rank = id.equals(q) ? 0 : id.startsWith(q) ? 1 : id.contains(q) ? 2 : -1;
            if (rank < 0) {
                continue;
            }
            total++;
            List<Author> bucket = ranked.computeIfAbsent(rank, k -> new ArrayList<>());
            if (bucket.size() < limit) {
                bucket.add(byActivity.get(i));
            }
        }
        List<Author> out = new ArrayList<>(limit);
        for (int rank = 0; rank <= 2 && out.size() < limit; rank++) {
            for (Author a : ranked.getOrDefault(rank, List.of())) {
                if (out.size() < limit) {
                    out.add(a);
                }
            }
        }
        return new Result(List.copyOf(out), total);
    }
}
