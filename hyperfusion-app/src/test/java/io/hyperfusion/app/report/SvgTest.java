package io.hyperfusion.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The report's SVG charts are well-formed XML whatever their labels hold. */
class SvgTest {
    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void labelsAreEscaped() throws Exception {
        String nasty = "Whether&Season <b>\"x\"</b> 'y'";
        Document d = parse(Svg.hbars("fig-x", List.of(nasty, "ok"), new double[] {0.5, -0.2},
                List.of(Svg.ACCENT, Svg.MUTED), "%.3f"));
        assertEquals("fig-x", d.getDocumentElement().getAttribute("id"));
        assertEquals(nasty, d.getElementsByTagName("text").item(0).getTextContent());
        assertEquals(2, d.getElementsByTagName("rect").getLength());
    }

    @Test
    void scatterHasOnePointPerPairAndPairsHaveTwoBarsPerGroup() throws Exception {
        Document s = parse(Svg.scatter("fig-s", new double[] {1, 2, 3}, new double[] {1.5, 2.5, 2}, "true", "predicted"));
        assertEquals(3, s.getElementsByTagName("circle").getLength());
        Document p = parse(Svg.pairs("fig-p", List.of("round 1", "round 2"), new double[] {0.5, 0.52},
                new double[] {0.52, 0.51}, List.of("+10 posts, kept", "+10 posts, rejected"), "before", "after"));
        assertEquals(2 * 2 + 2, p.getElementsByTagName("rect").getLength(), "two bars per round plus the legend");
        assertTrue(parse(Svg.empty("fig-e", "nothing & more")).getDocumentElement().getTextContent().contains("nothing & more"));
    }

    @Test
    void ticksAreRoundAndCoverTheRange() {
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, Svg.ticks(0.3, 9.7, 6), 1e-12);
        double[] t = Svg.ticks(0.512, 0.538, 5);
        assertTrue(t[0] <= 0.512 && t[t.length - 1] >= 0.538);
        assertEquals(0.005, t[1] - t[0], 1e-12);
    }
}
