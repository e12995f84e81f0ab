package io.hyperfusion.app.advise;

import io.hyperfusion.app.serve.OnlineEmbedder;
import io.hyperfusion.app.serve.Predictor;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Posting advice for a draft by counterfactual scoring with the served model: the predicted score for each hour
 * of the next week (best slots first), and the score change from adding each candidate tag or removing each tag
 * the draft has. Every variant is the draft with one thing changed, scored in one batch by the same
 * {@link Predictor} that answers {@code /v1/predict}. Stateless and thread-safe.
 */
public final class Advisor {
    /** Hourly slots advised: 7 days. */
    public static final int HOURS = 168;
    /** Candidate tags taken from the training tags when the request names none. */
    public static final int DEFAULT_CANDIDATES = 20;
    /** Candidate tags accepted in one request. */
    public static final int MAX_CANDIDATES = 200;

    private final Predictor predictor;
    private final Map<String, Long> trainingTags;

    /**
     * @param predictor    scores the variants
     * @param trainingTags tag → training posts carrying it, most frequent first (may be empty)
     */
    public Advisor(Predictor predictor, Map<String, Long> trainingTags) {
        this.predictor = predictor;
        this.trainingTags = trainingTags;
    }

    /** One hourly slot and the draft's predicted score when posted then. */
    public record Slot(Instant time, double score) { }

    /**
     * The effect of one tag change at the draft's own time.
     *
     * @param action {@code add} or {@code remove}
     * @param delta  score with the change minus the draft's score
     */
    public record TagEffect(String tag, String action, double score, double delta) { }

    /**
     * Advice for a draft.
     *
     * @param baseTime        the time the draft is scored at for tag effects (its posted_at, else {@code from})
     * @param baseScore       the draft's score at {@code baseTime}
     * @param slots           {@link #HOURS} slots from {@code from}, best score first (ties: earlier first)
     * @param tagEffects      by decreasing delta: the tags that raise the score most first, those that lower it last
     * @param candidateSource {@code request}, {@code training} or {@code none}
     */
    public record Advice(Instant from, Instant baseTime, double baseScore, List<Slot> slots, List<TagEffect> tagEffects,
                         String candidateSource) { }

    /** {@code t} rounded up to the full hour (a time on the hour stays). */
    public static Instant ceilHour(Instant t) {
        Instant h = t.truncatedTo(ChronoUnit.HOURS);
        return h.equals(t) ? h : h.plus(Duration.ofHours(1));
    }

    /**
     * Advice for {@code draft}.
     *
     * @param users      inline author profiles (may be empty)
     * @param image      the draft's image bytes, or null
     * @param from       start of the week advised; rounded up to the hour
     * @param candidates tags to try adding; null for the most frequent training tags
     */
    public Advice advise(Post draft, Map<String, UserProfile> users, byte[] image, Instant from, List<String> candidates) {
        return advise(draft, users, image, OnlineEmbedder.Decoded.none(), from, candidates);
    }

    /** As {@link #advise(Post, Map, byte[], Instant, List)}, with the image decoded ahead when {@code decoded} holds it. */
    public Advice advise(Post draft, Map<String, UserProfile> users, byte[] image, OnlineEmbedder.Decoded decoded,
                         Instant from, List<String> candidates) {
        Instant start = ceilHour(from);
        Instant baseTime = draft.postedAt() != null ? draft.postedAt() : start;
        String source = candidates != null ? "request" : trainingTags.isEmpty() ? "none" : "training";
        Set<String> present = new LinkedHashSet<>();
        draft.tags().forEach(t -> present.add(t.toLowerCase(Locale.ROOT)));
        List<String> toAdd = candidates(candidates, present);

        List<Post> variants = new ArrayList<>(HOURS + 1 + toAdd.size() + present.size());
        variants.add(variant(draft, "base", baseTime, draft.tags()));
        for (int h = 0; h < HOURS; h++) {
            variants.add(variant(draft, "t" + h, start.plus(Duration.ofHours(h)), draft.tags()));
        }
        List<TagEffect> pending = new ArrayList<>();
        for (String tag : toAdd) {
            List<String> tags = new ArrayList<>(draft.tags());
            tags.add(tag);
            variants.add(variant(draft, "+" + tag, baseTime, tags));
            pending.add(new TagEffect(tag, "add", 0, 0));
        }
        for (String tag : new LinkedHashSet<>(draft.tags())) {
            List<String> tags = new ArrayList<>(draft.tags());
            tags.removeIf(tag::equals);
            variants.add(variant(draft, "-" + tag, baseTime, tags));
            pending.add(new TagEffect(tag, "remove", 0, 0));
        }
        List<byte[]> images = new ArrayList<>(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            images.add(image); // one array: the embedder decodes it once
        }
        double[] s = predictor.scores(variants, users, images, decoded);
        double base = s[0];
        List<Slot> slots = new ArrayList<>(HOURS);
        for (int h = 0; h < HOURS; h++) {
            slots.add(new Slot(variants.get(1 + h).postedAt(), s[1 + h]));
        }
        slots.sort(Comparator.comparingDouble((Slot x) -> -x.score()).thenComparing(Slot::time));
        List<TagEffect> effects = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            double v = s[1 + HOURS + i];
            effects.add(new TagEffect(pending.get(i).tag(), pending.get(i).action(), v, v - base));
        }
        effects.sort(Comparator.comparingDouble((TagEffect e) -> -e.delta()).thenComparing(TagEffect::tag)
                .thenComparing(TagEffect::action));
        return new Advice(start, baseTime, base, List.copyOf(slots), List.copyOf(effects), source);
    }

    /** Requested candidates (trimmed, distinct, not already on the draft) or the top training tags. */
    private List<String> candidates(List<String> requested, Set<String> present) {
        Set<String> out = new LinkedHashSet<>();
        if (requested != null) {
            if (requested.size() > MAX_CANDIDATES) {
                throw new IllegalArgumentException("at most " + MAX_CANDIDATES + " candidate tags, got " + requested.size());
            }
            for (String t : requested) {
                String k = t == null ? "" : t.strip();
                if (k.isEmpty()) {
                    throw new IllegalArgumentException("candidate tags must be non-empty strings, got '" + t + "'");
                }
                if (!present.contains(k.toLowerCase(Locale.ROOT))) {
                    out.add(k);
                }
            }
            return List.copyOf(out);
        }
        for (String t : trainingTags.keySet()) {
            if (out.size() == DEFAULT_CANDIDATES) {
                break;
            }
            if (!present.contains(t.toLowerCase(Locale.ROOT))) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** The draft with another time and tags, under its own post id (embeddings are keyed by post). */
    private static Post variant(Post d, String suffix, Instant time, List<String> tags) {
        Post.Builder b = Post.builder(d.postId() + "#" + suffix, d.userId())
                .postedAt(time).title(d.title()).tags(tags).imagePath(d.imagePath())
                .category(d.category()).subcategory(d.subcategory()).concept(d.concept())
                .geo(d.latitude(), d.longitude(), d.geoAccuracy());
        d.numeric().forEach(b::numeric);
        d.categorical().forEach(b::categorical);
        return b.build();
    }
}
