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
        int[] rgb = Pixels.argb(image);
        double n = rgb.length;
        double[] luma = new double[rgb.length];
        double lumaSum = 0, satSum = 0, rgSum = 0, ybSum = 0, hueWeight = 0;
        double[] hue = new double[HUE_BINS];
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
                hue[hueBin(r, g, b, max, min)] += s;
                hueWeight += s;
            }
        }
        double meanLuma = lumaSum / n;
        double meanRg = rgSum / n;
        double meanYb = ybSum / n;
        // Second pass for the spreads: sum of squares minus squared mean cancels badly on flat images.
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
        double[] out = new double[NAMES.size()];
        out[0] = width;
        out[1] = height;
        out[2] = width / (double) height;
        out[3] = fileBytes < 0 ? Double.NaN : fileBytes / ((double) width * height);
        out[4] = meanLuma / 255.0;
        out[5] = Math.sqrt(lumaSq / n) / 255.0;
        out[6] = satSum / n;
        out[7] = Math.sqrt(sdRg * sdRg + sdYb * sdYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
        out[8] = LumaOps.laplacianVariance(LumaOps.areaResize(luma, w, h, SHARPNESS_SIDE));
        for (int k = 0; k < HUE_BINS; k++) {
            out[9 + k] = hueWeight == 0 ? 0 : hue[k] / hueWeight;
        }
        return out;
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
