package io.hyperfusion.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelCheckTest {

    /** 600 labels near 6.9 ± 2.2 (the generated world's spread) plus the given ones. */
    static PostDataset labels(double... extra) {
        Random r = new Random(3);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            posts.add(Post.builder("p" + i, "u" + (i % 60)).label(6.9 + 2.2 * r.nextGaussian()).build());
        }
        for (int i = 0; i < extra.length; i++) {
            posts.add(Post.builder("x" + i, "u0").label(extra[i]).build());
        }
        return new PostDataset(Path.of("/data/world"), posts, List.of(), Map.of(), LoadSummary.builder().build());
    }

    @Test
    void ordinaryLabelsPassUnchanged() {
        PostDataset ds = labels(0.0, 15.0);
        assertSame(ds, LabelCheck.auto().apply(ds, BadRowPolicy.FAIL), "no label of a normal spread is absurd");
    }

    @Test
    void anAbsurdLabelIsSkippedAndNamed() {
        PostDataset out = LabelCheck.auto().apply(labels(-1e6, 1e308), BadRowPolicy.SKIP);
        assertEquals(600, out.labelled().size());
        List<LoadSummary.Skip> skips = out.summary().skips();
        assertEquals(2, skips.size());
        assertEquals("post u0/x0", skips.get(0).location());
        assertTrue(skips.get(0).reason().startsWith("absurd label: -1000000.0 is outside [-5"), skips.get(0).reason());
        assertTrue(skips.get(0).reason().contains("auto: median 6.8"), skips.get(0).reason());
        assertEquals("post u0/x1", skips.get(1).location());
        assertEquals(Map.of("absurd label", 2L), out.summary().skipsByReason());
    }

    @Test
    void failPolicyNamesThePostAndTheRange() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> LabelCheck.auto().apply(labels(-1e6), BadRowPolicy.FAIL));
        assertEquals("post u0/x0", e.location());
        assertTrue(e.getMessage().contains("absurd label: -1000000.0 is outside"), e.getMessage());
    }

    @Test
    void anExplicitRangeReplacesTheSpreadButNotTheMagnitudeBound() {
        PostDataset ds = labels(-1e6, 50.0);
        PostDataset wide = LabelCheck.parse("-2e6:100").apply(ds, BadRowPolicy.FAIL);
        assertEquals(602, wide.labelled().size());
        PostDataset narrow = LabelCheck.parse("0:20").apply(ds, BadRowPolicy.SKIP);
        assertTrue(narrow.summary().skips().get(0).reason().contains("--label-range 0:20"),
                narrow.summary().skips().toString());
        assertThrows(IllegalArgumentException.class, () -> LabelCheck.parse("0:1e300"));
        assertThrows(IllegalArgumentException.class, () -> LabelCheck.parse("5:1"));
        assertThrows(IllegalArgumentException.class, () -> LabelCheck.parse("lots"));
    }

    @Test
    void withoutSpreadOnlyTheMagnitudeBoundApplies() {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            posts.add(Post.builder("p" + i, "u").label(i < 29 ? 1.0 : 1e16).build());
        }
        PostDataset ds = new PostDataset(Path.of("."), posts, List.of(), Map.of(), LoadSummary.builder().build());
        PostDataset out = LabelCheck.auto().apply(ds, BadRowPolicy.SKIP);
        assertEquals(29, out.labelled().size());
        assertTrue(out.summary().skips().get(0).reason().contains("no spread"), out.summary().skips().toString());
    }
}
