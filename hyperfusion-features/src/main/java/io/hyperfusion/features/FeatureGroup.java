package io.hyperfusion.features;

import io.hyperfusion.data.Post;
import java.util.List;

/**
 * An unfitted family of features from one source (time, user, text, ...). It holds settings only; fitting on
 * the labelled training posts yields a {@link FittedGroup} that transforms any post the same way.
 */
public interface FeatureGroup {

    /** The group's name, also the namespace of its columns ({@code time} for {@code time#hour}). */
    String name();

    /**
     * Fits the group on the training posts and returns the fitted state together with the training rows'
     * values. The training values may differ from {@code fitted.transform(train)}: target statistics, for
     * example, are computed out-of-fold for training rows so that no row sees its own label.
     *
     * @param train  labelled training posts
     * @param labels their labels, aligned with {@code train}
     * @param ctx    profiles and image root
     * @param seed   this group's seed
     */
    Fit fit(List<Post> train, double[] labels, FeatureContext ctx, long seed);

    /**
     * A fitted group and the training rows' values.
     *
     * @param group       the fitted state
     * @param trainValues one row per training post, {@code group.names().size()} values each
     */
    record Fit(FittedGroup group, double[][] trainValues) {
        public Fit {
            for (int i = 0; i < trainValues.length; i++) {
                if (trainValues[i].length != group.names().size()) {
                    throw new IllegalArgumentException("training row " + i + " has " + trainValues[i].length
                            + " values, expected " + group.names().size());
                }
            }
        }
    }
}
