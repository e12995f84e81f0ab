package io.hyperfusion.features.encode.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The statistics' fast paths (tables, integer sums, a branch-free hue bin, a padded resize) give exactly, to the
 * bit, what the plain formulas give: the embedding cache holds values computed by earlier builds, so a faster
 * build must not change them. The reference below is the plain code as it was before the fast paths.
 */
class ImageStatisticsExactTest {

    @Test
    void everyColourHasTheHueBinOfTheFormula() {
        for (int r = 0; r < 256; r++) {
            for (int g = 0; g < 256; g++) {
                for (int b = 0; b < 256; b++) {
                    int max = Math.max(r, Math.max(g, b));
                    int min = Math.min(r, Math.min(g, b));
                    if (max > min) {
                        int expected = ImageStatistics.hueBin(r, g, b, max, min);
                        int got = ImageStatistics.tableHueBin(r, g, b);
                        if (expected != got) {
                            assertEquals(expected, got, "hue bin of " + r + "," + g + "," + b);
                        }
                    }
                }
            }
        }
    }

    @Test
    void statisticsEqualThePlainFormulasToTheBit() {
        int[][] sizes = {{467, 263}, {396, 396}, {256, 256}, {257, 100}, {1, 1}, {3, 3}, {2, 700}, {1000, 703},
                {640, 480}, {50, 40}};
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB};
        int k = 0;
        for (int[] s : sizes) {
            for (String kind : new String[] {"noise", "smooth", "grey", "flat"}) {
                int type = types[k++ % types.length];
                BufferedImage img = image(s[0], s[1], type, kind, k);
                assertSame(reference(img, 12_345), ImageStatistics.compute(img, 12_345), s[0] + "x" + s[1] + " " + kind);
            }
        }
        BufferedImage big = image(600, 500, BufferedImage.TYPE_INT_RGB, "smooth", 99);
        BufferedImage sub = big.getSubimage(13, 17, 300, 280); // a raster that is not plain: the getRGB path
        assertSame(reference(sub, -1), ImageStatistics.compute(sub, -1), "sub-image");
    }

    private static void assertSame(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    what + ": " + ImageStatistics.names().get(i) + " " + expected[i] + " vs " + actual[i]);
        }
    }

    private static BufferedImage image(int w, int h, int type, String kind, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        int c0 = r.nextInt(), phase = r.nextInt(64);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = switch (kind) {
                    case "noise" -> r.nextInt();
                    case "smooth" -> {
                        int red = (x * 255 / Math.max(1, w - 1) + r.nextInt(9)) & 0xFF;
                        int green = (int) (127.5 + 127.5 * Math.sin((x + y + phase) / 17.0));
                        int blue = (y * 255 / Math.max(1, h - 1)) ^ (r.nextInt(4));
                        yield (red << 16) | (green << 8) | (blue & 0xFF);
                    }
                    case "grey" -> {
                        int v = r.nextInt(256);
                        yield (v << 16) | (v << 8) | v;
                    }
                    default -> c0;
                };
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    // ---- the plain formulas (the code as it was before its fast paths; the Laplacian variance did not change) ----

    private static double[] reference(BufferedImage image, long fileBytes) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        double n = rgb.length;
        double[] luma = new double[rgb.length];
        double lumaSum = 0, satSum = 0, rgSum = 0, ybSum = 0, hueWeight = 0;
        double[] hue = new double[ImageStatistics.HUE_BINS];
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            double y = 0.299 * r + 0.587 * g + 0.114 * b;
            luma[i] = y;
            lumaSum += y;
            rgSum += r - g;
            ybSum += 0.5 * (r + g) - b;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            double s = max == 0 ? 0 : (max - min) / (double) max;
            satSum += s;
            if (max > min) {
                hue[ImageStatistics.hueBin(r, g, b, max, min)] += s;
                hueWeight += s;
            }
        }
        double meanLuma = lumaSum / n;
        double meanRg = rgSum / n;
        double meanYb = ybSum / n;
        double lumaSq = 0, rgSq = 0, ybSq = 0;
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            double dy = luma[i] - meanLuma;
            double drg = r - g - meanRg;
            double dyb = 0.5 * (r + g) - b - meanYb;
            lumaSq += dy * dy;
            rgSq += drg * drg;
            ybSq += dyb * dyb;
        }
        double sdRg = Math.sqrt(rgSq / n);
        double sdYb = Math.sqrt(ybSq / n);
        double[] out = new double[ImageStatistics.names().size()];
        out[0] = w;
        out[1] = h;
        out[2] = w / (double) h;
        out[3] = fileBytes < 0 ? Double.NaN : fileBytes / ((double) w * h);
        out[4] = meanLuma / 255.0;
        out[5] = Math.sqrt(lumaSq / n) / 255.0;
        out[6] = satSum / n;
        out[7] = Math.sqrt(sdRg * sdRg + sdYb * sdYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        out[8] = LumaOps.laplacianVariance(areaResize(luma, w, h, ImageStatistics.SHARPNESS_SIDE));
        for (int k = 0; k < ImageStatistics.HUE_BINS; k++) {
            out[9 + k] = hueWeight == 0 ? 0 : hue[k] / hueWeight;
        }
        return out;
    }

    private static LumaOps.Plane areaResize(double[] v, int w, int h, int maxSide) {
        int longSide = Math.max(w, h);
        if (longSide <= maxSide) {
            return new LumaOps.Plane(v, w, h);
        }
        double scale = maxSide / (double) longSide;
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        double[] rows = new double[nw * h];
        Weights x0 = Weights.of(w, nw);
        double[][] wx = x0.weight();
        int[] fx = x0.first();
        for (int y = 0; y < h; y++) {
            for (int ox = 0; ox < nw; ox++) {
                double acc = 0;
                for (int k = 0; k < wx[ox].length; k++) {
                    acc += wx[ox][k] * v[y * w + fx[ox] + k];
                }
                rows[y * nw + ox] = acc;
            }
        }
        double[] out = new double[nw * nh];
        Weights y0 = Weights.of(h, nh);
        double[][] wy = y0.weight();
        int[] fy = y0.first();
        for (int oy = 0; oy < nh; oy++) {
            for (int x = 0; x < nw; x++) {
                double acc = 0;
                for (int k = 0; k < wy[oy].length; k++) {
                    acc += wy[oy][k] * rows[x + (fy[oy] + k) * nw];
                }
                out[oy * nw + x] = acc;
            }
        }
        return new LumaOps.Plane(out, nw, nh);
    }

    /** For each output index, the first source index it covers and the coverages from there. */
    private record Weights(int[] first, double[][] weight) {
        static Weights of(int src, int dst) {
            int[] first = new int[dst];
            double[][] weight = new double[dst][];
            double step = src / (double) dst;
            for (int o = 0; o < dst; o++) {
                double a = o * step;
                double b = Math.min(src, (o + 1) * step);
                int lo = (int) Math.floor(a);
                int hi = Math.min(src - 1, (int) Math.ceil(b) - 1);
                first[o] = lo;
                weight[o] = new double[hi - lo + 1];
                for (int s = lo; s <= hi; s++) {
                    weight[o][s - lo] = (Math.min(b, s + 1) - Math.max(a, s)) / (b - a);
                }
            }
            return new Weights(first, weight);
        }
    }
}
