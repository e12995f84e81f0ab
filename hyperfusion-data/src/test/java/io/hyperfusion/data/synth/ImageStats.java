package io.hyperfusion.data.synth;

import java.awt.image.BufferedImage;

/** Measurements of decoded images used by the tests: sharpness, colourfulness, brightness. */
final class ImageStats {

    private ImageStats() {
    }

    static double[][] luma(BufferedImage img) {
        double[][] l = new double[img.getHeight()][img.getWidth()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                l[y][x] = 0.299 * ((c >> 16) & 0xff) + 0.587 * ((c >> 8) & 0xff) + 0.114 * (c & 0xff);
            }
        }
        return l;
    }

    /** Variance of the 4-neighbour Laplacian of the luma: the usual blur detector. */
    static double laplacianVariance(BufferedImage img) {
        double[][] l = luma(img);
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int y = 1; y < l.length - 1; y++) {
            for (int x = 1; x < l[0].length - 1; x++) {
                double v = l[y - 1][x] + l[y + 1][x] + l[y][x - 1] + l[y][x + 1] - 4 * l[y][x];
                s += v;
                ss += v * v;
                n++;
            }
        }
        return ss / n - (s / n) * (s / n);
    }

    /** Mean of (max channel - min channel): 0 for a grey image. */
    static double chroma(BufferedImage img) {
        double s = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y);
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                s += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
            }
        }
        return s / ((double) img.getWidth() * img.getHeight());
    }

    static double meanLuma(BufferedImage img) {
        double s = 0;
        for (double[] row : luma(img)) {
            for (double v : row) {
                s += v;
            }
        }
        return s / ((double) img.getWidth() * img.getHeight());
    }
}
