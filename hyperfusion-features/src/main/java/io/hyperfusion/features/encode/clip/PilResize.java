package io.hyperfusion.features.encode.clip;

/**
 * Pillow's {@code Image.resize} for 8-bit RGB images (the convolution resampler of
 * {@code libImaging/Resample.c}), reproduced so that CLIP inputs match what {@code CLIPImageProcessor} feeds
 * the model: the filter is widened by the downscale factor (so downscaling is antialiased), coefficients are
 * normalised, converted to 22-bit fixed point, and the image is resampled horizontally, rounded to 8 bits,
 * then vertically.
 */
final class PilResize {

    /** The resampling filters CLIP preprocessing uses, with Pillow's support radius. */
    enum Filter {
        /** Keys' cubic convolution with a = -0.5 ({@code PIL.Image.BICUBIC}). */
        BICUBIC(2.0),
        /** Triangle filter ({@code PIL.Image.BILINEAR}). */
        BILINEAR(1.0);

        final double support;

        Filter(double support) {
            this.support = support;
        }

        double weight(double x) {
            double ax = Math.abs(x);
            if (this == BILINEAR) {
                return ax < 1.0 ? 1.0 - ax : 0.0;
            }
            final double a = -0.5;
            if (ax < 1.0) {
                return ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
            }
            if (ax < 2.0) {
                return (((ax - 5) * ax + 8) * ax - 4) * a;
            }
            return 0.0;
        }
    }

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** Fixed-point filter taps for every output position along one axis. */
    private record Coefficients(int ksize, int[] min, int[] count, int[] k) {
    }

    private PilResize() {
    }

    /**
     * Resizes interleaved 8-bit RGB ({@code [h][w][3]} row-major, values 0..255) to {@code newW × newH}.
     *
     * @return the resized pixels, {@code [newH][newW][3]} row-major
     */
    static int[] resize(int[] rgb, int w, int h, int newW, int newH, Filter filter) {
        if (w < 1 || h < 1 || newW < 1 || newH < 1) {
            throw new IllegalArgumentException("sizes must be >= 1, got " + w + "x" + h + " -> " + newW + "x" + newH);
        }
        if (rgb.length != w * h * 3) {
            throw new IllegalArgumentException("expected " + w * h * 3 + " samples for " + w + "x" + h + ", got "
                    + rgb.length);
        }
        if (w == newW && h == newH) {
            return rgb.clone();
        }
        Coefficients vert = coefficients(h, newH, filter);
        // Like Pillow, the horizontal pass only produces the source rows the vertical pass will read.
        int yFirst = vert.min[0];
        int yLast = vert.min[newH - 1] + vert.count[newH - 1];
        int[] src = rgb;
        int rowOffset = 0;
        if (w != newW) {
            src = horizontal(rgb, w, yFirst, yLast - yFirst, newW, coefficients(w, newW, filter));
            rowOffset = yFirst;
        }
        if (h == newH) {
            return src;
        }
        return vertical(src, newW, rowOffset, newH, vert);
    }

    /** {@code precompute_coeffs} followed by {@code normalize_coeffs_8bpc}. */
    private static Coefficients coefficients(int inSize, int outSize, Filter filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filter.support * filterScale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        int[] min = new int[outSize];
        int[] count = new int[outSize];
        int[] k = new int[outSize * ksize];
        double[] w = new double[ksize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            // (int) truncates toward zero, exactly like the C cast Pillow uses for "rounding" here.
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double ww = 0.0;
            for (int x = 0; x < xmax; x++) {
                w[x] = filter.weight((x + xmin - center + 0.5) * ss);
                ww += w[x];
            }
            for (int x = 0; x < xmax; x++) {
                double v = ww != 0.0 ? w[x] / ww : w[x];
                k[xx * ksize + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                        : (int) (0.5 + v * (1 << PRECISION_BITS));
            }
            min[xx] = xmin;
            count[xx] = xmax;
        }
        return new Coefficients(ksize, min, count, k);
    }

    private static int[] horizontal(int[] in, int w, int firstRow, int rows, int newW, Coefficients c) {
        int[] out = new int[rows * newW * 3];
        for (int y = 0; y < rows; y++) {
            int inRow = (y + firstRow) * w * 3;
            for (int xx = 0; xx < newW; xx++) {
                int base = xx * c.ksize;
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < c.count[xx]; x++) {
                        ss += in[inRow + (x + c.min[xx]) * 3 + ch] * c.k[base + x];
                    }
                    out[(y * newW + xx) * 3 + ch] = clip8(ss);
                }
            }
        }
        return out;
    }

    private static int[] vertical(int[] in, int w, int rowOffset, int newH, Coefficients c) {
        int[] out = new int[newH * w * 3];
        for (int yy = 0; yy < newH; yy++) {
            int base = yy * c.ksize;
            int ymin = c.min[yy] - rowOffset;
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < 3; ch++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < c.count[yy]; y++) {
                        ss += in[((y + ymin) * w + x) * 3 + ch] * c.k[base + y];
                    }
                    out[(yy * w + x) * 3 + ch] = clip8(ss);
                }
            }
        }
        return out;
    }

    /** Pillow's {@code clip8}: arithmetic shift out the fraction, clamp to 0..255. */
    private static int clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
