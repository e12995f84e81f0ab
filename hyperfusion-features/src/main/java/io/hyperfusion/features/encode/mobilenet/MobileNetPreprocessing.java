package io.hyperfusion.features.encode.mobilenet;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * The input preparation of nsfwjs's {@code NSFWJS.infer}, reproduced in Java: RGB channels (alpha dropped,
 * not composited) as float32 divided by 255, then — only when the image is not already size×size —
 * bilinear resizing with {@code alignCorners = true}, exactly as TF.js's {@code tf.image.resizeBilinear}
 * (CPU kernel, no half-pixel centres). The aspect ratio is not preserved, as in nsfwjs.
 *
 * <p>Note that align-corners bilinear does not low-pass filter, so strong downscaling aliases; this is kept
 * on purpose so features match the original model's own inference path.
 */
public final class MobileNetPreprocessing {

    private MobileNetPreprocessing() {
    }

    /** Writes the image as NHWC float32 [size,size,3] into {@code out} starting at {@code offset}. */
    public static void toInput(BufferedImage image, int size, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + w + "x" + h);
        }
        if (out.length - offset < size * size * 3) {
            throw new IllegalArgumentException("output has room for " + (out.length - offset) + " floats, need "
                    + size * size * 3);
        }
        int[] packed = io.hyperfusion.features.encode.image.Pixels.packedRgb(image);
        if (packed != null && (w != size || h != size)) {
            resizePacked(packed, h, w, size, size, out, offset);
            return;
        }
        float[] rgb = rgb(image);
        if (w == size && h == size) {
            System.arraycopy(rgb, 0, out, offset, rgb.length);
            return;
        }
        resizeBilinearAlignCorners(rgb, h, w, size, size, out, offset);
    }

    /** The image's RGB values /255 as float32, row-major [h,w,3]. */
    static float[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h * 3];
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would convert linear gray to sRGB and brighten it; a decoder's gray bytes are what TF.js sees.
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    float v = row[x] / 255f;
                    int i = (y * w + x) * 3;
                    out[i] = v;
                    out[i + 1] = v;
                    out[i + 2] = v;
                }
            }
            return out;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                out[i] = ((p >> 16) & 0xFF) / 255f;
                out[i + 1] = ((p >> 8) & 0xFF) / 255f;
                out[i + 2] = (p & 0xFF) / 255f;
            }
        }
        return out;
    }

    /**
     * {@link #resizeBilinearAlignCorners} of {@code rgb(image)} for a packed RGB image, reading only the source pixels
     * each output needs (the same float values, the same arithmetic, so the same output to the bit) instead of
     * converting every pixel first: 224×224 outputs instead of the whole image.
     */
    static void resizePacked(int[] px, int h, int w, int newH, int newW, float[] out, int offset) {
        Axis rows = Axis.of(h, newH);
        Axis cols = Axis.of(w, newW);
        int o = offset;
        for (int r = 0; r < newH; r++) {
            int top = rows.lo[r];
            int bottom = rows.hi[r];
            double rowFrac = rows.frac[r];
            for (int c = 0; c < newW; c++) {
                int tl = px[top * w + cols.lo[c]];
                int tr = px[top * w + cols.hi[c]];
                int bl = px[bottom * w + cols.lo[c]];
                int br = px[bottom * w + cols.hi[c]];
                double f = cols.frac[c];
                // Unrolled over R, G, B; the table holds exactly the floats v / 255f (no division per sample).
                out[o++] = lerp(UNIT[(tl >> 16) & 0xFF], UNIT[(tr >> 16) & 0xFF], UNIT[(bl >> 16) & 0xFF],
                        UNIT[(br >> 16) & 0xFF], f, rowFrac);
                out[o++] = lerp(UNIT[(tl >> 8) & 0xFF], UNIT[(tr >> 8) & 0xFF], UNIT[(bl >> 8) & 0xFF],
                        UNIT[(br >> 8) & 0xFF], f, rowFrac);
                out[o++] = lerp(UNIT[tl & 0xFF], UNIT[tr & 0xFF], UNIT[bl & 0xFF], UNIT[br & 0xFF], f, rowFrac);
            }
        }
    }

    /** {@code UNIT[v] == v / 255f} for every byte value. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    /** The align-corners bilinear sample, in double like the JavaScript kernel reading its Float32Array. */
    private static float lerp(float vtl, float vtr, float vbl, float vbr, double colFrac, double rowFrac) {
        double t = vtl + ((double) vtr - vtl) * colFrac;
        double b = vbl + ((double) vbr - vbl) * colFrac;
        return (float) (t + (b - t) * rowFrac);
    }

    /**
     * Where each output index of one axis reads, under align-corners bilinear resizing of {@code src} to
     * {@code dst}: the lower and upper source index and the weight of the upper one.
     */
    private record Axis(int[] lo, int[] hi, double[] frac) {
        static Axis of(int src, int dst) {
            double ratio = (dst > 1 ? src - 1.0 : src) / (dst > 1 ? dst - 1.0 : dst);
            int[] lo = new int[dst];
            int[] hi = new int[dst];
            double[] frac = new double[dst];
            for (int i = 0; i < dst; i++) {
                double at = ratio * i;
                lo[i] = Math.max(0, (int) Math.floor(at));
                frac[i] = at - lo[i];
                hi[i] = Math.min(src - 1, (int) Math.ceil(at));
            }
            return new Axis(lo, hi, frac);
        }
    }

    /** TF.js CPU {@code resizeBilinear(alignCorners=true, halfPixelCenters=false)} on one [h,w,3] image. */
    static void resizeBilinearAlignCorners(float[] in, int h, int w, int newH, int newW, float[] out, int offset) {
        Axis rows = Axis.of(h, newH);
        Axis cols = Axis.of(w, newW);
        int o = offset;
        for (int r = 0; r < newH; r++) {
            int top = rows.lo[r];
            int bottom = rows.hi[r];
            double rowFrac = rows.frac[r];
            for (int c = 0; c < newW; c++) {
                double colFrac = cols.frac[c];
                int tl = (top * w + cols.lo[c]) * 3;
                int tr = (top * w + cols.hi[c]) * 3;
                int bl = (bottom * w + cols.lo[c]) * 3;
                int br = (bottom * w + cols.hi[c]) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    // In double, like the JavaScript kernel reading its Float32Array.
                    double t = in[tl + ch] + ((double) in[tr + ch] - in[tl + ch]) * colFrac;
                    double b = in[bl + ch] + ((double) in[br + ch] - in[bl + ch]) * colFrac;
                    out[o++] = (float) (t + (b - t) * rowFrac);
                }
            }
        }
    }
}
