package io.hyperfusion.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.Embeddings;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.SyntheticEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding groups (image, textemb, crossmodal, cluster) inside the whole pipeline. */
class EmbeddingGroupsTest {
    private static final List<String> EMBEDDING_GROUPS = List.of("image", "textemb", "crossmodal", "cluster");

    @Test
    void saveLoadOfAllGroupsGivesIdenticalFeatures(@TempDir Path dir) throws Exception {
        List<Post> train = SyntheticEmbeddings.posts(300, 1, true, 1);
        List<Post> fresh = SyntheticEmbeddings.posts(40, 301, true, 2);
        List<Post> all = new ArrayList<>(train);
        all.addAll(fresh);
        EmbeddingTable e = SyntheticEmbeddings.table(all, true, 3).build();
        FeatureContext fitCtx = new FeatureContext(Map.of(), null, e, train);
        FeaturePipeline.Fit fit = FeatureGroups.select("all").fit(train, fitCtx, 42);
        FeatureContext newCtx = new FeatureContext(Map.of(), null, e, List.of());
        FeatureMatrix before = fit.pipeline().transform(fresh, newCtx);
        fit.pipeline().save(dir);
        FittedPipeline loaded = FittedPipeline.load(dir);
        assertEquals(fit.pipeline().schema(), loaded.schema());
        assertArrayEquals(before.values(), loaded.transform(fresh, newCtx).values());
        for (String n : List.of("image#pca_00", "image#nsfw_porn", "image#hue_11", "image#clip_pca_07",
                "textemb#title_pca_15", "textemb#tags_present", "crossmodal#clip_sim", "cluster#title_k128_te")) {
            int c = loaded.schema().indexOf(n);
            assertTrue(c >= 0, n + " missing from " + loaded.schema());
            long present = java.util.stream.IntStream.range(0, before.rows())
                    .filter(r -> !Double.isNaN(before.get(r, c))).count();
            assertTrue(present > 0, n + " is all NaN");
        }
        long kb = Files.size(dir.resolve(FittedPipeline.FILE_GZ)) / 1024;
        assertTrue(kb < 4096, "pipeline.json.gz is " + kb + " KiB");
    }

    @Test
    void withoutEmbeddingsEveryEmbeddingColumnIsMissing() {
        List<Post> train = SyntheticEmbeddings.posts(120, 1, true, 4);
        FeatureContext ctx = new FeatureContext(Map.of(), null, Embeddings.none(), train);
        FeatureMatrix m = FeatureGroups.select("all").fit(train, ctx, 1).trainMatrix();
        FeatureSchema s = m.schema();
        int[] cols = s.columnsOfGroups(EMBEDDING_GROUPS);
        assertTrue(cols.length > 100, "the core embedding columns exist without embeddings: " + cols.length);
        for (int c : cols) {
            for (int r = 0; r < m.rows(); r++) {
                String n = s.name(c);
                if (n.endsWith("present")) {
                    assertEquals(0.0, m.get(r, c), n);
                } else {
                    assertTrue(Double.isNaN(m.get(r, c)), n + " row " + r + " = " + m.get(r, c));
                }
            }
        }
        assertEquals(-1, s.indexOf("crossmodal#clip_sim"), "optional CLIP columns only when CLIP ran");
    }

    @Test
    void postWithoutImageGetsNanAndPresentZero() {
        List<Post> train = SyntheticEmbeddings.posts(200, 1, true, 5);
        FeatureContext ctx = new FeatureContext(Map.of(), null, SyntheticEmbeddings.table(train, false, 6).build(),
                train);
        FeatureMatrix m = FeatureGroups.select("image,textemb,cluster").fit(train, ctx, 2).trainMatrix();
        FeatureSchema s = m.schema();
        for (int r = 0; r < train.size(); r++) {
            boolean noImage = Integer.parseInt(train.get(r).postId()) % 10 == 0;
            boolean noTitle = Integer.parseInt(train.get(r).postId()) % 7 == 0;
            assertEquals(noImage ? 0.0 : 1.0, m.get(r, s.indexOf("image#present")));
            assertEquals(noImage, Double.isNaN(m.get(r, s.indexOf("image#pca_05"))));
            assertEquals(noImage, Double.isNaN(m.get(r, s.indexOf("image#brightness"))));
            assertEquals(noImage, Double.isNaN(m.get(r, s.indexOf("cluster#image_k32_te"))));
            assertEquals(noTitle ? 0.0 : 1.0, m.get(r, s.indexOf("textemb#title_present")), "empty title is absent");
            assertEquals(noTitle, Double.isNaN(m.get(r, s.indexOf("textemb#title_pca_00"))));
            assertEquals(1.0, m.get(r, s.indexOf("textemb#tags_present")));
        }
        assertFalse(s.names().contains("image#clip_present"));
    }

    @Test
    void embeddingGroupsAreSwitchable() {
        List<String> all = FeatureGroups.parse("all");
        assertEquals(EMBEDDING_GROUPS, all.subList(all.size() - 4, all.size()));
        List<String> some = FeatureGroups.parse("all,-crossmodal");
        assertFalse(some.contains("crossmodal"));
        assertTrue(some.containsAll(List.of("image", "textemb", "cluster")));
        assertEquals(Spaces.NSFW_COMPONENTS.size(), 5);
    }
}
