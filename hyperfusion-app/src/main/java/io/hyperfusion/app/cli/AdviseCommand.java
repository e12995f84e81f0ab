package io.hyperfusion.app.cli;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.app.embed.EmbedOptions;
import io.hyperfusion.app.serve.AdviceRequest;
import io.hyperfusion.app.serve.ApiException;
import io.hyperfusion.app.serve.RequestReader;
import io.hyperfusion.app.serve.ResponseJson;
import io.hyperfusion.app.serve.ServedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperfusion advise}: the best hours of the coming week and the tags that help a draft post most. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "Posting advice for a draft: predicted score per hour of the next 7 days and tag effects (JSON).")
public final class AdviseCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Jackson.json();

    @Spec
    CommandSpec spec;

    @Mixin
    EmbedOptions embed;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model bundle folder.")
    Path model;

    @Option(names = "--post", required = true, paramLabel = "FILE.json",
            description = "The draft: a post object (docs/FORMATS.md, optional user and image_base64) or an advise request.")
    Path post;

    @Option(names = "--from", paramLabel = "ISO", description = "Start of the advised week (default: now; rounded up to the hour).")
    String from;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Candidate tags (default: the most frequent training tags).")
    List<String> tags;

    @Option(names = "--slots", defaultValue = "168", description = "Slots printed, best first (default: ${DEFAULT-VALUE}).")
    int slots;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode req;
        try {
            req = RequestReader.object(Files.readAllBytes(post));
            if (from != null) {
                req.put("from", from);
            }
            if (tags != null) {
                var arr = req.putArray("candidate_tags");
                tags.forEach(arr::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + post + ": " + e.getMessage(), e);
        } catch (ApiException e) {
            throw new IllegalArgumentException(post + ": " + e.getMessage(), e);
        }
        try (ServedModel served = ServedModel.open(model,
                new ServedModel.Settings(embed.modelsDir(), embed.clipModel(), embed.threads(), 40_000_000L), err)) {
            AdviceRequest a;
            try {
                a = AdviceRequest.parse(JSON.writeValueAsBytes(req), new RequestReader(1));
            } catch (ApiException e) {
                throw new IllegalArgumentException(post + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Advisor.Advice advice = new Advisor(served.predictor(), served.trainingTags())
                    .advise(a.post(), a.users(), a.image(), a.from(), a.candidates());
            ObjectNode out = ResponseJson.advice(a.post(), advice, served.modelId());
            var s = out.withArray("slots");
            while (s.size() > Math.max(0, slots)) {
                s.remove(s.size() - 1);
            }
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            spec.commandLine().getOut().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
