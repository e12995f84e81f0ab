package io.hyperfusion.app.cli;

import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.data.PostDataset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion embed}: computes and caches every embedding of a data set. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Computes and caches the image, image-statistics and text embeddings of every post of a data set.")
public final class EmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--no-images", description = "Skip images.")
    boolean noImages;

    @Option(names = "--no-text", description = "Skip titles and tags.")
    boolean noText;

    @Override
    public Integer call() {
        PostDataset ds = data.read(spec.commandLine().getErr());
        long t0 = System.nanoTime();
        EmbeddingRun.Output o = EmbeddingRun.embed(ds, ds.all(), embed, !noImages, !noText, spec.commandLine().getErr());
        var r = o.result();
        spec.commandLine().getOut().printf("embedded %,d posts in %.1f s: %,d images (%.1f images/s), %,d distinct texts (%.1f texts/s); cache %s%n",
                ds.all().size(), (System.nanoTime() - t0) / 1e9, r.images(), r.images() / Math.max(1e-9, r.imageSeconds()),
                r.texts(), r.texts() / Math.max(1e-9, r.textSeconds()), embed.cacheFile());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
