package io.hyperfusion.models.catboost;

import ai.catboost.CatBoostModel;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two hand-made CatBoost models shipped in {@code src/test/resources/io/hyperfusion/models/catboost/},
 * built with {@link CbmWriter}; {@link #main} rewrites them (see the README there).
 *
 * <p>Both have 3 oblivious trees of depth 2 and bias 0.5; leaf values are distinct so every row's leaf path
 * can be read off the prediction. {@code numeric.cbm}: two unnamed float features, borders {0.5, 1.5} and {0}.
 * {@code mixed.cbm}: {@code num#a} (float), {@code meta#kind} (categorical, one one-hot split on the value
 * {@code "2"}), {@code num#b} (float).
 */
final class CbmFixtures {
    static final String NUMERIC = "numeric.cbm";
    static final String MIXED = "mixed.cbm";
    static final Map<String, String> INFO = Map.of("hyperfusion_fixture", "hand-built by CbmWriter");

    private CbmFixtures() {
    }

    /** Binary features 0: a > 0.5, 1: a > 1.5, 2: b > 0. */
    static byte[] numeric(Map<String, String> info) {
        return CbmWriter.write(
                List.of(new CbmWriter.Feature("", false, new float[] {0.5f, 1.5f}, new int[0]),
                        new CbmWriter.Feature("", false, new float[] {0f}, new int[0])),
                List.of(new CbmWriter.Tree(new int[] {0, 2}, new double[] {1, 2, 3, 4}),
                        new CbmWriter.Tree(new int[] {1, 2}, new double[] {10, 20, 30, 40}),
                        new CbmWriter.Tree(new int[] {2, 0}, new double[] {100, 200, 300, 400})),
                0.5, info);
    }

    /** Binary features 0: a > 0.5, 1: a > 1.5, 2: b > 0, 3: kind == "2" (one-hot, by CatBoost's hash). */
    static byte[] mixed() {
        return CbmWriter.write(
                List.of(new CbmWriter.Feature("num#a", false, new float[] {0.5f, 1.5f}, new int[0]),
                        new CbmWriter.Feature("meta#kind", true, new float[0], new int[] {catBoostHash("2")}),
                        new CbmWriter.Feature("num#b", false, new float[] {0f}, new int[0])),
                List.of(new CbmWriter.Tree(new int[] {0, 2}, new double[] {1, 2, 3, 4}),
                        new CbmWriter.Tree(new int[] {3, 1}, new double[] {10, 20, 30, 40}),
                        new CbmWriter.Tree(new int[] {2, 3}, new double[] {100, 200, 300, 400})),
                0.5, INFO);
    }

    /** CatBoost's own hash of a categorical value (package-private in catboost-prediction, so via reflection). */
    static int catBoostHash(String value) {
        try {
            Method m = CatBoostModel.class.getDeclaredMethod("hashCategoricalFeature", String.class);
            m.setAccessible(true);
            return (int) m.invoke(null, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call CatBoost's categorical hash", e);
        }
    }

    /** Rewrites the fixtures: {@code args[0]} is the resource folder. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.write(dir.resolve(NUMERIC), numeric(INFO));
        Files.write(dir.resolve(MIXED), mixed());
        System.out.println("wrote " + dir.resolve(NUMERIC) + " and " + dir.resolve(MIXED));
    }
}
