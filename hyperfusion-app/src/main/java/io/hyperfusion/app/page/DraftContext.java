package io.hyperfusion.app.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.app.embed.EmbeddingRun;
import io.hyperfusion.app.serve.ServedModel;
import io.hyperfusion.ensemble.hierarchy.HierarchicalModel;
import io.hyperfusion.features.FittedGroup;
import io.hyperfusion.features.Vocabulary;
import io.hyperfusion.features.meta.MetaFeatures;
import io.hyperfusion.features.user.UserFeatures;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /v1/draft-context}: everything the drafting page needs to build its form and to explain
 * a score, fixed for the served bundle — the label scale (percentiles), the category levels, the extra post and
 * profile fields the model was fitted with, the training tags, the tiers and their blend, the held-out accuracy,
 * the authors known, the period the training posts span and the request limits the page checks before the server
 * does.
 */
final class DraftContext {
    /** Image types the server decodes (ImageIO with the TwelveMonkeys JPEG reader). */
    static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png", "image/gif", "image/bmp");
    /** Room left in a request body for everything but the image. */
    static final long BODY_RESERVE = 64 * 1024;
    /** Values listed per extra categorical field. */
    private static final int MAX_VALUES = 50;

    private DraftContext() { }

    /** The context JSON of a served model. */
    static ObjectNode of(ObjectMapper json, ServedModel model, TrainingSummary summary, AuthorIndex authors,
                         long maxBodyBytes) {
        ObjectNode o = json.createObjectNode();
        o.put("model_id", model.modelId());
        Map<String, String> enc = model.predictor().model().encoders();
        o.put("uses_image", EmbeddingRun.usesImages(enc) || EmbeddingRun.usesClip(enc));
        ObjectNode img = o.putObject("image");
        IMAGE_TYPES.forEach(img.putArray("types")::add);
        // base64 makes 3 bytes into 4 characters.
        img.put("max_bytes", Math.max(0, (maxBodyBytes - BODY_RESERVE) / 4 * 3));
        o.put("max_body_bytes", maxBodyBytes);
        if (summary.labels() != null) {
            o.set("labels", json.valueToTree(summary.labels()));
        } else {
            o.putNull("labels");
        }
        if (summary.categories() != null) {
            o.set("categories", json.valueToTree(summary.categories()));
        } else {
            o.putNull("categories");
        }
        fields(o, model);
        o.set("typical", json.valueToTree(summary.typical()));
        ArrayNode tags = o.putArray("tags");
        model.trainingTags().keySet().forEach(tags::add);
        tiers(o.putObject("tiers"), model);
        ObjectNode valid = o.putObject("held_out");
        Map<String, Double> m = model.bundle().manifest().trainingMetrics();
        for (String[] k : new String[][] {{"src", "valid_src"}, {"mae", "valid_mae"}, {"posts", "valid_rows"}}) {
            Double v = m.get(k[1]);
            if (v != null && Double.isFinite(v)) {
                valid.put(k[0], v);
            } else {
                valid.putNull(k[0]); // JSON has no NaN
            }
        }
        o.put("authors", authors.size());
        java.time.Instant[] period = authors.period();
        ObjectNode p = o.putObject("training_period");
        p.put("first", period == null ? null : period[0].toString());
        p.put("last", period == null ? null : period[1].toString());
        o.put("authors_with_profiles", summary.authors().size());
        ObjectNode advice = o.putObject("advice");
        advice.put("hours", Advisor.HOURS);
        advice.put("default_candidates", Advisor.DEFAULT_CANDIDATES);
        return o;
    }

    /** Category levels and the extra fields of the meta and user groups. */
    private static void fields(ObjectNode o, ServedModel model) {
        ArrayNode levels = o.putArray("category_levels");
        ArrayNode cats = o.putArray("post_categorical");
        ArrayNode nums = o.putArray("post_numeric");
        ArrayNode profile = o.putArray("profile_numeric");
        ArrayNode groups = o.putArray("feature_groups");
        for (FittedGroup g : model.predictor().model().pipeline().groups()) {
            String first = g.names().isEmpty() ? "" : g.names().get(0);
            groups.add(first.contains("#") ? first.substring(0, first.indexOf('#')) : first);
            if (g instanceof MetaFeatures.Fitted meta) {
                for (Vocabulary v : meta.levels()) {
                    ArrayNode a = levels.addArray();
                    v.values().forEach(a::add);
                }
                for (int i = 0; i < meta.categoricalFields().size(); i++) {
                    ObjectNode f = cats.addObject();
                    f.put("name", meta.categoricalFields().get(i));
                    Vocabulary v = meta.categoricalVocabularies().get(i);
                    f.put("distinct", v.size());
                    ArrayNode values = f.putArray("values"); // most frequent first
                    v.values().stream().limit(MAX_VALUES).forEach(values::add);
                }
                meta.numericFields().forEach(nums::add);
            } else if (g instanceof UserFeatures.Fitted user) {
                user.numericFields().forEach(profile::add);
            }
        }
    }

    /** Tier names, blend weights and the member whose reasons are reported. */
    private static void tiers(ObjectNode t, ServedModel model) {
        t.put("explained_member", model.predictor().explainedMember());
        ArrayNode experts = t.putArray("experts");
        ObjectNode weights = t.putObject("weights");
        if (model.predictor().model().model() instanceof HierarchicalModel h) {
            h.experts().forEach(e -> experts.add(e.spec().name()));
            double[] w = h.blender().weights();
            for (int f = 0; f < h.fusion().size(); f++) {
                weights.put(h.fusion().get(f).spec().name(), w[f]);
            }
            t.put("intercept", h.blender().intercept());
        }
    }
}
