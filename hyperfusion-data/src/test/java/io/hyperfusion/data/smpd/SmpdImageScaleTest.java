package io.hyperfusion.data.smpd;

import io.hyperfusion.data.BadRowPolicy;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads a generated training split of real size (300,000 posts, every JSON file, column-oriented user data)
 * and prints the time taken. Tagged slow: run with {@code -Dgroups=slow -DexcludedGroups=none}.
 */
@Tag("slow")
class SmpdImageScaleTest {
    private static final int N = 300_000;

    @Test
    void readsThreeHundredThousandPosts(@TempDir Path root) throws IOException {
        Path train = Files.createDirectories(root.resolve("train"));
        try (BufferedWriter list = Files.newBufferedWriter(train.resolve("train_img_filepath.txt"));
             BufferedWriter labels = Files.newBufferedWriter(train.resolve("train_label.txt"));
             BufferedWriter cat = Files.newBufferedWriter(train.resolve("train_category.json"));
             BufferedWriter text = Files.newBufferedWriter(train.resolve("train_text.json"));
             BufferedWriter ts = Files.newBufferedWriter(train.resolve("train_temporalspatial_information.json"));
             BufferedWriter add = Files.newBufferedWriter(train.resolve("train_additional_information.json"))) {
            for (BufferedWriter w : new BufferedWriter[] {cat, text, ts, add}) {
                w.write("[\n");
            }
            for (int i = 0; i < N; i++) {
                String uid = (i % 70_000) + "@N" + (i % 70_000 % 97);
                String key = "{\"Uid\": \"" + uid + "\", \"Pid\": \"" + i + "\", ";
                String sep = i + 1 < N ? ",\n" : "\n";
                list.write("train/" + uid + "/" + i + ".jpg\n");
                labels.write(String.format(Locale.ROOT, "%.4f%n", 1 + (i % 1500) / 100.0));
                cat.write(key + "\"Category\": \"Travel\", \"Subcategory\": \"City\", \"Concept\": \"street\"}" + sep);
                text.write(key + "\"Title\": \"a title of some words " + i + "\", \"Mediatype\": \"photo\", "
                        + "\"Alltags\": \"rain umbrella london street nikon\"}" + sep);
                ts.write(key + "\"Postdate\": \"" + (1450000000 + i) + "\", \"Latitude\": \"51.5\", "
                        + "\"Longitude\": \"-0.13\", \"Geoaccuracy\": \"16\"}" + sep);
                add.write(key + "\"Pathalias\": \"None\", \"Ispublic\": \"1\", \"Mediastatus\": \"ready\"}" + sep);
            }
            for (BufferedWriter w : new BufferedWriter[] {cat, text, ts, add}) {
                w.write("]\n");
            }
        }
        try (BufferedWriter u = Files.newBufferedWriter(train.resolve("train_user_data.json"))) {
            String[] cols = {"Pid", "Uid", "photo_count", "ispro", "timezone_offset", "user_description"};
            u.write("{");
            for (int c = 0; c < cols.length; c++) {
                u.write((c > 0 ? "," : "") + "\"" + cols[c] + "\":{");
                for (int i = 0; i < N; i++) {
                    String v = switch (c) {
                        case 0 -> Integer.toString(i);
                        case 1 -> "\"" + (i % 70_000) + "@N" + (i % 70_000 % 97) + "\"";
                        case 2 -> "\"" + (i % 500) + "\"";
                        case 3 -> "\"1\"";
                        case 4 -> "\"+05:30\"";
                        default -> "\"0.1,0.2,0.3,0.4\"";
                    };
                    u.write((i > 0 ? "," : "") + "\"" + i + "\":" + v);
                }
                u.write("}");
            }
            u.write("}");
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        PostDataset ds = new SmpdImageReader().read(root, new ReadOptions(BadRowPolicy.FAIL, false));
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "SMPD-Image read: %,d posts, %,d users in %.2f s wall, %.2f s CPU (%.0f posts/s)%n",
                ds.labelled().size(), ds.users().size(), secs, cpu, N / secs);
        assertEquals(N, ds.labelled().size());
        assertEquals(0, ds.summary().skipCount());
    }
}
