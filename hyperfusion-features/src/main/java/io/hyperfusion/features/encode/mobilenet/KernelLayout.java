package io.hyperfusion.features.encode.mobilenet;

/**
 * Moves TensorFlow convolution geometry to ONNX: kernel layouts (TF keeps channels last, ONNX first) and
 * TF's 'same' padding, which puts the odd extra pixel after (bottom/right) rather than before.
 */
final class KernelLayout {

    private KernelLayout() {
    }

    /** TF Conv2D kernel [kh,kw,cin,cout] to ONNX Conv weight [cout,cin,kh,kw]. */
    static float[] convToOnnx(float[] kernel, int kh, int kw, int cin, int cout) {
        float[] w = new float[cout * cin * kh * kw];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int co = 0; co < cout; co++) {
                        w[((co * cin + ci) * kh + i) * kw + j] = kernel[((i * kw + j) * cin + ci) * cout + co];
                    }
                }
            }
        }
        return w;
    }

    /**
     * TF depthwise kernel [kh,kw,cin,mult] to the weight of an ONNX grouped Conv (group = cin),
     * [cin·mult,1,kh,kw]; TF numbers output channel (ci, m) as ci·mult + m.
     */
    static float[] depthwiseToOnnx(float[] kernel, int kh, int kw, int cin, int mult) {
        float[] w = new float[cin * mult * kh * kw];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int m = 0; m < mult; m++) {
                        w[((ci * mult + m) * kh + i) * kw + j] = kernel[((i * kw + j) * cin + ci) * mult + m];
                    }
                }
            }
        }
        return w;
    }

    /**
     * Padding as [[top,bottom],[left,right]]: none for 'valid'; for 'same', total = max((⌈in/s⌉−1)·s +
     * (k−1)·d + 1 − in, 0) with the smaller half before, as TF computes it.
     */
    static int[][] tfPadding(boolean same, int[] in, int[] k, int[] s, int[] d) {
        int[][] pads = new int[2][2];
        if (!same) {
            return pads;
        }
        for (int a = 0; a < 2; a++) {
            int out = (in[a] + s[a] - 1) / s[a];
            int total = Math.max((out - 1) * s[a] + (k[a] - 1) * d[a] + 1 - in[a], 0);
            pads[a][0] = total / 2;
            pads[a][1] = total - total / 2;
        }
        return pads;
    }
}
