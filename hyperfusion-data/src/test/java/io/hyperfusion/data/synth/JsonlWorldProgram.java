package io.hyperfusion.data.synth;

import io.hyperfusion.data.DataFormat;
import io.hyperfusion.data.Post;
import io.hyperfusion.data.PostDataset;
import io.hyperfusion.data.ReadOptions;
import io.hyperfusion.data.Readers;
import io.hyperfusion.data.jsonl.JsonlPostWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a synthetic world as JSONL posts without images (the training scale benchmark: text embeddings, no
 * image decoding): {@code JsonlWorldProgram <out-dir> <posts> [seed]}. Generates the SMPD-Image world in
 * {@code <out-dir>/smpd} (authors = posts / 10), reads it, drops the image paths and writes
 * {@code <out-dir>/jsonl/posts.jsonl} and {@code users.jsonl}. A program, not a test.
 */
public final class JsonlWorldProgram {

    private JsonlWorldProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JsonlWorldProgram <out-dir> <posts> [seed=1]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int posts = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1L;
        Path smpd = out.resolve("smpd");
        WorldSummary s = SyntheticWorld.generate(new WorldSpec(posts, Math.max(10, posts / 10), seed, 0.2, 2), smpd);
        System.out.println(s);
        PostDataset d = Readers.forFormat(DataFormat.SMPD_IMAGE).read(smpd, ReadOptions.defaults());
        List<Post> labelled = d.labelled().stream().map(JsonlWorldProgram::withoutImage).toList();
        List<Post> unlabelled = d.unlabelled().stream().map(JsonlWorldProgram::withoutImage).toList();
        Path jsonl = Files.createDirectories(out.resolve("jsonl"));
        new JsonlPostWriter().write(new PostDataset(jsonl, labelled, unlabelled, d.users(), d.summary()), jsonl);
        System.out.printf("wrote %s: %d labelled, %d unlabelled posts, %d authors%n", jsonl, labelled.size(),
                unlabelled.size(), d.users().size());
    }

    private static Post withoutImage(Post p) {
        return new Post(p.postId(), p.userId(), p.postedAt(), p.title(), p.tags(), null, p.category(), p.subcategory(),
                p.concept(), p.latitude(), p.longitude(), p.geoAccuracy(), p.numeric(), p.categorical(), p.label());
    }
}
