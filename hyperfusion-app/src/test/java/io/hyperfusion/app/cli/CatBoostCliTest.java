package io.hyperfusion.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.app.HyperFusionCli;
import io.hyperfusion.ensemble.config.HierarchyConfig;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.ensemble.config.PseudoLabelSpec;
import io.hyperfusion.models.catboost.CbmTrainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CatBoost member through the command line, as docs/CATBOOST.md tells it: export-features --catboost-tables with the
 * configuration, one model per table (the tests' CbmTrainer standing in for scripts/catboost/train_tables.py), train
 * with the same configuration and seed; another seed is refused with what to do.
 */
class CatBoostCliTest {

    record Run(int exit, String out, String err) { }

    static Run run(Path dir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HyperFusionCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--cache";
        all[args.length + 1] = dir.resolve("cache.duckdb").toString();
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    @Test
    void exportTrainTheTablesThenTrainWithTheCatBoostMember(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("world");
        StringWriter gen = new StringWriter();
        CommandLine g = HyperFusionCli.commandLine();
        g.setOut(new PrintWriter(gen, true));
        assertEquals(0, g.execute("generate", "--posts", "300", "--users", "30", "--seed", "5", "--out", world.toString()));
        Map<String, Object> lgb = Map.of("num_iterations", 30, "num_leaves", 7, "min_data_in_leaf", 10);
        Path tables = dir.resolve("cb");
        HierarchyConfig config = new HierarchyConfig("meta,time,text,user,history", 3, "user", 0.15,
                List.of(new MemberSpec("user", "lightgbm", List.of("user", "history"), lgb)),
                List.of(new MemberSpec("fusion_lgbm", "lightgbm", List.of(), lgb),
                        new MemberSpec("fusion_cat", "catboost", List.of(), Map.of("models",
                                tables.resolve("fusion_cat").toString()))),
                1e-3, PseudoLabelSpec.off(), true, 5, 1);
        Path file = dir.resolve("config.json");
        config.save(file);
        String data = world.toString();

        Run both = run(dir, "export-features", "--data", data, "--out", dir.resolve("x.csv").toString(),
                "--catboost-tables", tables.toString());
        assertEquals(1, both.exit());
        assertTrue(both.err().contains("give exactly one of --out FILE and --catboost-tables DIR"), both.err());

        Run export = run(dir, "export-features", "--data", data, "--config", file.toString(), "--seed", "5",
                "--catboost-tables", tables.toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("member fusion_cat") && export.out().contains("train_tables.py"), export.out());
        assertEquals(8, new CbmTrainer(20, 3, 0.3).trainTables(tables.resolve("fusion_cat")));

        Run train = run(dir, "train", "--data", data, "--config", file.toString(), "--seed", "5", "--out",
                dir.resolve("model").toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("fusion_cat") && train.out().contains("catboost"), train.out());

        Run other = run(dir, "train", "--data", data, "--config", file.toString(), "--seed", "6", "--out",
                dir.resolve("model6").toString());
        assertEquals(1, other.exit());
        assertTrue(other.err().contains("no CatBoost model was trained on these"), other.err());
    }
}
