package io.hyperfusion.features.encode.mobilenet;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints MobileNetV2 encoder throughput (images/s, preprocessing included) for 1 and 2 intra-op threads and
 * batches of 16 and 32 on 224×224 images. A program, not a test:
 * {@code java -cp <test classpath> io.hyperfusion.features.encode.mobilenet.MobileNetBenchmark [modelsDir] [seconds]}.
 */
public final class MobileNetBenchmark {

    private MobileNetBenchmark() {
    }

    public static void main(String[] args) {
        Path modelsDir = Path.of(args.length > 0 ? args[0] : "models");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        List<BufferedImage> base = new ArrayList<>();
        for (BufferedImage img : MobileNetTestImages.all().values()) {
            if (img.getWidth() == MobileNetV2Encoder.SIZE && img.getHeight() == MobileNetV2Encoder.SIZE) {
                base.add(img);
            }
        }
        // Wall-clock figures depend on what else runs; CPU ms per image (whole process) does much less.
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("cores %d, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                os.getSystemLoadAverage());
        System.out.printf("%-8s %-6s %-10s %-8s %-10s%n", "threads", "batch", "images/s", "ms/img", "cpu-ms/img");
        for (int threads : new int[] {1, 2}) {
            for (int batch : new int[] {16, 32}) {
                List<BufferedImage> images = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    images.add(base.get(i % base.size()));
                }
                try (MobileNetV2Encoder enc = new MobileNetV2Encoder(MobileNetInstaller.modelFile(modelsDir),
                        threads, batch)) {
                    enc.encode(images); // warm-up: graph optimisation, allocator arenas
                    long cpu0 = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    long done = 0;
                    while (System.nanoTime() - start < seconds * 1e9) {
                        enc.encode(images);
                        done += batch;
                    }
                    double s = (System.nanoTime() - start) / 1e9;
                    double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
                    System.out.printf("%-8d %-6d %-10.1f %-8.2f %-10.2f%n", threads, batch, done / s, 1000 * s / done,
                            cpuMs / done);
                }
            }
        }
    }
}
