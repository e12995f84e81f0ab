package io.hyperfusion.models.catboost;

import ai.catboost.CatBoostError;
import ai.catboost.CatBoostModel;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.Json;
import io.hyperfusion.models.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Imports a CatBoost model trained elsewhere (Prokhorenkova et al., "CatBoost: unbiased boosting with
 * categorical features", NeurIPS 2018) so that it joins the ensemble as a {@link CatBoostImportedModel}.
 *
 * <p>CatBoost cannot be trained from Java here, so the model comes as a {@code .cbm} file written by Python's
 * {@code model.save_model(...)}, trained on the feature table that {@code export-features} writes; the caller
 * passes that table's columns as the {@link FeatureSchema}. Checked on import, with the file in every message:
 * <ul>
 *   <li>the model's feature count equals the schema's column count, and every feature the model names
 *       (pandas column names become CatBoost feature names) has the schema's name at its position;</li>
 *   <li>one prediction dimension, no text or embedding features, and a loss whose raw formula value is the
 *       prediction (RMSE, MAE, Quantile, Huber, Expectile, Lq, MAPE, or no loss recorded).</li>
 * </ul>
 *
 * <p><b>Categorical columns</b>, two supported ways:
 * <ol>
 *   <li>declared as {@code cat_features} in Python, with values the integer code as a string ({@code "3"}) and
 *       missing as {@code "-1"}: each such column's code is passed to CatBoost as that same string, which
 *       CatBoost hashes exactly as in training;</li>
 *   <li>left numeric (all-numeric model): the code is passed as a float, NaN = missing, like any other column.</li>
 * </ol>
 * Any model column may be categorical in CatBoost whatever the schema says; its value is then passed as the
 * integer string when integral (else the float's string).
 */
public final class CatBoostImport {
    /** The family name of imported CatBoost models. */
    public static final String FAMILY = "catboost";
    private static final Set<String> RAW_VALUE_LOSSES =
            Set.of("RMSE", "MAE", "Quantile", "Huber", "Expectile", "Lq", "MAPE");

    private CatBoostImport() {
    }

    /**
     * Loads {@code cbmFile} and checks it against {@code schema}. catboost-prediction's Java API takes no thread
     * count, so prediction uses whatever the native evaluator does by default.
     *
     * @throws NoSuchFileException       when the file is missing
     * @throws IllegalArgumentException  when it is not a CatBoost model or does not fit the schema
     */
    public static CatBoostImportedModel load(Path cbmFile, FeatureSchema schema) throws IOException {
        if (!Files.isRegularFile(cbmFile)) {
            throw new NoSuchFileException(cbmFile.toString(), null, "CatBoost model file not found");
        }
        byte[] bytes = Files.readAllBytes(cbmFile);
        return fromBytes(bytes, schema, m -> importProvenance(m, schema, bytes, cbmFile), cbmFile.toString());
    }

    /**
     * Builds a model from {@code .cbm} bytes; {@code provenance} makes its provenance from the loaded native
     * model, and {@code what} names the source in error messages.
     */
    static CatBoostImportedModel fromBytes(byte[] bytes, FeatureSchema schema,
                                           Function<CatBoostModel, Provenance> provenance, String what) {
        CatBoostModel nativeModel;
        try {
            nativeModel = CatBoostModel.loadModel(bytes);
        } catch (CatBoostError e) {
            throw new IllegalArgumentException(what + ": not a CatBoost model file: " + e.getMessage(), e);
        }
        try {
            CatBoostLayout layout = CatBoostLayout.of(nativeModel, schema, what);
            checkLoss(nativeModel.getMetadata(), what);
            return new CatBoostImportedModel(schema, provenance.apply(nativeModel), bytes, layout, nativeModel);
        } catch (RuntimeException e) {
            closeQuietly(nativeModel);
            throw e;
        }
    }

    private static void checkLoss(Map<String, String> metadata, String what) {
        String loss = lossFunction(metadata);
        if (loss != null && !RAW_VALUE_LOSSES.contains(loss)) {
            throw new IllegalArgumentException(what + ": CatBoost loss function '" + loss + "' does not predict on "
                    + "the raw scale; expected one of " + new TreeSet<>(RAW_VALUE_LOSSES));
        }
    }

    /** The loss function's name from the model's {@code params} metadata, or null when not recorded. */
    static String lossFunction(Map<String, String> metadata) {
        String params = metadata.get("params");
        if (params == null) {
            return null;
        }
        try {
            JsonNode loss = Json.reader().readTree(params).path("loss_function").path("type");
            return loss.isTextual() ? loss.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Provenance importProvenance(CatBoostModel model, FeatureSchema schema, byte[] bytes, Path file) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("source_file", file.getFileName().toString());
        options.put("sha256", sha256(bytes));
        Map<String, String> meta = model.getMetadata();
        String loss = lossFunction(meta);
        if (loss != null) {
            options.put("loss_function", loss);
        }
        Map<String, String> extra = new TreeMap<>();
        extra.put("tree_count", Integer.toString(model.getTreeCount()));
        extra.put("categorical_features", Integer.toString(model.getUsedCategoricFeatureCount()));
        extra.put("imported_from", file.toAbsolutePath().toString());
        for (String key : List.of("catboost_version_info", "model_guid", "train_finish_time")) {
            if (meta.containsKey(key)) {
                extra.put(key, meta.get(key));
            }
        }
        return new Provenance(FAMILY, options, "catboost-prediction", libraryVersion(),
                System.getProperty("java.version"), 0, schema.size(), 0, 1, 0, Instant.now(), extra);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The catboost-prediction version on the class path. */
    public static String libraryVersion() {
        return io.hyperfusion.models.NativeModel.libraryVersion(CatBoostModel.class,
                "/META-INF/maven/ai.catboost/catboost-prediction/pom.properties");
    }

    static void closeQuietly(CatBoostModel m) {
        try {
            m.close();
        } catch (CatBoostError e) {
            // Freeing failed: nothing sensible to do, the process keeps running.
        }
    }
}
