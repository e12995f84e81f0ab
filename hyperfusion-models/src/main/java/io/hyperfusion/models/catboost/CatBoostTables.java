package io.hyperfusion.models.catboost;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.data.Csv;
import io.hyperfusion.models.Json;
import io.hyperfusion.models.TrainingData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;

/**
 * The training tables of one {@code catboost} member, exported for training in Python, and the index
 * {@value #INDEX} that maps each table to the {@code .cbm} model trained on it.
 *
 * <p>The hierarchy fits a member K + 1 times per stage (once without each fold, once on all rows), on rows it chooses
 * itself; the export records every such fit's rows as {@code table-NNN.csv} (the feature columns in the schema's order,
 * then {@code label}, then {@code weight}; NaN as an empty field) and its {@link TrainingData#fingerprint()}. The
 * script {@code scripts/catboost/train_tables.py} writes {@code table-NNN.cbm} beside each table; at training time
 * {@link CatBoostFoldsTrainer} matches a fit to its model by the fingerprint of the rows it is given.
 */
public final class CatBoostTables {
    /** The index file's name inside a member's table folder. */
    public static final String INDEX = "tables.json";
    /** The index layout this build writes and reads. */
    public static final int FORMAT = 1;

    /**
     * One exported fit.
     *
     * @param table       the CSV file name
     * @param model       the {@code .cbm} file name the training script writes
     * @param rows        training rows
     * @param fingerprint the rows' {@link TrainingData#fingerprint()}
     */
    public record Entry(String table, String model, int rows, String fingerprint) { }

    private CatBoostTables() {
    }

    /** Reads a folder's index; a missing or malformed one → an exception naming the file. */
    public static List<Entry> read(Path dir) throws IOException {
        Path file = dir.resolve(INDEX);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no CatBoost table index (run export-features "
                    + "--catboost-tables first; see docs/CATBOOST.md)");
        }
        JsonNode root = Json.reader().readTree(Files.readString(file));
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException(file + ": expected format " + FORMAT + ", got " + root.get("format"));
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : root.path("tables")) {
            out.add(new Entry(e.path("table").asText(), e.path("model").asText(), e.path("rows").asInt(),
                    e.path("fingerprint").asText()));
        }
        return out;
    }

    /** Appends the tables of one member's fits to a folder; thread-safe. */
    public static final class Writer {
        private final Path dir;
        private final String member;
        private final List<Entry> entries = new ArrayList<>();

        /** A writer into {@code dir} (created; an existing index there is replaced). */
        public Writer(Path dir, String member) throws IOException {
            this.dir = Files.createDirectories(dir);
            this.member = member;
            writeIndex();
        }

        /** Writes {@code data}'s training rows as the next table, unless rows of the same fingerprint already are. */
        public synchronized Entry add(TrainingData data) throws IOException {
            String fp = data.fingerprint();
            for (Entry e : entries) {
                if (e.fingerprint().equals(fp)) {
                    return e;
                }
            }
            String base = String.format(Locale.ROOT, "table-%03d", entries.size() + 1);
            Entry e = new Entry(base + ".csv", base + ".cbm", data.rows(), fp);
            writeTable(dir.resolve(e.table()), data);
            entries.add(e);
            writeIndex();
            return e;
        }

        private static void writeTable(Path file, TrainingData data) throws IOException {
            FeatureMatrix x = data.x();
            List<String> header = new ArrayList<>(x.schema().names());
            header.add("label");
            header.add("weight");
            double[] y = data.y();
            double[] w = data.weights();
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = Csv.printer(out)) {
                csv.printRecord(header);
                List<Object> row = new ArrayList<>(header.size());
                for (int r = 0; r < x.rows(); r++) {
                    row.clear();
                    for (int c = 0; c < x.cols(); c++) {
                        double v = x.get(r, c);
                        row.add(Double.isNaN(v) ? "" : Double.toString(v)); // exact, as the fingerprint saw it
                    }
                    row.add(Double.toString(y[r]));
                    row.add(Double.toString(w == null ? 1.0 : w[r]));
                    csv.printRecord(row);
                }
            }
        }

        private void writeIndex() throws IOException {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format", FORMAT);
            root.put("member", member);
            root.put("tables", entries);
            Path tmp = dir.resolve(INDEX + ".tmp");
            Files.writeString(tmp, Json.writer().writeValueAsString(root));
            Files.move(tmp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
