package io.hyperfusion.data.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The known popularity formula of the synthetic world. All terms are in label units:
 *
 * <pre>
 * noise_free = clip(BASE + author + category + hour + weekday + tags + title
 *                   + colour + sharpness + exposure + agreement + geo + profile + scene, 1, 16.5)
 * label      = round4(clip(BASE + author + ... + scene + noise, 1, 16.5)),  noise ~ N(0, NOISE_SD)
 *
 * author    = AUTHOR * (q + drift * slope * (f - DRIFT_CENTRE))
 *                                                          q ~ N(0,1), the author's latent quality;
 *                                                          slope ~ N(0,1) per author, f the post's position
 *                                                          in the 16-month span; drift = 0 by default
 * category  = CATEGORY[category]
 * hour      = HOUR_AMP * cos(2 pi (h - HOUR_PEAK) / 24)     h = posting hour in the author's time zone
 * weekday   = WEEKDAY[d]                                   d = ISO day of week (Mon=1) in that zone
 * tags      = TAGS_LOG * (ln(1 + n_tags) - TAGS_CENTRE) + HOT_TAG * min(n_hot, HOT_MAX)
 * title     = TITLE_LOG * (ln(1 + n_words) - TITLE_CENTRE) + STRONG_WORD * n_strong
 * colour    = COLOUR * (s - COLOUR_CENTRE)                  s = saturation factor applied to the image
 * sharpness = - BLUR * sigma                               sigma = Gaussian blur sd in pixels (0 = sharp)
 * exposure  = - EXPOSURE * ln(g)^2                         g = brightness gain (1 = well exposed)
 * agreement = AGREE * (a - AGREE_CENTRE)                   a = 1 when title/tags name the depicted scene
 * geo       = h * (bumps(lat, lon) + GEO_HOME * (GEO_HOME_CENTRE - dist(home)))   geo-tagged posts, else 0
 * profile   = h * PROFILE * (user_description . direction)  0 for authors without a description
 * scene     = h * SCENE[depicted]                          h = hidden-signal strength, 0 by default
 * </pre>
 *
 * The author's quality is partly visible: {@code photo_count}, {@code ispro} and the account age all
 * depend on {@code q} (see {@link WorldSampler}). The image terms are visible in the pixels; the agreement
 * term needs image and text together. {@link #describe()} writes every constant to {@code ground_truth.json},
 * {@link #describeCharacter} the character terms' constants (written only for a non-default character,
 * so that the default world's files stay as they were). With drift 0 and h 0 the character terms are
 * exactly zero and the sums are bit-identical to the formula without them.
 */
final class LabelFormula {

    static final double BASE = 6.58;
    static final double AUTHOR = 1.85;
    static final double HOUR_AMP = 0.35;
    static final double HOUR_PEAK = 20.0;
    static final double[] WEEKDAY = {-0.10, -0.12, -0.05, 0.0, 0.05, 0.18, 0.12};
    static final double TAGS_LOG = 0.50;
    static final double TAGS_CENTRE = 1.8;
    static final double HOT_TAG = 0.45;
    static final int HOT_MAX = 2;
    static final double TITLE_LOG = 0.25;
    static final double TITLE_CENTRE = 1.4;
    static final double STRONG_WORD = 0.50;
    static final double COLOUR = 1.00;
    static final double COLOUR_CENTRE = 0.75;
    static final double BLUR = 0.50;
    static final double EXPOSURE = 3.0;
    static final double AGREE = 1.00;
    static final double AGREE_CENTRE = 0.5;
    static final double NOISE_SD = 1.10;
    static final double MIN = 1.0;
    static final double MAX = 16.5;
    /** Drift: the author's quality is {@code q} at the middle of the span. */
    static final double DRIFT_CENTRE = 0.5;
    /** Geo: sd of every bump, in degrees. */
    static final double GEO_WIDTH = 0.2;
    /** Geo: label per degree closer to the home city than {@link #GEO_HOME_CENTRE}. */
    static final double GEO_HOME = 2.0;
    static final double GEO_HOME_CENTRE = 0.3;
    /** Profile: label per unit of the description vector along the hidden direction (dot sd is about 0.3). */
    static final double PROFILE = 2.5;
    /** Scene: effect of what the image depicts (sums to 0 over the scenes). */
    static final Map<Scene, Double> SCENE = sceneEffects();

    /** Effect of each top-level category, in the order of {@link Vocabulary#CATEGORIES}. */
    static final Map<String, Double> CATEGORY = categoryEffects();

    private LabelFormula() {
    }

    /** The inputs of the formula for one post. */
    record Inputs(double quality, String category, int localHour, int isoWeekday, int nTags, int nHot,
            int titleWords, int nStrong, double saturation, double blurSigma, double gain, int agreement,
            CharacterInputs character) {
    }

    /**
     * The inputs of the character terms for one post; all zero-effect when {@code drift} and {@code hidden}
     * are 0.
     *
     * @param drift        the world's drift strength
     * @param slope        the author's drift slope
     * @param spanPosition the post's position in the span, in [0, 1]
     * @param hidden       the world's hidden-signal strength
     * @param geoTagged    whether the post is geo-tagged
     * @param geoBumps     the sum of the geo bumps at the written coordinates (0 when not geo-tagged)
     * @param homeDistance degrees from the author's home city, {@code sqrt(dlat^2 + dlon^2)}
     * @param profileDot   the description vector along the hidden direction (0 without a description)
     * @param depicted     the scene the image shows
     */
    record CharacterInputs(double drift, double slope, double spanPosition, double hidden, boolean geoTagged,
            double geoBumps, double homeDistance, double profileDot, Scene depicted) {
    }

    /** The terms of the formula for one post; {@link #sum()} excludes the base and the noise. */
    record Terms(double author, double category, double hour, double weekday, double tags, double title,
            double colour, double sharpness, double exposure, double agreement, double geo, double profile,
            double scene) {

        double sum() {
            return author + category + hour + weekday + tags + title + colour + sharpness + exposure + agreement
                    + geo + profile + scene;
        }

        /** The character terms in a fixed order, for the extra columns of a non-default world. */
        Map<String, Double> characterMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("geo", geo);
            m.put("profile", profile);
            m.put("scene", scene);
            return m;
        }

        /** Names and values in a fixed order, for the hidden components file. */
        Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("author", author);
            m.put("category", category);
            m.put("hour", hour);
            m.put("weekday", weekday);
            m.put("tags", tags);
            m.put("title", title);
            m.put("colour", colour);
            m.put("sharpness", sharpness);
            m.put("exposure", exposure);
            m.put("agreement", agreement);
            return m;
        }
    }

    static Terms terms(Inputs in) {
        Double cat = CATEGORY.get(in.category());
        if (cat == null) {
            throw new IllegalArgumentException("unknown category '" + in.category() + "', expected one of "
                    + CATEGORY.keySet());
        }
        double lnGain = StrictMath.log(in.gain());
        CharacterInputs c = in.character();
        // drift 0 gives q + (+-0.0) = q and hidden 0 gives (+-0.0) terms: bit-identical to the original world
        double qt = in.quality() + c.drift() * c.slope() * (c.spanPosition() - DRIFT_CENTRE);
        double geo = c.geoTagged()
                ? c.hidden() * (c.geoBumps() + GEO_HOME * (GEO_HOME_CENTRE - c.homeDistance())) : 0.0;
        return new Terms(
                AUTHOR * qt,
                cat,
                HOUR_AMP * StrictMath.cos(2 * Math.PI * (in.localHour() - HOUR_PEAK) / 24.0),
                WEEKDAY[in.isoWeekday() - 1],
                TAGS_LOG * (StrictMath.log1p(in.nTags()) - TAGS_CENTRE) + HOT_TAG * Math.min(in.nHot(), HOT_MAX),
                TITLE_LOG * (StrictMath.log1p(in.titleWords()) - TITLE_CENTRE) + STRONG_WORD * in.nStrong(),
                COLOUR * (in.saturation() - COLOUR_CENTRE),
                0.0 - BLUR * in.blurSigma(), // 0.0 - x: a sharp image gets 0.0, not -0.0
                -EXPOSURE * lnGain * lnGain,
                AGREE * (in.agreement() - AGREE_CENTRE),
                geo,
                c.hidden() * PROFILE * c.profileDot(),
                c.hidden() * SCENE.get(c.depicted()));
    }

    /** The noise-free score: base plus terms, clipped. */
    static double noiseFree(Terms t) {
        return clip(BASE + t.sum());
    }

    /** The published label: base plus terms plus noise, clipped, rounded to 4 decimals like SMPD labels. */
    static double label(Terms t, double noise) {
        return Math.round(clip(BASE + t.sum() + noise) * 1e4) / 1e4;
    }

    static double clip(double v) {
        return Math.max(MIN, Math.min(MAX, v));
    }

    /** Every constant of the formula, for {@code ground_truth.json}. */
    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", BASE);
        m.put("author", ordered("coef", AUTHOR));
        m.put("category", CATEGORY);
        m.put("hour", ordered("amplitude", HOUR_AMP, "peak_hour", HOUR_PEAK));
        m.put("weekday", List.of(WEEKDAY[0], WEEKDAY[1], WEEKDAY[2], WEEKDAY[3], WEEKDAY[4], WEEKDAY[5], WEEKDAY[6]));
        m.put("tags", ordered("log_coef", TAGS_LOG, "centre", TAGS_CENTRE, "hot_coef", HOT_TAG, "hot_max", HOT_MAX,
                "hot_tags", Vocabulary.HOT_TAGS));
        m.put("title", ordered("log_coef", TITLE_LOG, "centre", TITLE_CENTRE, "strong_coef", STRONG_WORD,
                "strong_words", Vocabulary.STRONG_WORDS));
        m.put("colour", ordered("coef", COLOUR, "centre", COLOUR_CENTRE));
        m.put("sharpness", ordered("blur_coef", BLUR));
        m.put("exposure", ordered("coef", EXPOSURE));
        m.put("agreement", ordered("coef", AGREE, "centre", AGREE_CENTRE));
        m.put("noise_sd", NOISE_SD);
        m.put("clip", List.of(MIN, MAX));
        return m;
    }

    /** The character terms' constants and this world's draws, added to the coefficients of a non-default world. */
    static Map<String, Object> describeCharacter(WorldSpec spec, HiddenSignal hidden) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drift", ordered("strength", spec.drift(), "centre", DRIFT_CENTRE,
                "span_start", WorldSampler.START.toString(), "span_days", WorldSampler.SPAN_DAYS));
        Map<String, Object> draws = hidden.describe();
        m.put("geo", ordered("strength", spec.hiddenSignal(), "width_deg", GEO_WIDTH, "home_coef", GEO_HOME,
                "home_centre_deg", GEO_HOME_CENTRE, "bumps", draws.get("bumps")));
        m.put("profile", ordered("strength", spec.hiddenSignal(), "coef", PROFILE, "direction", draws.get("direction")));
        Map<String, Double> effects = new LinkedHashMap<>();
        SCENE.forEach((k, v) -> effects.put(k.name(), v));
        m.put("scene", ordered("strength", spec.hiddenSignal(), "effects", effects));
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<Scene, Double> sceneEffects() {
        double[] effects = {0.50, 0.30, 0.10, 0.40, -0.20, 0.20, 0.0, -0.40, -0.10, 0.30, -0.50, -0.60};
        Map<Scene, Double> m = new java.util.EnumMap<>(Scene.class);
        for (Scene sc : Scene.values()) {
            m.put(sc, effects[sc.ordinal()]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Double> categoryEffects() {
        double[] effects = {0.35, 0.05, -0.15, 0.55, 0.25, 0.40, -0.30, 0.10, 0.05, -0.55, -0.45};
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < effects.length; i++) {
            m.put(Vocabulary.CATEGORIES.get(i).name(), effects[i]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
