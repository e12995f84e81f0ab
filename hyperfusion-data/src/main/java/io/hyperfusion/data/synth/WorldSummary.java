package io.hyperfusion.data.synth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@link SyntheticWorld#generate(WorldSpec, Path)} wrote.
 *
 * @param out             the world's folder
 * @param trainPosts      posts in {@code train/}
 * @param testPosts       posts in {@code test/}
 * @param authors         distinct authors
 * @param testOnlyAuthors authors who appear in the test split only (unseen in training)
 * @param labelMean       mean label over all posts
 * @param labelSd         standard deviation of the labels over all posts
 * @param ceilingSrcTest  SRC of the noise-free score against the labels, test split
 * @param ceilingMaeTest  MAE of the noise-free score against the labels, test split
 * @param ceilingSrcTrain SRC of the noise-free score against the labels, train split
 * @param ceilingMaeTrain MAE of the noise-free score against the labels, train split
 * @param imageBytes      total size of the JPEG files
 * @param elapsed         wall time of the generation
 */
public record WorldSummary(Path out, int trainPosts, int testPosts, int authors, int testOnlyAuthors,
        double labelMean, double labelSd, double ceilingSrcTest, double ceilingMaeTest, double ceilingSrcTrain,
        double ceilingMaeTrain, long imageBytes, Duration elapsed) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d train + %d test posts, %d authors (%d test-only), label %.2f±%.2f,"
                + " ceiling test SRC %.3f MAE %.3f, %.1f MB images, %.1f s", out, trainPosts, testPosts, authors,
                testOnlyAuthors, labelMean, labelSd, ceilingSrcTest, ceilingMaeTest, imageBytes / 1e6,
                elapsed.toMillis() / 1000.0);
    }
}
