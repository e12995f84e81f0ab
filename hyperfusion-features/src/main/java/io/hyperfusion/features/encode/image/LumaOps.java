package io.hyperfusion.features.encode.image;

/** Operations on a luma plane (row-major doubles): exact area-average downscaling and Laplacian variance. */
final class LumaOps {
    private LumaOps() {
    }

    /** A row-major plane of {@code w × h} values. */
    record Plane(double[] v, int w, int h) {
    }

    /** A plane read one row at a time: fills {@code into[0 .. w)} with row {@code y}. */
    interface Rows {
        void row(int y, double[] into);
    }

    /**
     * Downscales so the longer side is {@code maxSide}, each output pixel being the area-weighted mean of the
     * source pixels it covers (fractional coverage at the edges); a plane already within the limit is returned
     * as it is. The source is read row by row, so it need not exist as a whole.
     */
    static Plane areaResize(Rows source, int w, int h, int maxSide) {
        int longSide = Math.max(w, h);
        double[] row = new double[w];
        if (longSide <= maxSide) {
            double[] v = new double[w * h];
            for (int y = 0; y < h; y++) {
                source.row(y, row);
                System.arraycopy(row, 0, v, y * w, w);
            }
            return new Plane(v, w, h);
        }
        double scale = maxSide / (double) longSide;
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        // Each output value is 0 + w0·v0 + w1·v1 + ..., summed in source order; the column pass runs that sum for a
        // whole output row at once (the same operations per value, in the same order), which the JIT vectorises.
        double[] rows = new double[nw * h];
        Weights wx = new Weights(w, nw);
        for (int y = 0; y < h; y++) {
            source.row(y, row);
            int o = y * nw;
            for (int ox = 0; ox < nw; ox++) {
                rows[o + ox] = wx.apply(row, ox);
            }
        }
        double[] out = new double[nw * nh];
        Weights wy = new Weights(h, nh);
        for (int oy = 0; oy < nh; oy++) {
            int o = oy * nw;
            for (int j = wy.start[oy]; j < wy.start[oy + 1]; j++) {
                double wk = wy.weight[j];
                int src = (wy.first[oy] + j - wy.start[oy]) * nw;
                for (int x = 0; x < nw; x++) {
                    out[o + x] += wk * rows[src + x];
                }
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

    /**
     * For each output index {@code o}, the first source index it covers ({@code first[o]}) and the fractional
     * coverages of the sources from there, {@code weight[start[o]] .. weight[start[o + 1] - 1]}.
     */
    private static final class Weights {
        private final int[] first;
        private final int[] start;
        private final double[] weight;

        Weights(int src, int dst) {
            first = new int[dst];
            start = new int[dst + 1];
            double step = src / (double) dst;
            double[] w = new double[src + 2 * dst];
            int n = 0;
            for (int o = 0; o < dst; o++) {
                double a = o * step;
                double b = Math.min(src, (o + 1) * step);
                int lo = (int) Math.floor(a);
                int hi = Math.min(src - 1, (int) Math.ceil(b) - 1);
                first[o] = lo;
                start[o] = n;
                for (int s = lo; s <= hi; s++) {
                    w[n++] = (Math.min(b, s + 1) - Math.max(a, s)) / (b - a);
                }
            }
            start[dst] = n;
            weight = java.util.Arrays.copyOf(w, n);
        }

        /** Output {@code o} of a source row. */
        double apply(double[] v, int o) {
            double acc = 0;
            int src = first[o];
            for (int k = start[o]; k < start[o + 1]; k++) {
                acc += weight[k] * v[src++];
            }
            return acc;
        }
    }
}
