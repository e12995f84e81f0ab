package io.hyperfusion.data.synth;

import java.util.List;

/** The fixed word lists, categories, time zones and rhythms of the synthetic world. */
final class Vocabulary {

    private Vocabulary() {
    }

    /** A second-level category and its third-level concepts. */
    record Sub(String name, List<String> concepts) {
    }

    /**
     * A top-level category: how often it occurs, the scenes its images usually show, and its subcategories.
     */
    record Category(String name, double weight, List<Scene> scenes, List<Sub> subs) {
    }

    /** A home city: IANA zone, coordinates, and a name used in titles and tags. */
    record City(String zoneId, String name, double lat, double lon, double weight) {
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("Travel&Active&Sports", 0.14, List.of(Scene.BEACH, Scene.MOUNTAIN, Scene.SUNSET), List.of(
                    new Sub("Travel", List.of("beach", "island", "roadtrip")),
                    new Sub("Sports", List.of("soccer", "running", "cycling")),
                    new Sub("Outdoor", List.of("hiking", "camping", "climbing")))),
            new Category("Holiday&Celebrations", 0.07, List.of(Scene.PARTY, Scene.SNOW, Scene.NIGHT), List.of(
                    new Sub("Christmas", List.of("tree", "santa", "ornament")),
                    new Sub("Wedding", List.of("bride", "cake", "ring")),
                    new Sub("Festival", List.of("fireworks", "parade", "lantern")))),
            new Category("Social&People", 0.12, List.of(Scene.PORTRAIT, Scene.PARTY, Scene.CITY), List.of(
                    new Sub("Portrait", List.of("face", "eyes", "smile")),
                    new Sub("Friends", List.of("group", "selfie", "hug")))),
            new Category("Fashion", 0.08, List.of(Scene.PORTRAIT, Scene.CITY), List.of(
                    new Sub("Clothing", List.of("dress", "shoes", "jacket")),
                    new Sub("Model", List.of("pose", "makeup", "runway")),
                    new Sub("Accessories", List.of("bag", "watch", "sunglasses")))),
            new Category("Whether&Season", 0.08, List.of(Scene.SNOW, Scene.SUNSET, Scene.FOREST), List.of(
                    new Sub("Raining", List.of("umbrella", "puddle", "clouds")),
                    new Sub("Snow", List.of("snowman", "icicle", "frost")),
                    new Sub("Sunset", List.of("sun", "dusk", "horizon")),
                    new Sub("Autumn", List.of("leaves", "fog")))),
            new Category("Animal", 0.09, List.of(Scene.ANIMAL, Scene.FOREST), List.of(
                    new Sub("Pet", List.of("dog", "cat", "puppy")),
                    new Sub("Wildlife", List.of("bird", "deer", "fox")),
                    new Sub("Farm", List.of("horse", "cow")))),
            new Category("Food", 0.08, List.of(Scene.FOOD), List.of(
                    new Sub("Dessert", List.of("cake", "icecream", "cookie")),
                    new Sub("Meal", List.of("pizza", "sushi", "salad")),
                    new Sub("Drink", List.of("coffee", "beer", "wine")))),
            new Category("Entertainment", 0.09, List.of(Scene.PARTY, Scene.NIGHT, Scene.PORTRAIT), List.of(
                    new Sub("Music", List.of("concert", "guitar", "band")),
                    new Sub("Show", List.of("theatre", "stage", "circus")),
                    new Sub("Games", List.of("videogame", "cards")))),
            new Category("Urban", 0.12, List.of(Scene.CITY, Scene.NIGHT), List.of(
                    new Sub("Architecture", List.of("building", "bridge", "tower")),
                    new Sub("Street", List.of("traffic", "graffiti", "market")),
                    new Sub("Nightscape", List.of("skyline", "neon")))),
            new Category("Electronics", 0.05, List.of(Scene.GADGET), List.of(
                    new Sub("Phone", List.of("smartphone", "iphone")),
                    new Sub("Computer", List.of("laptop", "keyboard", "screen")),
                    new Sub("Camera", List.of("lens", "dslr")))),
            new Category("Family", 0.08, List.of(Scene.PORTRAIT, Scene.BEACH, Scene.PARTY), List.of(
                    new Sub("Children", List.of("baby", "kids", "toddler")),
                    new Sub("Home", List.of("livingroom", "garden")),
                    new Sub("Grandparents", List.of("grandma", "grandpa")))));

    static final List<City> CITIES = List.of(
            new City("America/New_York", "newyork", 40.7128, -74.0060, 0.14),
            new City("America/Chicago", "chicago", 41.8781, -87.6298, 0.06),
            new City("America/Los_Angeles", "losangeles", 34.0522, -118.2437, 0.09),
            new City("America/Sao_Paulo", "saopaulo", -23.5505, -46.6333, 0.04),
            new City("Europe/London", "london", 51.5074, -0.1278, 0.12),
            new City("Europe/Paris", "paris", 48.8566, 2.3522, 0.07),
            new City("Europe/Berlin", "berlin", 52.5200, 13.4050, 0.07),
            new City("Europe/Madrid", "madrid", 40.4168, -3.7038, 0.04),
            new City("Europe/Rome", "rome", 41.9028, 12.4964, 0.04),
            new City("Asia/Tokyo", "tokyo", 35.6762, 139.6503, 0.07),
            new City("Asia/Shanghai", "shanghai", 31.2304, 121.4737, 0.06),
            new City("Asia/Kolkata", "kolkata", 22.5726, 88.3639, 0.04),
            new City("Asia/Singapore", "singapore", 1.3521, 103.8198, 0.03),
            new City("Australia/Sydney", "sydney", -33.8688, 151.2093, 0.05),
            new City("Africa/Johannesburg", "johannesburg", -26.2041, 28.0473, 0.02),
            new City("America/Toronto", "toronto", 43.6532, -79.3832, 0.06));

    /** Relative posting activity by local hour 0..23: quiet at night, peaks at lunch and in the evening. */
    static final double[] HOUR_ACTIVITY = {
        2.0, 1.2, 0.7, 0.4, 0.3, 0.4, 0.8, 1.5, 2.4, 3.2, 3.8, 4.2,
        4.6, 4.5, 4.3, 4.3, 4.5, 4.9, 5.4, 5.9, 6.2, 5.8, 4.6, 3.2};

    /** Relative posting activity Monday..Sunday: more at weekends. */
    static final double[] WEEKDAY_ACTIVITY = {0.90, 0.85, 0.85, 0.90, 1.00, 1.35, 1.40};

    /** Tags that raise popularity when present (Flickr "Explore"-style tags). */
    static final List<String> HOT_TAGS = List.of("explore", "hdr", "bokeh", "macro", "streetphotography");

    /** Title words that raise popularity. */
    static final List<String> STRONG_WORDS = List.of("stunning", "epic", "amazing", "breathtaking", "magical");

    /** Neutral tags (gear, habits). */
    static final List<String> GENERIC_TAGS = List.of("nikon", "canon", "sony", "35mm", "photo", "photography",
            "flickr", "iphoneography", "bw", "color", "travel", "nature", "love", "instagood", "weekend",
            "2015", "2016", "vsco", "light", "fujifilm");

    /** Neutral title fillers. */
    static final List<String> FILLERS = List.of("my", "the", "a", "with", "at", "today", "our", "some", "view",
            "walk", "day", "afternoon", "evening", "morning", "friends", "again", "first", "last");

    /** Non-English words that end up in some titles, as in the real data. */
    static final List<String> FOREIGN = List.of("夕焼け", "été", "noche", "straße", "città", "日常", "outono", "ciel");

    /** Words for Flickr path aliases. */
    static final List<String> ALIAS_WORDS = List.of("lens", "photo", "pixel", "light", "shutter", "frame",
            "wander", "studio", "eye", "focus");
}
