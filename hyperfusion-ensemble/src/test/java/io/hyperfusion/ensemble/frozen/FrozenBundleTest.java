package io.hyperfusion.ensemble.frozen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.PopularityBundle;
import io.hyperfusion.features.FeatureContext;
import io.hyperfusion.models.bundle.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model bundle written by an earlier build (the fixture {@link FrozenBundle} wrote) loads in this build and gives
 * its posts exactly the scores that build gave them: bundles users keep keep working (Tribuo's frozen-fixture test).
 * When this fails after a change, the change breaks saved models: keep old bundles' behaviour, or follow the
 * format-version policy in docs/FORMATS.md ("Bundle format versions").
 */
class FrozenBundleTest {
    private static final Path DIR = Path.of(FrozenBundle.RESOURCE_DIR);

    @Test
    void aBundleOfAnEarlierBuildLoadsAndScoresItsPostsIdentically() throws Exception {
        PostDataset ds = FrozenBundle.posts(DIR);
        List<String> expected = Files.readAllLines(DIR.resolve(FrozenBundle.SCORES));
        assertEquals("pid,score", expected.get(0));
        assertEquals(ds.all().size(), expected.size() - 1);
        try (PopularityBundle.Loaded loaded = PopularityBundle.load(DIR.resolve(FrozenBundle.BUNDLE))) {
            assertTrue(loaded.bundle().manifest().formatVersion() <= Manifest.CURRENT_FORMAT);
            double[] scores = loaded.model().predict(ds.all(), FeatureContext.of(ds));
            for (int i = 0; i < scores.length; i++) {
                String[] row = expected.get(i + 1).split(",");
                assertEquals(row[0], ds.all().get(i).postId(), "post order");
                assertEquals(Double.parseDouble(row[1]), scores[i], 0.0, "post " + row[0]);
            }
        }
    }
}
