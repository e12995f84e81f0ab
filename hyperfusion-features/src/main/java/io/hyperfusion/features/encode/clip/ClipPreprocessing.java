package io.hyperfusion.features.encode.clip;

import java.awt.image.BufferedImage;

/**
 * CLIP's image preprocessing (Radford et al., ICML 2021), as Hugging Face's {@code CLIPImageProcessor} runs
 * it: convert to 8-bit RGB (alpha dropped, not composited), resize with Pillow so the shorter side equals
 * {@code image_size} (longer side {@code int(size * long / short)}, bicubic by default), centre crop
 * {@code image_size × image_size} with the top-left corner at {@code ((h - size) // 2, (w - size) // 2)},
 * scale by 1/255, subtract the mean and divide by the std per channel, and lay out as NCHW float32.
 */
public final class ClipPreprocessing {

    private ClipPreprocessing() {
    }

    /** Target {width, height} of the shorter-side resize, computed like {@code get_resize_output_image_size}. */
    public static int[] resizedSize(int width, int height, int size) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (width <= height) {
            return new int[] {size, (int) ((double) size * height / width)};
        }
        return new int[] {(int) ((double) size * width / height), size};
    }

    /**
     * Writes one image as {@code [3][size][size]} float32 into {@code out} from {@code offset}.
     *
     * @throws IllegalArgumentException when the image is empty or {@code out} is too short
     */
    public static void toPixelValues(BufferedImage image, ClipConfig config, float[] out, int offset) {
        int size = config.imageSize();
        int plane = size * size;
        if (offset < 0 || out.length - offset < 3 * plane) {
            throw new IllegalArgumentException("output has room for " + (out.length - offset) + " floats from "
                    + offset + ", need " + 3 * plane);
        }
        int[] crop = resizeAndCrop(image, size, config.resize());
        float[] mean = config.mean();
        float[] std = config.std();
        for (int i = 0; i < plane; i++) {
            for (int ch = 0; ch < 3; ch++) {
                // float32 arithmetic in the order of HF: rescale (in double, then cast), then (x - mean) / std.
                float scaled = (float) (crop[i * 3 + ch] * (1.0 / 255));
                out[offset + ch * plane + i] = (scaled - mean[ch]) / std[ch];
            }
        }
    }

    /** The 8-bit RGB {@code [size][size][3]} pixels after the shorter-side resize and centre crop. */
    static int[] resizeAndCrop(BufferedImage image, int size, ClipConfig.Resample resample) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] target = resizedSize(w, h, size);
        int[] resized = PilResize.resize(rgb(image), w, h, target[0], target[1], resample.filter);
        return centreCrop(resized, target[0], target[1], size);
    }

    /** HF {@code center_crop} of an image at least {@code size} on both sides: top/left = floor(excess / 2). */
    static int[] centreCrop(int[] rgb, int w, int h, int size) {
        if (w < size || h < size) {
            throw new IllegalArgumentException("cannot crop " + size + "x" + size + " from " + w + "x" + h);
        }
        int top = (h - size) / 2;
        int left = (w - size) / 2;
        int[] out = new int[size * size * 3];
        for (int y = 0; y < size; y++) {
            System.arraycopy(rgb, ((top + y) * w + left) * 3, out, y * size * 3, size * 3);
        }
        return out;
    }

    /** The image as 8-bit RGB {@code [h][w][3]}, like Pillow's {@code convert("RGB")} of the decoded file. */
    static int[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h * 3];
        int[] row = new int[w];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would map linear gray to sRGB and brighten it; Pillow replicates the stored gray byte.
            for (int y = 0; y < h; y++) {
                image.getRaster().getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    out[i] = row[x];
                    out[i + 1] = row[x];
                    out[i + 2] = row[x];
                }
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                out[i] = (p >> 16) & 0xFF;
                out[i + 1] = (p >> 8) & 0xFF;
                out[i + 2] = p & 0xFF;
            }
        }
        return out;
    }
}
