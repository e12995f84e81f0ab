package io.hyperfusion.data.synth;

import io.hyperfusion.data.Seeds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the authors and posts of a synthetic world (everything but the pixels) from the spec's seed.
 *
 * <p>Authors: latent quality q ~ N(0,1); {@code photo_count = exp(5 + q + 0.9 e)}, {@code ispro ~
 * Bernoulli(sigmoid(1.1 q - 1.2))} and an account age of {@code exp(6.5 + 0.5 q + 0.7 e)} days make q
 * partly visible. Posting rates are log-normal; a share {@link WorldSpec#lateAuthors()} (12% by default) of
 * authors join in the last 15% of the span, so most of them appear in the test split only; in cold-start mode
 * their posting rate is multiplied by {@link #COLD_START_ACTIVITY}, so they post a few times (the one post
 * every author gets, plus about a tenth of the usual). Posts: a day in the author's active window (weekends
 * busier), a local hour from a daily rhythm, a category and one of its scenes, text that names the depicted
 * scene or (45% of the time) another one, and the visible image properties.
 *
 * <p>The character knobs draw only from the {@code "character"} sub-seeds ({@code "drift"}: one slope per
 * author; {@code "hidden"}: the geo bumps and the hidden direction, see {@link HiddenSignal}), and the late
 * share and cold start reuse the existing draws, so a default spec consumes exactly the random numbers it
 * always did.
 */
final class WorldSampler {

    /** First day of the 16-month span. */
    static final LocalDate START = LocalDate.of(2015, 1, 1);
    /** Days in the span (2015-01-01 .. 2016-04-30). */
    static final int SPAN_DAYS = 486;
    private static final long FLICKR_LAUNCH = LocalDate.of(2004, 2, 10).toEpochDay() * 86400L;
    /** Cold start: factor on a late author's posting rate (with 10 posts per author, 2-3 posts each). */
    static final double COLD_START_ACTIVITY = 0.1;
    private static final DateTimeFormatter TAKEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final WorldSpec spec;
    private final Seeds seeds;
    private final HiddenSignal hidden;

    WorldSampler(WorldSpec spec) {
        this.spec = spec;
        this.seeds = new Seeds(spec.seed());
        this.hidden = new HiddenSignal(seeds.sub("character").random("hidden"));
    }

    /** The world's hidden-signal draws (bumps and direction), for the ground truth. */
    HiddenSignal hidden() {
        return hidden;
    }

    List<WorldUser> users() {
        SplittableRandom r = seeds.random("users");
        SplittableRandom slopes = seeds.sub("character").random("drift");
        Set<String> uids = new HashSet<>();
        List<WorldUser> out = new ArrayList<>(spec.users());
        long startSec = START.toEpochDay() * 86400L;
        for (int i = 0; i < spec.users(); i++) {
            String uid;
            do {
                uid = (1 + r.nextInt(99_999)) + "@N" + String.format(Locale.ROOT, "%02d", r.nextInt(100));
            } while (!uids.add(uid));
            double q = r.nextGaussian();
            double activity = Math.exp(1.1 * r.nextGaussian());
            boolean late = r.nextDouble() < spec.lateAuthors();
            if (late && spec.coldStart()) {
                activity *= COLD_START_ACTIVITY;
            }
            double a = late ? 0.85 + 0.12 * r.nextDouble() : 0.65 * r.nextDouble();
            double b = late ? 1.0 : Math.min(1.0, a + 0.35 + 0.65 * r.nextDouble());
            Vocabulary.City city = Draws.pick(r,
                    Vocabulary.CITIES.stream().mapToDouble(Vocabulary.City::weight).toArray(), Vocabulary.CITIES);
            ZoneOffset std = ZoneId.of(city.zoneId()).getRules().getStandardOffset(START.atStartOfDay().toInstant(ZoneOffset.UTC));
            String tzOffset = std.getTotalSeconds() == 0 ? "+00:00" : std.getId();
            double geoRate = r.nextDouble() < 0.4 ? 0.5 + 0.45 * r.nextDouble() : 0.03;
            long photoCount = Math.max(1, Math.round(Math.exp(5.0 + q + 0.9 * r.nextGaussian())));
            int isPro = r.nextDouble() < 1 / (1 + Math.exp(-(1.1 * q - 1.2))) ? 1 : 0;
            int canBuyPro = isPro == 1 ? 0 : (r.nextDouble() < 0.85 ? 1 : 0);
            double ageDays = Math.exp(6.5 + 0.5 * q + 0.7 * r.nextGaussian());
            long firstDate = Math.max(FLICKR_LAUNCH, startSec - (long) (ageDays * 86400) - r.nextInt(86400));
            String firstTaken = "";
            if (r.nextDouble() >= 0.06) {
                long before = (long) (Math.exp(3.5 + 1.5 * r.nextGaussian()) * 86400);
                long t = Math.max(LocalDate.of(1990, 1, 1).toEpochDay() * 86400L, firstDate - before);
                firstTaken = TAKEN.format(LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC));
            }
            String alias = "None";
            if (r.nextDouble() >= 0.55) {
                alias = Vocabulary.ALIAS_WORDS.get(r.nextInt(Vocabulary.ALIAS_WORDS.size()))
                        + (r.nextBoolean() ? "_" + Vocabulary.ALIAS_WORDS.get(r.nextInt(Vocabulary.ALIAS_WORDS.size()))
                        : Integer.toString(r.nextInt(1000)));
            }
            String userDesc = r.nextDouble() < 0.30 ? vector(r, 20) : "";
            String locDesc = r.nextDouble() < 0.25 ? vector(r, 20) : "";
            out.add(new WorldUser(uid, q, activity, a, b, city, tzOffset, geoRate, photoCount, isPro, canBuyPro,
                    firstDate, firstTaken, alias, userDesc, locDesc, late, slopes.nextGaussian(),
                    hidden.profileDot(userDesc)));
        }
        return out;
    }

    List<WorldPost> posts(List<WorldUser> users) {
        SplittableRandom r = seeds.random("posts");
        Seeds imageSeeds = seeds.sub("images");
        double[] cum = new double[users.size()];
        double acc = 0;
        for (int i = 0; i < cum.length; i++) {
            acc += users.get(i).activity();
            cum[i] = acc;
        }
        long pidBound = Math.max(1_000_000L, 50L * spec.posts());
        Set<Long> pids = new HashSet<>();
        List<WorldPost> out = new ArrayList<>(spec.posts());
        for (int j = 0; j < spec.posts(); j++) {
            // every author posts at least once; the rest follow the posting rates
            WorldUser u = j < users.size() ? users.get(j) : users.get(Draws.search(cum, r.nextDouble() * acc));
            long pid;
            do {
                pid = 1 + r.nextLong(pidBound);
            } while (!pids.add(pid));
            out.add(post(r, u, pid, imageSeeds.child(Long.toString(pid))));
        }
        return out;
    }

    private WorldPost post(SplittableRandom r, WorldUser u, long pid, long imageSeed) {
        ZoneId zone = ZoneId.of(u.city().zoneId());
        LocalDate day;
        do {
            double f = u.windowStart() + (u.windowEnd() - u.windowStart()) * r.nextDouble();
            day = START.plusDays(Math.min(SPAN_DAYS - 1, (long) (f * SPAN_DAYS)));
        } while (r.nextDouble() * 1.40 > Vocabulary.WEEKDAY_ACTIVITY[day.getDayOfWeek().getValue() - 1]);
        int hour = Draws.search(Draws.cumulative(Vocabulary.HOUR_ACTIVITY),
                r.nextDouble() * Draws.sum(Vocabulary.HOUR_ACTIVITY));
        ZonedDateTime local = ZonedDateTime.ofLocal(
                LocalDateTime.of(day, LocalTime.of(hour, r.nextInt(60), r.nextInt(60))), zone, null);
        Instant postedAt = local.toInstant();

        Vocabulary.Category cat = Draws.pick(r, Vocabulary.CATEGORIES.stream().mapToDouble(Vocabulary.Category::weight)
                .toArray(), Vocabulary.CATEGORIES);
        Vocabulary.Sub sub = cat.subs().get(r.nextInt(cat.subs().size()));
        String concept = sub.concepts().get(r.nextInt(sub.concepts().size()));
        Scene[] all = Scene.values();
        Scene depicted = r.nextDouble() < 0.75 ? cat.scenes().get(r.nextInt(cat.scenes().size()))
                : all[r.nextInt(all.length)];
        Scene mentioned = r.nextDouble() < 0.55 ? depicted : all[(depicted.ordinal() + 1 + r.nextInt(all.length - 1)) % all.length];

        List<String> tags = tags(r, u, sub, concept, mentioned);
        List<String> titleWords = title(r, u, mentioned);
        String title = String.join(" ", titleWords);
        if (!title.isEmpty() && r.nextBoolean()) {
            title = title.substring(0, 1).toUpperCase(Locale.ROOT) + title.substring(1);
        }
        Set<String> said = new HashSet<>(tags);
        titleWords.forEach(w -> said.add(w.toLowerCase(Locale.ROOT)));
        int agreement = depicted.words().stream().anyMatch(said::contains) ? 1 : 0;
        int nHot = (int) tags.stream().filter(Vocabulary.HOT_TAGS::contains).count();
        int nStrong = (int) titleWords.stream().filter(Vocabulary.STRONG_WORDS::contains).count();

        String lat = "0";
        String lon = "0";
        String acc = "0";
        boolean geoTagged = r.nextDouble() < u.geoRate();
        if (geoTagged) {
            lat = coordinate(u.city().lat() + 0.25 * r.nextGaussian());
            lon = coordinate(u.city().lon() + 0.25 * r.nextGaussian());
            acc = r.nextDouble() < 0.7 ? "16" : Integer.toString(11 + r.nextInt(5));
        }
        ImageSpec image = image(r, depicted, imageSeed);
        ZonedDateTime actual = postedAt.atZone(zone); // a DST gap may have moved the hour
        LabelFormula.Inputs in = new LabelFormula.Inputs(u.quality(), cat.name(), actual.getHour(),
                actual.getDayOfWeek().getValue(), tags.size(), nHot, titleWords.size(), nStrong,
                image.saturation(), image.blurSigma(), image.gain(), agreement,
                character(u, postedAt, geoTagged, lat, lon, depicted));
        double noise = LabelFormula.NOISE_SD * r.nextGaussian();
        return new WorldPost(pid, u, postedAt, cat.name(), sub.name(), concept, depicted, mentioned, title,
                tags, lat, lon, acc, image, in, noise);
    }

    /** The character inputs of a post, from the written coordinates so they can be recomputed from the files. */
    private LabelFormula.CharacterInputs character(WorldUser u, Instant postedAt, boolean geoTagged, String lat,
            String lon, Scene depicted) {
        double f = spanPosition(postedAt);
        double bumps = 0.0;
        double home = 0.0;
        if (geoTagged) {
            double la = Double.parseDouble(lat);
            double lo = Double.parseDouble(lon);
            bumps = hidden.bumpSum(la, lo);
            home = StrictMath.hypot(la - u.city().lat(), lo - u.city().lon());
        }
        return new LabelFormula.CharacterInputs(spec.drift(), u.slope(), f, spec.hiddenSignal(), geoTagged, bumps,
                home, u.profileDot(), depicted);
    }

    /** Position of an instant in the 16-month span (UTC), clipped to [0, 1]. */
    static double spanPosition(Instant t) {
        double f = (t.getEpochSecond() - START.toEpochDay() * 86400L) / (SPAN_DAYS * 86400.0);
        return Math.max(0.0, Math.min(1.0, f));
    }

    private static List<String> tags(SplittableRandom r, WorldUser u, Vocabulary.Sub sub, String concept, Scene mentioned) {
        if (r.nextDouble() < 0.12) {
            return List.of();
        }
        int n = (int) Math.min(40, 1 + Math.floor(Math.exp(1.7 + 0.8 * r.nextGaussian())));
        LinkedHashSet<String> pool = new LinkedHashSet<>();
        for (String hot : Vocabulary.HOT_TAGS) {
            if (r.nextDouble() < 0.07) {
                pool.add(hot);
            }
        }
        int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
            pool.add(mentioned.words().get(r.nextInt(mentioned.words().size())));
        }
        pool.add(concept);
        pool.add(sub.name().toLowerCase(Locale.ROOT));
        if (r.nextBoolean()) {
            pool.add(u.city().name());
        }
        for (int guard = 0; pool.size() < n && guard < 200; guard++) {
            pool.add(Vocabulary.GENERIC_TAGS.get(r.nextInt(Vocabulary.GENERIC_TAGS.size())));
        }
        return List.copyOf(pool).subList(0, Math.min(n, pool.size()));
    }

    private static List<String> title(SplittableRandom r, WorldUser u, Scene mentioned) {
        if (r.nextDouble() < 0.09) {
            return List.of();
        }
        List<String> w = new ArrayList<>();
        if (r.nextDouble() < 0.18) {
            w.add(Vocabulary.STRONG_WORDS.get(r.nextInt(Vocabulary.STRONG_WORDS.size())));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            w.add(Vocabulary.FILLERS.get(r.nextInt(Vocabulary.FILLERS.size())));
        }
        if (r.nextDouble() < 0.85) {
            int k = 1 + r.nextInt(2);
            for (int i = 0; i < k; i++) {
                w.add(mentioned.words().get(r.nextInt(mentioned.words().size())));
            }
        }
        if (r.nextDouble() < 0.3) {
            w.add("in");
            w.add(u.city().name());
        }
        if (r.nextDouble() < 0.05) {
            w.add(Vocabulary.FOREIGN.get(r.nextInt(Vocabulary.FOREIGN.size())));
        }
        if (w.isEmpty()) {
            w.add(Vocabulary.FILLERS.get(r.nextInt(Vocabulary.FILLERS.size())));
        }
        return w;
    }

    private static ImageSpec image(SplittableRandom r, Scene scene, long seed) {
        double[] aspects = {1.0, 4.0 / 3, 3.0 / 2, 16.0 / 9, 5.0 / 4};
        double aspect = aspects[r.nextInt(aspects.length)];
        int longSide = 220 + r.nextInt(261);
        int shortSide = (int) Math.max(120, Math.round(longSide / aspect));
        boolean landscape = r.nextDouble() < 0.7;
        double saturation = 0.15 + 1.2 * r.nextDouble();
        double blur = r.nextDouble() < 0.25 ? 1.2 + 2.8 * r.nextDouble() : 0.0;
        double gain = Math.exp(Math.max(-0.9, Math.min(0.7, 0.3 * r.nextGaussian())));
        float quality = (float) (Math.round((0.6 + 0.35 * r.nextDouble()) * 100) / 100.0);
        return new ImageSpec(landscape ? longSide : shortSide, landscape ? shortSide : longSide, scene,
                saturation, blur, gain, quality, seed);
    }

    private static String vector(SplittableRandom r, int dim) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dim; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", 0.3 * r.nextGaussian()));
        }
        return sb.toString();
    }

    private static String coordinate(double v) {
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
