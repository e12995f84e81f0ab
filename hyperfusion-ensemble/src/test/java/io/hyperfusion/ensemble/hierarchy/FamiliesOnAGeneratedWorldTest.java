package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.data.PostDataset;
import io.hyperfusion.ensemble.Leaderboard;
import io.hyperfusion.ensemble.PopularityTrainer;
import io.hyperfusion.ensemble.TinyWorlds;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.models.Pinned;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trainable family as the single member of a hierarchy on a small generated SMPD world (900 posts, 90
 * authors; metadata, time, text, user and history features), scored on the latest 15% of labelled posts, which
 * no model saw (the member's own score, not the blend's). Training is deterministic, so each score is pinned
 * ({@link Pinned}: within 0.01 SRC of the value measured by today's build, in one file with how it was measured) and a
 * real loss of accuracy fails; the family contract tests in hyperfusion-models cover determinism, round trips and
 * schema errors.
 */
class FamiliesOnAGeneratedWorldTest {
    @TempDir
    static Path dir;
    private static PostDataset world;

    @BeforeAll
    static void generate() {
        world = TinyWorlds.world(dir.resolve("world"), 900, 90, 17);
    }

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("lightgbm", Map.of("num_iterations", 80, "learning_rate", 0.1, "min_data_in_leaf", 10)),
                Arguments.of("xgboost", Map.of("num_round", 80, "eta", 0.1, "max_depth", 4)),
                Arguments.of("tabnet", Map.of("max_epochs", 40, "patience", 8, "batch_size", 128,
                        "virtual_batch_size", 64)),
                Arguments.of("mlp", Map.of("hidden", List.of(32, 16), "max_epochs", 60, "patience", 8,
                        "key_column", "user#author_code")),
                Arguments.of("ridge", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void heldOutSrcIsThePinnedOne(String family, Map<String, Object> options) {
        HierarchyConfig config = new HierarchyConfig("meta,time,text,user,history", 3, "user", 0.15, List.of(),
                List.of(new MemberSpec(family, family, List.of(), options)), 1e-3,
                new PseudoLabelSpec(0, 0.3, 0.5, 0.0), false, 42, 1);
        PopularityTrainer.Outcome o = new PopularityTrainer(config).train(world, s -> { });
        try {
            Leaderboard.Row member = o.report().leaderboard().rows().stream()
                    .filter(r -> r.tier() == 2 && r.family().equals(family)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + family + " member in " + o.report().leaderboard()));
            System.out.printf("%s on a generated world: held-out SRC %.4f, MAE %.4f (%d rows, %.1f s)%n", family,
                    member.src(), member.mae(), o.report().validRows(), member.seconds());
            Pinned.assertScore("families." + family + ".src", member.src());
        } finally {
            o.model().close();
        }
    }
}
