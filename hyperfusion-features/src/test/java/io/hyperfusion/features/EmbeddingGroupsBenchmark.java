package io.hyperfusion.features;

import io.hyperfusion.data.Post;
import io.hyperfusion.features.embed.EmbeddingTable;
import io.hyperfusion.features.embed.Spaces;
import io.hyperfusion.features.linalg.SyntheticEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints fit and transform times of the embedding groups at the real encoders' sizes (1280-d image, 384-d text)
 * on N synthetic posts (first argument, default 20000), and the size of the saved pipeline.
 */
public final class EmbeddingGroupsBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Post> posts = SyntheticEmbeddings.posts(n, 1, true, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[][] centres = new float[16][1280];
        for (float[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = (float) Math.abs(r.nextGaussian());
            }
        }
        EmbeddingTable.Builder b = EmbeddingTable.builder().space(Spaces.IMAGE, names(1280))
                .space(Spaces.TITLE, names(384)).space(Spaces.TAGS, names(384));
        for (Post p : posts) {
            int t = Integer.parseInt(p.postId()) % 16;
            float[] v = new float[1280];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) Math.max(0, centres[t][j] + r.nextGaussian() * 0.5);
            }
            b.put(Spaces.IMAGE, p.key(), v);
            b.put(Spaces.TITLE, p.key(), SyntheticEmbeddings.randomUnit(r, 384));
            b.put(Spaces.TAGS, p.key(), SyntheticEmbeddings.randomUnit(r, 384));
        }
        FeatureContext ctx = new FeatureContext(Map.of(), null, b.build(), posts);
        for (String g : args.length > 1 ? List.of(args[1].split(",")) : List.of("image", "textemb", "crossmodal", "cluster")) {
            long t0 = System.nanoTime();
            FeaturePipeline.Fit fit = FeatureGroups.select(g).fit(posts, ctx, 1);
            long t1 = System.nanoTime();
            fit.pipeline().transform(posts, ctx);
            long t2 = System.nanoTime();
            Path dir = Files.createTempDirectory("bench");
            fit.pipeline().save(dir);
            long bytes = Files.size(dir.resolve(FittedPipeline.FILE_GZ));
            Files.delete(dir.resolve(FittedPipeline.FILE_GZ));
            Files.delete(dir);
            System.out.printf("%-10s n=%d cols=%d fit %.1f s, transform %.1f s, pipeline.json.gz %.1f MiB%n", g, n,
                    fit.pipeline().schema().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, bytes / 1048576.0);
        }
    }

    private static List<String> names(int d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            out.add("c" + i);
        }
        return out;
    }
}
