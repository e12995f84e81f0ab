import io.hyperfusion.api.HyperFusion;
import io.hyperfusion.api.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

public class Quickstart {
    public static void main(String[] args) throws Exception {
        // A small synthetic world in the SMPD-Image layout; run from the repository root (configs/, models/).
        Path world = HyperFusion.generateWorld(Files.createTempDirectory("quickstart").resolve("world"), 600, 60, 42);
        try (Model model = HyperFusion.trainer(Path.of("configs/lightgbm-only.json"), 42)
                .train(HyperFusion.read(world, "smpd-image"))) {
            var post = HyperFusion.post("user_7", "draft_1", Instant.parse("2016-05-01T18:00:00Z"),
                    "golden sunset over the harbour", List.of("sunset", "sea"));
            System.out.printf("predicted popularity: %.3f%n", model.predict(post));
        }
    }
}
