package io.hyperfusion.features.encode.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Fast pixel access: {@link BufferedImage#getRGB(int, int, int, int, int[], int, int)} converts every pixel through
 * the colour model, a third of the image-statistics time. For the decoder's {@code TYPE_INT_RGB} images this reads
 * the raster's own array; the values are exactly what {@code getRGB} returns. Other images go through
 * {@code getRGB}.
 */
public final class Pixels {
    private Pixels() {
    }

    /** The image's pixels as {@code getRGB} returns them (ARGB, row-major, {@code width × height}). */
    public static int[] argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] packed = packedRgb(image);
        if (packed == null) {
            return image.getRGB(0, 0, w, h, null, 0, w);
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xFF000000 | packed[i]; // TYPE_INT_RGB has no alpha: getRGB reports it opaque
        }
        return out;
    }

    /**
     * The raster's array of a {@code TYPE_INT_RGB} image laid out plainly (row-major, no offset or padding), read
     * only; null for any other image. Bits 24-31 of its values are undefined and must be ignored.
     */
    public static int[] packedRgb(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB
                || !(image.getRaster().getDataBuffer() instanceof DataBufferInt db)
                || !(image.getSampleModel() instanceof SinglePixelPackedSampleModel sm)
                || db.getNumBanks() != 1 || db.getOffset() != 0
                || sm.getScanlineStride() != image.getWidth()
                || image.getRaster().getSampleModelTranslateX() != 0
                || image.getRaster().getSampleModelTranslateY() != 0
                || db.getSize() < image.getWidth() * image.getHeight()) {
            return null;
        }
        return db.getData();
    }
}
