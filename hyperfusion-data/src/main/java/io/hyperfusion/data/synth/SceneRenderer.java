package io.hyperfusion.data.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferInt;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the image of an {@link ImageSpec} with Java2D and encodes it as JPEG.
 *
 * <p>Steps: the scene's shapes and gradients on a canvas padded by the blur radius; a luminance noise
 * texture; an optional separable Gaussian blur ({@link ConvolveOp}); cropping the padding away (so the
 * edges are blurred too); then saturation and brightness gain per pixel, clipped to 0..255. Everything
 * random comes from the spec's seed, so the same spec gives the same pixels on any thread.
 */
final class SceneRenderer {

    private SceneRenderer() {
    }

    static BufferedImage render(ImageSpec s) {
        SplittableRandom r = new SplittableRandom(s.seed());
        int pad = s.blurSigma() > 0 ? (int) Math.ceil(3 * s.blurSigma()) : 0;
        int w = s.width() + 2 * pad;
        int h = s.height() + 2 * pad;
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        SceneShapes.draw(g, s.scene(), w, h, r);
        g.dispose();
        texture(canvas, r, 4 + r.nextInt(9));
        if (pad > 0) {
            canvas = blur(canvas, s.blurSigma(), pad);
        }
        int[] px = crop(canvas, pad, s.width(), s.height());
        adjust(px, s.saturation(), s.gain());
        BufferedImage out = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        System.arraycopy(px, 0, pixels(out), 0, px.length);
        return out;
    }

    /** JPEG bytes at the given quality (baseline, no metadata beyond JFIF, so deterministic). */
    static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    /** The inner {@code w x h} pixels of a canvas padded by {@code pad} on each side. */
    private static int[] crop(BufferedImage canvas, int pad, int w, int h) {
        int[] src = pixels(canvas);
        int stride = canvas.getWidth();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, (y + pad) * stride + pad, out, y * w, w);
        }
        return out;
    }

    /** Adds the same small random offset to the three channels of each pixel (film-grain-like texture). */
    private static void texture(BufferedImage img, SplittableRandom r, int amp) {
        int[] px = pixels(img);
        int span = 2 * amp + 1;
        long bits = 0;
        for (int i = 0; i < px.length; i++) {
            if ((i & 3) == 0) {
                bits = r.nextLong(); // 16 random bits per pixel
            }
            int u = (int) ((bits >>> ((i & 3) << 4)) & 0xffff);
            int n = ((u & 0xff) * span >> 8) + ((u >>> 8) * span >> 8) - 2 * amp; // triangular in [-2amp, 2amp]
            int c = px[i];
            px[i] = (clamp(((c >> 16) & 0xff) + n) << 16) | (clamp(((c >> 8) & 0xff) + n) << 8) | clamp((c & 0xff) + n);
        }
    }

    private static BufferedImage blur(BufferedImage img, double sigma, int radius) {
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        BufferedImage horizontal = new ConvolveOp(new Kernel(k.length, 1, k), ConvolveOp.EDGE_NO_OP, null)
                .filter(img, null);
        return new ConvolveOp(new Kernel(1, k.length, k), ConvolveOp.EDGE_NO_OP, null).filter(horizontal, null);
    }

    /** Saturation: blend each channel with the pixel's luma; then multiply by the gain. */
    private static void adjust(int[] px, double saturation, double gain) {
        // fixed point (16 fractional bits): same result on every JVM, and fast
        int s = (int) Math.round(saturation * 65536);
        long gn = Math.round(gain * 65536);
        for (int i = 0; i < px.length; i++) {
            int c = px[i];
            int red = (c >> 16) & 0xff;
            int green = (c >> 8) & 0xff;
            int blue = c & 0xff;
            int luma = (19595 * red + 38470 * green + 7471 * blue) >> 16; // 0.299, 0.587, 0.114
            int rr = clampScaled(((long) luma << 16) + (long) s * (red - luma), gn);
            int gg = clampScaled(((long) luma << 16) + (long) s * (green - luma), gn);
            int bb = clampScaled(((long) luma << 16) + (long) s * (blue - luma), gn);
            px[i] = 0xff000000 | (rr << 16) | (gg << 8) | bb;
        }
    }

    /** {@code v * g} with both in 16.16 fixed point, rounded and clipped to 0..255. */
    private static int clampScaled(long v, long g) {
        long x = (v * g + (1L << 31)) >> 32;
        return x < 0 ? 0 : (int) Math.min(255, x);
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
