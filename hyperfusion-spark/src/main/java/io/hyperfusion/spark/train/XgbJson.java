package io.hyperfusion.spark.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Cuts an XGBoost JSON model (one tree per round: a single-target regression) to its first rounds. xgboost4j's
 * Java API cannot slice a booster; the single-machine trainer refits for the best number of rounds instead, which
 * grows the same first trees again. For a distributed fit that refit would cost a second cluster job, so the
 * trees after the best round are cut from the model file, which gives the same model as the refit.
 */
public final class XgbJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private XgbJson() {
    }

    /** The rounds (trees) of a model. */
    public static int rounds(byte[] json) {
        return model(read(json)).withArray("trees").size();
    }

    /**
     * The model with only its first {@code rounds} trees.
     *
     * @throws IllegalArgumentException when the model has fewer trees, or is not a single-target tree model
     */
    public static byte[] slice(byte[] json, int rounds) {
        JsonNode root = read(json);
        ObjectNode model = model(root);
        ArrayNode trees = model.withArray("trees");
        ObjectNode param = (ObjectNode) model.get("gbtree_model_param");
        if (param == null || !"1".equals(param.path("num_parallel_tree").asText("1"))) {
            throw new IllegalArgumentException("only models with one tree per round can be cut; got "
                    + (param == null ? "no gbtree_model_param" : param));
        }
        if (rounds < 1 || rounds > trees.size()) {
            throw new IllegalArgumentException("cannot cut a model of " + trees.size() + " trees to " + rounds);
        }
        while (trees.size() > rounds) {
            trees.remove(trees.size() - 1);
        }
        ArrayNode info = model.withArray("tree_info");
        while (info.size() > rounds) {
            info.remove(info.size() - 1);
        }
        if (model.has("iteration_indptr")) {
            ArrayNode ptr = model.withArray("iteration_indptr");
            while (ptr.size() > rounds + 1) {
                ptr.remove(ptr.size() - 1);
            }
        }
        param.put("num_trees", String.valueOf(rounds));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
        }
    }

    private static ObjectNode model(JsonNode root) {
        JsonNode booster = root.path("learner").path("gradient_booster");
        if (!"gbtree".equals(booster.path("name").asText())) {
            throw new IllegalArgumentException("only gbtree models can be cut, got '" + booster.path("name").asText() + "'");
        }
        return (ObjectNode) booster.get("model");
    }
}
