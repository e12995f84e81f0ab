package io.hyperfusion.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperfusion.app.advise.Advisor;
import io.hyperfusion.data.Post;
import java.util.List;
import java.util.Map;

/** Renders predictions, advice and errors as the JSON the server answers with (docs/SERVING.md). */
public final class ResponseJson {
    private ResponseJson() { }

    /** One post's answer. */
    public static ObjectNode prediction(Post post, Prediction p, String modelId) {
        return prediction(post, p, List.of(), modelId);
    }

    /** One post's answer, with the reader's warnings about its image (truncated or damaged) when there are any. */
    static ObjectNode prediction(Post post, Prediction p, List<String> imageWarnings, String modelId) {
        ObjectNode o = RequestReader.JSON.createObjectNode();
        o.put("post_id", post.postId());
        o.put("user_id", post.userId());
        o.put("popularity_score", p.score());
        if (p.tiers() != null) {
            ObjectNode t = o.putObject("tiers");
            put(t.putObject("tier1"), p.tiers().tier1());
            put(t.putObject("tier2"), p.tiers().tier2());
            ObjectNode blend = t.putObject("blend");
            put(blend.putObject("weights"), p.tiers().weights());
            put(blend.putObject("weighted"), p.tiers().weighted());
            blend.put("intercept", p.tiers().intercept());
        }
        ArrayNode top = o.putArray("top_features");
        for (Prediction.Contribution c : p.topFeatures()) {
            ObjectNode f = top.addObject();
            f.put("feature", c.feature());
            number(f, "value", c.value());
            f.put("contribution", c.contribution());
            f.put("member", c.member());
        }
        if (!imageWarnings.isEmpty()) {
            ArrayNode w = o.putArray("image_warnings");
            imageWarnings.forEach(w::add);
        }
        o.put("model_id", modelId);
        return o;
    }

    /** The answer to a predict request: one object for a single post, {@code {"predictions": [...]}} for a batch. */
    public static ObjectNode predictions(RequestReader.Posts req, List<Prediction> preds, String modelId) {
        return predictions(req, preds, OnlineEmbedder.Decoded.none(), modelId);
    }

    /** As {@link #predictions(RequestReader.Posts, List, String)}, naming image warnings found while decoding. */
    static ObjectNode predictions(RequestReader.Posts req, List<Prediction> preds, OnlineEmbedder.Decoded decoded,
                                  String modelId) {
        if (!req.root().has("posts")) {
            return prediction(req.posts().get(0), preds.get(0), decoded.warnings(req.images().get(0)), modelId);
        }
        ObjectNode o = RequestReader.JSON.createObjectNode();
        ArrayNode arr = o.putArray("predictions");
        for (int i = 0; i < preds.size(); i++) {
            arr.add(prediction(req.posts().get(i), preds.get(i), decoded.warnings(req.images().get(i)), modelId));
        }
        o.put("model_id", modelId);
        return o;
    }

    /** Posting advice. */
    public static ObjectNode advice(Post draft, Advisor.Advice a, String modelId) {
        ObjectNode o = RequestReader.JSON.createObjectNode();
        o.put("post_id", draft.postId());
        o.put("from", a.from().toString());
        o.put("base_time", a.baseTime().toString());
        o.put("base_score", a.baseScore());
        ArrayNode slots = o.putArray("slots");
        for (Advisor.Slot s : a.slots()) {
            slots.addObject().put("time", s.time().toString()).put("popularity_score", s.score());
        }
        o.put("candidate_tags_from", a.candidateSource());
        ArrayNode tags = o.putArray("tag_effects");
        for (Advisor.TagEffect e : a.tagEffects()) {
            tags.addObject().put("tag", e.tag()).put("action", e.action()).put("popularity_score", e.score())
                    .put("delta", e.delta());
        }
        o.put("model_id", modelId);
        return o;
    }

    /** {@code {"error": message, "field": field}} (field omitted when null). */
    public static ObjectNode error(String message, String field) {
        ObjectNode o = RequestReader.JSON.createObjectNode();
        o.put("error", message);
        if (field != null) {
            o.put("field", field);
        }
        return o;
    }

    private static void put(ObjectNode o, Map<String, Double> m) {
        m.forEach((k, v) -> number(o, k, v));
    }

    /** JSON has no NaN: a missing value is null. */
    private static void number(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
