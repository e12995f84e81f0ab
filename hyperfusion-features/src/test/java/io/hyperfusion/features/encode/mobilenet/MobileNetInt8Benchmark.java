package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.features.linalg.Vectors;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Prints how closely the int8 MobileNetV2 ({@link MobileNetInt8}) agrees with the float model, and both models'
 * throughput. A program, not a test:
 * {@code java -cp <test classpath> io.hyperfusion.features.encode.mobilenet.MobileNetInt8Benchmark MODELS_DIR
 * SECONDS CROPS SOURCE[:SOURCE...]}: a SOURCE folder contributes its first CROPS .jpg/.png images, a SOURCE file
 * CROPS random square crops (seeded; a fifth to all of the short side), e.g. of the photographs Debian ships in
 * {@code /usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg} and
 * {@code /usr/lib/python3/dist-packages/sklearn/datasets/images/{china,flower}.jpg}.
 */
public final class MobileNetInt8Benchmark {

    private MobileNetInt8Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path models = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int crops = Integer.parseInt(args[2]);
        List<BufferedImage> images = images(args[3].split(":"), crops, new Random(5));
        try (MobileNetV2Encoder fp32 = MobileNetV2Encoder.open(models, 2, MobileNetPrecision.FP32);
             MobileNetV2Encoder int8 = MobileNetV2Encoder.open(models, 2, MobileNetPrecision.INT8)) {
            float[][] a = fp32.encode(images);
            float[][] b = int8.encode(images);
            double[] feat = new double[a.length];
            double[] probs = new double[a.length];
            int sameClass = 0;
            for (int i = 0; i < a.length; i++) {
                feat[i] = cosine(a[i], b[i], 0, MobileNetV2Encoder.FEATURES);
                probs[i] = cosine(a[i], b[i], MobileNetV2Encoder.FEATURES, a[i].length);
                sameClass += argmax(a[i]) == argmax(b[i]) ? 1 : 0;
            }
            System.out.printf("%d images; feature cosine %s; probability cosine %s; same top class %d/%d%n",
                    a.length, summary(feat), summary(probs), sameClass, a.length);
        }
        System.out.printf("%-6s %-8s %-10s %-10s%n", "model", "threads", "images/s", "cpu-ms/img");
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<BufferedImage> batch = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            batch.add(images.get(i % images.size()));
        }
        for (MobileNetPrecision p : MobileNetPrecision.values()) {
            for (int threads : new int[] {1, 2}) {
                try (MobileNetV2Encoder enc = MobileNetV2Encoder.open(models, threads, p)) {
                    enc.encode(batch);
                    long cpu0 = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    long done = 0;
                    while (System.nanoTime() - start < seconds * 1e9) {
                        enc.encode(batch);
                        done += batch.size();
                    }
                    double s = (System.nanoTime() - start) / 1e9;
                    System.out.printf("%-6s %-8d %-10.1f %-10.2f%n", p.label(), threads, done / s,
                            (os.getProcessCpuTime() - cpu0) / 1e6 / done);
                }
            }
        }
    }

    private static List<BufferedImage> images(String[] sources, int crops, Random rnd) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        for (String src : sources) {
            File f = new File(src);
            if (f.isDirectory()) {
                File[] files = f.listFiles((d, n) -> n.endsWith(".jpg") || n.endsWith(".png"));
                Arrays.sort(files);
                for (int i = 0; i < Math.min(crops, files.length); i++) {
                    out.add(ImageIO.read(files[i]));
                }
            } else {
                BufferedImage im = ImageIO.read(f);
                if (im == null) {
                    throw new IOException(f + ": not an image ImageIO reads");
                }
                int w = im.getWidth();
                int h = im.getHeight();
                int m = Math.min(w, h);
                for (int i = 0; i < crops; i++) {
                    int side = m / 5 + rnd.nextInt(m - m / 5);
                    int x = rnd.nextInt(w - side + 1);
                    int y = rnd.nextInt(h - side + 1);
                    out.add(im.getSubimage(x, y, side, side));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no images in " + Arrays.toString(sources));
        }
        return out;
    }

    /** Cosine similarity of the components {@code from .. to} of two rows. */
    static double cosine(float[] a, float[] b, int from, int to) {
        return Vectors.cosine(Arrays.copyOfRange(a, from, to), Arrays.copyOfRange(b, from, to));
    }

    private static int argmax(float[] row) {
        int best = MobileNetV2Encoder.FEATURES;
        for (int i = best; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String summary(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("mean %.4f, min %.4f, 1st percentile %.4f", Arrays.stream(s).average().orElse(0), s[0],
                s[(int) Math.floor(0.01 * (s.length - 1))]);
    }
}
