package io.hyperfusion.features.encode.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hand-crafted global statistics of an image: size, compression, brightness, contrast, saturation,
 * colourfulness, sharpness and a hue histogram.
 *
 * <ul>
 *   <li>{@code width}, {@code height}, {@code aspect} = width / height; {@code bytes_per_pixel} = file bytes
 *       / (width × height), NaN when the file size is unknown (negative).</li>
 *   <li>{@code brightness}, {@code contrast}: mean and population standard deviation of Rec. 601 luma
 *       (0.299 R + 0.587 G + 0.114 B) on a 0..1 scale.</li>
 *   <li>{@code saturation}: mean HSV saturation (max − min) / max, 0 for black pixels.</li>
 *   <li>{@code colourfulness}: Hasler &amp; Süsstrunk (2003), "Measuring colourfulness in natural images":
 *       with rg = R − G and yb = (R + G) / 2 − B on the 0..255 scale,
 *       sqrt(sd_rg² + sd_yb²) + 0.3 · sqrt(mean_rg² + mean_yb²) (population SDs).</li>
 *   <li>{@code sharpness}: variance of the 3×3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of 0..255 luma over interior
 *       pixels (Pech-Pacheco et al. 2000, "Diatom autofocusing in brightfield microscopy"), computed on a copy
 *       area-averaged to a longer side of {@value #SHARPNESS_SIDE} px so that values are comparable across image
 *       sizes; smaller images are used as they are.</li>
 *   <li>{@code hue_00} .. {@code hue_11}: HSV hue in 12 bins of 30° starting at red, each pixel weighted by its
 *       saturation, normalised to sum 1 (all 0 for a grey image).</li>
 * </ul>
 * Everything except sharpness uses every pixel of the given image. Stateless and thread-safe.
 */
public final class ImageStatistics {
    /** Longer side of the copy on which sharpness is measured. */
    public static final int SHARPNESS_SIDE = 256;
    public static final int HUE_BINS = 12;

    private static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>(List.of("width", "height", "aspect", "bytes_per_pixel", "brightness",
                "contrast", "saturation", "colourfulness", "sharpness"));
        for (int i = 0; i < HUE_BINS; i++) {
            n.add(String.format("hue_%02d", i));
        }
        NAMES = Collections.unmodifiableList(n);
    }

    private ImageStatistics() {
    }

    /** Names of the values, in the fixed order of {@link #compute}, without a group prefix. */
    public static List<String> names() {
        return NAMES;
    }

    /** Statistics of an image as decoded; width, height and bytes per pixel refer to this image. */
    public static double[] compute(BufferedImage image, long fileBytes) {
        return compute(image, image.getWidth(), image.getHeight(), fileBytes);
    }

    /** Statistics of a decoded file; width, height and bytes per pixel refer to the file, not a subsampled copy. */
    public static double[] compute(DecodedImage decoded) {
        if (!decoded.isOk()) {
            throw new IllegalArgumentException("cannot compute statistics of a " + decoded.outcome()
                    + " image: " + decoded.message());
        }
        return compute(decoded.image(), decoded.sourceWidth(), decoded.sourceHeight(), decoded.fileBytes());
    }

    private static double[] compute(BufferedImage image, int width, int height, long fileBytes) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Only the low 24 bits of a pixel are read, so the raster's own array serves as well as getRGB's copy (it may
        // be longer than the image: only the first w × h values are read).
        int[] packed = Pixels.packedRgb(image);
        int[] rgb = packed != null ? packed : Pixels.argb(image);
        int count = w * h;
        double n = count;
        // Every sum below is taken in pixel order over exactly the values the plain formulas give, so the results
        // are the same to the bit; only how each value is obtained differs. Products and quotients of 8-bit
        // channels come from tables holding exactly those doubles (no int-to-double conversion or division per
        // pixel). r − g and (r + g) / 2 − b are integers and half-integers, whose sums are exact in a long. The
        // saturation of a grey pixel is exactly 0, so adding it to any hue bin changes nothing: no branch, and the
        // hue weight (the sum over chromatic pixels) equals the saturation sum.
        double lumaSum = 0, satSum = 0;
        long rgSum = 0, ybSum2 = 0;
        double[] hue = new double[HUE_BINS];
        for (int i = 0; i < count; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            lumaSum += luma(p);
            rgSum += r - g;
            ybSum2 += r + g - 2 * b;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            double s = SATURATION[(max << 8) | min];
            satSum += s;
            hue[HUE_BIN[hueIndex(r, g, b)]] += s;
        }
        double hueWeight = satSum;
        double meanLuma = lumaSum / n;
        double meanRg = rgSum / n;
        double meanYb = (ybSum2 * 0.5) / n;
        // Second pass for the spreads: sum of squares minus squared mean cancels badly on flat images. The squared
        // deviations of r − g (511 values) and of (r + g) / 2 − b (1,021 values) are tabled for this image.
        double[] rgDev = new double[511];
        for (int d = -255; d <= 255; d++) {
            double dev = d - meanRg;
            rgDev[d + 255] = dev * dev;
        }
        double[] ybDev = new double[1021];
        for (int q = -510; q <= 510; q++) {
            double dev = 0.5 * q - meanYb; // 0.5 · (r + g) − b, exactly
            ybDev[q + 510] = dev * dev;
        }
        double lumaSq = 0, rgSq = 0, ybSq = 0;
        for (int i = 0; i < count; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            double dy = luma(p) - meanLuma;
            lumaSq += dy * dy;
            rgSq += rgDev[r - g + 255];
            ybSq += ybDev[r + g - 2 * b + 510];
        }
        double sdRg = Math.sqrt(rgSq / n);
        double sdYb = Math.sqrt(ybSq / n);
        double[] out = new double[NAMES.size()];
        out[0] = width;
        out[1] = height;
        out[2] = width / (double) height;
        out[3] = fileBytes < 0 ? Double.NaN : fileBytes / ((double) width * height);
        out[4] = meanLuma / 255.0;
        out[5] = Math.sqrt(lumaSq / n) / 255.0;
        out[6] = satSum / n;
        out[7] = Math.sqrt(sdRg * sdRg + sdYb * sdYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        LumaOps.Rows lumaRows = (y, into) -> {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                into[x] = luma(rgb[i]);
            }
        };
        out[8] = LumaOps.laplacianVariance(LumaOps.areaResize(lumaRows, w, h, SHARPNESS_SIDE));
        for (int k = 0; k < HUE_BINS; k++) {
            out[9 + k] = hueWeight == 0 ? 0 : hue[k] / hueWeight;
        }
        return out;
    }

    /** 0.299 · v, 0.587 · v and 0.114 · v for every channel value v, exactly as the products compute them. */
    private static final double[] LUMA_R = products(0.299);
    private static final double[] LUMA_G = products(0.587);
    private static final double[] LUMA_B = products(0.114);
    /** HSV saturation (max − min) / max (0 for black), indexed by {@code max << 8 | min}; 512 kB. */
    private static final double[] SATURATION = saturationTable();

    /** Rec. 601 luma 0.299 R + 0.587 G + 0.114 B of a packed pixel, summed in that order as the formula does. */
    private static double luma(int p) {
        return LUMA_R[(p >> 16) & 0xFF] + LUMA_G[(p >> 8) & 0xFF] + LUMA_B[p & 0xFF];
    }

    private static double[] products(double factor) {
        double[] t = new double[256];
        for (int v = 0; v < 256; v++) {
            t[v] = factor * v;
        }
        return t;
    }

    private static double[] saturationTable() {
        double[] t = new double[256 * 256];
        for (int max = 1; max < 256; max++) {
            for (int min = 0; min <= max; min++) {
                t[(max << 8) | min] = (max - min) / (double) max;
            }
        }
        return t;
    }

    /**
     * {@link #hueBin} of every colour, indexed by {@code (r − g + 255) · 511 + (g − b + 255)}: HSV hue depends
     * only on the channels' differences (which channel is largest, and by how much), so the table is filled from
     * one representative colour per difference pair, and grey pixels read bin 0. 255 kB, built once.
     */
    private static final byte[] HUE_BIN = hueBinTable();

    private static byte[] hueBinTable() {
        byte[] table = new byte[511 * 511];
        for (int rg = -255; rg <= 255; rg++) {
            for (int gb = -255; gb <= 255; gb++) {
                int r = rg, g = 0, b = -gb; // shifted below so that the smallest channel is 0
                int min = Math.min(r, Math.min(g, b));
                r -= min;
                g -= min;
                b -= min;
                int max = Math.max(r, Math.max(g, b));
                if (max <= 255 && max > 0) {
                    table[hueIndex(r, g, b)] = (byte) hueBin(r, g, b, max, 0);
                }
            }
        }
        return table;
    }

    /** A colour's index in {@link #HUE_BIN}: its differences r − g and g − b, each shifted to 0 .. 510. */
    private static int hueIndex(int r, int g, int b) {
        return (r - g + 255) * 511 + (g - b + 255);
    }

    /** The table's bin of a colour, for the tests. */
    static int tableHueBin(int r, int g, int b) {
        return HUE_BIN[hueIndex(r, g, b)];
    }

    /** HSV hue bin of a chromatic pixel: 12 bins of 30° with bin 0 = [0°, 30°). */
    static int hueBin(int r, int g, int b, int max, int min) {
        double d = max - min;
        double deg;
        if (max == r) {
            deg = 60 * ((g - b) / d); // in [-60, 60]: the % 6 of the HSV formula is the identity here
        } else if (max == g) {
            deg = 60 * ((b - r) / d + 2);
        } else {
            deg = 60 * ((r - g) / d + 4);
        }
        if (deg < 0) {
            deg += 360;
        }
        return Math.min(HUE_BINS - 1, (int) (deg / (360.0 / HUE_BINS)));
    }
}
