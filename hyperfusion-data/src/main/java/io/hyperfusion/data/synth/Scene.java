package io.hyperfusion.data.synth;

import java.util.List;

/**
 * What a synthetic image depicts. Each scene has a procedural drawing in {@link SceneRenderer} (its own
 * palette and shapes) and the words a title or tag list uses when it talks about that scene; whether the
 * text talks about the depicted scene or another one is the title-image agreement of the label formula.
 */
public enum Scene {
    /** Orange-to-violet sky gradient, a sun on the horizon, a dark sea. */
    SUNSET(List.of("sunset", "dusk", "goldenhour", "horizon", "twilight")),
    /** Light-blue sky, a small sun, a blue sea band and sand. */
    BEACH(List.of("beach", "sea", "ocean", "sand", "waves")),
    /** Green tree crowns (ellipses) on brown trunks under a pale sky. */
    FOREST(List.of("forest", "trees", "woods", "leaves", "greenery")),
    /** Grey triangles with white caps against a blue sky, a green valley. */
    MOUNTAIN(List.of("mountain", "peak", "alps", "summit", "valley")),
    /** Grey blocks with window grids, a dark road. */
    CITY(List.of("city", "street", "skyline", "architecture", "downtown")),
    /** Dark navy sky, moon and stars, black buildings with lit windows. */
    NIGHT(List.of("night", "lights", "stars", "moon", "midnight")),
    /** White ground, pale sky, snowy pines and flakes. */
    SNOW(List.of("snow", "winter", "ice", "frost", "snowfall")),
    /** A white plate with coloured food on a wooden table. */
    FOOD(List.of("food", "dinner", "delicious", "plate", "dessert")),
    /** A head and shoulders on a plain background. */
    PORTRAIT(List.of("portrait", "face", "model", "smile", "people")),
    /** A four-legged animal on grass. */
    ANIMAL(List.of("dog", "pet", "animal", "puppy", "horse")),
    /** Balloons and confetti on a dark purple background. */
    PARTY(List.of("party", "birthday", "balloons", "celebration", "festival")),
    /** A dark device with a lit screen on a desk. */
    GADGET(List.of("phone", "laptop", "computer", "gadget", "tech"));

    private final List<String> words;

    Scene(List<String> words) {
        this.words = words;
    }

    /** The words (lower case, one token each) that name this scene in titles and tags. */
    public List<String> words() {
        return words;
    }
}
