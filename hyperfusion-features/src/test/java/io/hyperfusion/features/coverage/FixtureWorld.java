package io.hyperfusion.features.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The small, realistic world behind every format's coverage fixture: 16 authors in 8 cities and 84 posts over about
 * eight weeks, with every field present and varied. Categorical values repeat across posts and authors (a few
 * values each), so their vocabularies have codes; the last 16 posts by time are the test split (unlabelled). Some
 * authors lack a time-zone id or profile vectors, as real Flickr profiles do. Deterministic.
 */
final class FixtureWorld {
    static final int AUTHORS = 16;
    static final int POSTS = 84;
    static final int TEST_POSTS = 16;
    static final Instant START = Instant.parse("2016-03-01T06:00:00Z");

    private static final String[][] CITIES = { // name, lat, lon, IANA zone, UTC offset minutes, country, language
        {"london", "51.507", "-0.128", "Europe/London", "0", "GB", "en"},
        {"paris", "48.857", "2.352", "Europe/Paris", "60", "FR", "fr"},
        {"newyork", "40.713", "-74.006", "America/New_York", "-300", "US", "en"},
        {"tokyo", "35.690", "139.692", "Asia/Tokyo", "540", "JP", "ja"},
        {"sydney", "-33.869", "151.209", "Australia/Sydney", "600", "AU", "en"},
        {"berlin", "52.520", "13.405", "Europe/Berlin", "60", "DE", "de"},
        {"saopaulo", "-23.551", "-46.633", "America/Sao_Paulo", "-180", "BR", "pt"},
        {"mumbai", "19.076", "72.878", "Asia/Kolkata", "330", "IN", "un"},
    };
    /** Topic: category, subcategories, concepts, words. */
    private static final String[][][] TOPICS = {
        {{"Travel"}, {"Beach", "City"}, {"sunset", "harbour", "skyline"}, {"sea", "sunset", "walk", "holiday", "waves", "sand", "sky"}},
        {{"Food"}, {"Dessert", "Street food"}, {"cake", "noodles", "coffee"}, {"lunch", "tasty", "cafe", "cake", "spicy", "brunch"}},
        {{"Animal"}, {"Pets", "Wildlife"}, {"cat", "dog", "bird"}, {"cat", "dog", "cute", "park", "feathers", "paws"}},
        {{"Whether&Season"}, {"Raining", "Snow"}, {"umbrella", "snowman", "puddle"}, {"rain", "snow", "cold", "winter", "storm"}},
        {{"Sports"}, {"Running", "Football"}, {"marathon", "stadium", "goal"}, {"run", "match", "team", "goal", "training"}},
    };
    private static final String[] SONGS = {"original sound", "Blinding Lights", "Levitating", "original sound - creator"};

    /** One author. Counts are following, follower, likes, videos, digg, heart, friend (SMPD-Video). */
    record Author(int n, String city, double lat, double lon, String zoneId, int offsetMinutes, String country,
                  String language, double photoCount, boolean pro, boolean canBuyPro, Instant firstDate,
                  Instant firstTaken, float[] description, float[] location, String pathAlias, double[] counts,
                  double skill) { }

    /** One post; {@code test} posts are unlabelled. */
    record Item(int n, Author author, Instant at, String title, List<String> tags, List<String> suggested,
                String category, String subcategory, String concept, Double lat, Double lon, Integer accuracy,
                String mediatype, boolean isPublic, String mediaStatus, int picture, int height, int width,
                double duration, String ratio, String format, String music, double musicDuration, String device,
                String license, double views, double faves, double label, boolean test) { }

    final List<Author> authors;
    final List<Item> posts;

    FixtureWorld() {
        SplittableRandom r = new SplittableRandom(20240901L);
        List<Author> a = new ArrayList<>();
        for (int n = 0; n < AUTHORS; n++) {
            a.add(author(n, r));
        }
        authors = List.copyOf(a);
        List<Item> p = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            p.add(post(i, r));
        }
        posts = List.copyOf(p);
    }

    private static Author author(int a, SplittableRandom r) {
        String[] c = CITIES[a % CITIES.length];
        // Authors 3 and 11 have no zone id, author 7 a Flickr display name that is no zone id: their offset decides.
        String zone = a == 3 || a == 11 ? null : a == 7 ? "Pacific Time (US & Canada)" : c[3];
        Instant first = Instant.parse("2009-01-01T00:00:00Z").plus(Duration.ofDays(97L * a + r.nextInt(60)));
        double[] counts = {20 + r.nextInt(400), 100 + r.nextInt(90_000), r.nextInt(5_000), 5 + r.nextInt(300),
            r.nextInt(2_000), 1_000 + r.nextInt(900_000), r.nextInt(60)};
        return new Author(a, c[0], Double.parseDouble(c[1]), Double.parseDouble(c[2]), zone, Integer.parseInt(c[4]),
                c[5], c[6], 50 + r.nextInt(4_000), a % 3 == 0, a % 4 != 1, first,
                first.minus(Duration.ofDays(200 + r.nextInt(2_000))),
                a % 5 == 4 ? new float[0] : vector(r, 8), a % 4 == 2 ? new float[0] : vector(r, 6),
                a % 6 == 5 ? null : "alias_" + c[0] + "_" + a, counts, r.nextGaussian());
    }

    private Item post(int i, SplittableRandom r) {
        Author a = authors.get((i * 5 + i / 7) % AUTHORS);
        int t = (i + a.n()) % TOPICS.length;
        String[][] topic = TOPICS[t];
        Instant at = START.plus(Duration.ofMinutes(i * 15L * 60 + r.nextInt(600)));
        List<String> words = new ArrayList<>(List.of(topic[3]));
        java.util.Collections.shuffle(words, new java.util.Random(i));
        List<String> tags = new ArrayList<>(words.subList(0, 2 + i % 4));
        tags.add(a.city());
        String title = i % 9 == 4 ? "" : words.get(0) + " " + words.get(1) + " in " + a.city() + (i % 3 == 0 ? " today" : "");
        boolean geo = i % 4 != 1;
        double jitter = (r.nextDouble() - 0.5) * 0.2;
        boolean video = i % 5 == 2;
        double label = 4.0 + t * 0.6 + a.skill() + 0.4 * Math.log1p(a.photoCount()) / 4 + r.nextGaussian() * 0.5;
        return new Item(i, a, at, title, tags, i % 4 == 3 ? List.of() : List.of(words.get(2), topic[2][i % 3]),
                topic[0][0], topic[1][i % 2], topic[2][(i / 2) % 3], geo ? a.lat() + jitter : null,
                geo ? a.lon() - jitter : null, geo ? 11 + i % 6 : null, video ? "video" : "photo", i % 11 != 6,
                i % 13 == 5 ? "failed" : "ready", i % 24, i % 3 == 0 ? 1280 : 1024, i % 3 == 0 ? 720 : 576,
                5 + r.nextInt(115) + 0.5, i % 3 == 0 ? "720p" : "540p", i % 7 == 3 ? "webm" : "mp4",
                SONGS[i % SONGS.length], 10 + r.nextInt(50), i % 2 == 0 ? "iphone" : i % 3 == 0 ? "canon" : "pixel",
                i % 5 == 0 ? "cc-by" : "all-rights", 10 + r.nextInt(5_000), r.nextInt(80),
                Math.max(1.0, Math.min(14.0, label)), i >= POSTS - TEST_POSTS);
    }

    private static float[] vector(SplittableRandom r, int d) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) Math.round(r.nextGaussian() * 1000) / 1000f;
        }
        return v;
    }

    /** The posts of one split. */
    List<Item> split(boolean test) {
        return posts.stream().filter(p -> p.test() == test).toList();
    }
}
