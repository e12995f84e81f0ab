package io.hyperfusion.ensemble;

import io.hyperfusion.features.FeatureGroups;
import io.hyperfusion.models.lightgbm.LightGbmParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training run's settings; recorded whole in the bundle's provenance.
 *
 * @param features      feature-group selection, e.g. {@code all} or {@code all,-user}
 * @param lightgbm      the expert's hyperparameters
 * @param validFraction the latest share of labelled posts held out for early stopping and honest metrics
 * @param seed          the master seed; every component's seed derives from it
 * @param threads       native threads for training and scoring
 */
public record TrainConfig(String features, LightGbmParams lightgbm, double validFraction, long seed, int threads) {

    public TrainConfig {
        FeatureGroups.parse(features); // fails with the bad group name
        if (lightgbm == null) {
            throw new IllegalArgumentException("LightGBM parameters must be given");
        }
        if (!(validFraction > 0 && validFraction < 0.5)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 0.5), got " + validFraction);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Defaults that train well on 2 cores. */
    public static TrainConfig defaults(long seed) {
        LightGbmParams lgbm = LightGbmParams.builder().numIterations(2000).learningRate(0.05).numLeaves(31)
                .minDataInLeaf(20).featureFraction(0.8).bagging(0.8, 1).lambdaL2(1.0).earlyStoppingRounds(100)
                .build();
        return new TrainConfig("all", lgbm, 0.15, seed,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    public TrainConfig withFeatures(String f) {
        return new TrainConfig(f, lightgbm, validFraction, seed, threads);
    }

    public TrainConfig withThreads(int t) {
        return new TrainConfig(features, lightgbm, validFraction, seed, t);
    }

    /** The settings as a flat map for provenance. */
    public Map<String, Object> toOptions() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("features", features);
        m.put("validFraction", validFraction);
        m.put("seed", seed);
        m.put("threads", threads);
        m.put("lightgbm", lightgbm.toOptions());
        return m;
    }
}
