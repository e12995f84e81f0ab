package io.hyperfusion.features.encode.image;

/** Operations on a luma plane (row-major doubles): exact area-average downscaling and Laplacian variance. */
final class LumaOps {
    private LumaOps() {
    }

    /** A row-major plane of {@code w × h} values. */
    record Plane(double[] v, int w, int h) {
    }

    /**
     * Downscales so the longer side is {@code maxSide}, each output pixel being the area-weighted mean of the
     * source pixels it covers (fractional coverage at the edges); a plane already within the limit is returned
     * unchanged.
     */
    static Plane areaResize(double[] v, int w, int h, int maxSide) {
        int longSide = Math.max(w, h);
        if (longSide <= maxSide) {
            return new Plane(v, w, h);
        }
        double scale = maxSide / (double) longSide;
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        double[] rows = new double[nw * h];
        Weights wx = new Weights(w, nw);
        for (int y = 0; y < h; y++) {
            for (int ox = 0; ox < nw; ox++) {
                rows[y * nw + ox] = wx.apply(v, y * w, 1, ox);
            }
        }
        double[] out = new double[nw * nh];
        Weights wy = new Weights(h, nh);
        for (int oy = 0; oy < nh; oy++) {
            for (int x = 0; x < nw; x++) {
                out[oy * nw + x] = wy.apply(rows, x, nw, oy);
            }
        }
        return new Plane(out, nw, nh);
    }

    /** Population variance of the 4-neighbour Laplacian over interior pixels; 0 below 3×3. */
    static double laplacianVariance(Plane p) {
        if (p.w() < 3 || p.h() < 3) {
            return 0;
        }
        double[] v = p.v();
        int w = p.w();
        double[] lap = new double[(w - 2) * (p.h() - 2)];
        double sum = 0;
        int n = 0;
        for (int y = 1; y < p.h() - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                lap[n] = v[i - 1] + v[i + 1] + v[i - w] + v[i + w] - 4 * v[i];
                sum += lap[n++];
            }
        }
        double mean = sum / n;
        double sq = 0;
        for (double l : lap) {
            sq += (l - mean) * (l - mean);
        }
        return sq / n;
    }

    /** For each output index, the source indices it covers and their fractional coverage. */
    private static final class Weights {
        private final int[] first;
        private final double[][] weight;

        Weights(int src, int dst) {
            first = new int[dst];
            weight = new double[dst][];
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
        }

        double apply(double[] v, int base, int stride, int o) {
            double acc = 0;
            double[] wo = weight[o];
            for (int k = 0; k < wo.length; k++) {
                acc += wo[k] * v[base + (first[o] + k) * stride];
            }
            return acc;
        }
    }
}
