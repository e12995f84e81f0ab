package io.hyperfusion.features.encode.mobilenet;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperfusion.features.encode.onnx.OnnxGraph;
import io.hyperfusion.features.encode.onnx.OnnxModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a TensorFlow.js Keras <em>layers</em> model (model.json + weight shards) into an ONNX model with
 * input {@code image} float32 [N,H,W,C] (NHWC, as Keras) and two outputs: {@code features} (the output of a
 * named flat layer, e.g. the pooled features before the classifier) and {@code probs} (the model output).
 *
 * <p>Inside the graph the image is transposed once to NCHW. Supported layer classes: InputLayer, Conv2D,
 * DepthwiseConv2D, BatchNormalization, ReLU, Activation, Add, ZeroPadding2D, AveragePooling2D,
 * MaxPooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, Flatten, Dense and Dropout; anything else fails
 * with the layer's name and class. TF 'same' padding is computed from the static shapes (the extra pixel of
 * an odd total goes bottom/right, as TF does).
 */
public final class TfjsLayersToOnnx {

    /** Name of the ONNX input. */
    public static final String INPUT = "image";
    /** Name of the ONNX output holding the named feature layer. */
    public static final String FEATURES = "features";
    /** Name of the ONNX output holding the model output. */
    public static final String PROBS = "probs";

    private TfjsLayersToOnnx() {
    }

    /** The converted model and the per-image sizes of its two outputs. */
    public record Result(OnnxModel model, int featureDim, int outputDim, int height, int width, int channels) {
    }

    /**
     * Converts {@code modelJson} (shards are resolved against its directory).
     *
     * @param featuresLayer the Keras layer whose (flat) output becomes {@code features}
     */
    public static Result convert(Path modelJson, String featuresLayer) throws IOException {
        JsonNode root = Jackson.json().readTree(modelJson.toFile());
        JsonNode topology = root.path("modelTopology");
        JsonNode modelConfig = topology.has("model_config") ? topology.get("model_config") : topology;
        String modelClass = modelConfig.path("class_name").asText();
        if (!modelClass.equals("Model") && !modelClass.equals("Functional")) {
            throw new IllegalArgumentException(modelJson + ": model class '" + modelClass
                    + "' is not supported (expected a functional 'Model')");
        }
        TfjsWeights weights = TfjsWeights.read(root.get("weightsManifest"), modelJson.getParent(), modelJson);
        JsonNode config = modelConfig.path("config");
        OnnxGraph.Builder g = OnnxGraph.builder(config.path("name").asText("model"));
        LayerEmitter emitter = new LayerEmitter(g, weights, modelJson);
        Map<String, LayerEmitter.Value> values = new HashMap<>();
        LayerEmitter.Value input = null;
        for (JsonNode layer : config.path("layers")) {
            String name = layer.path("name").asText();
            String cls = layer.path("class_name").asText();
            List<LayerEmitter.Value> inbound = inbound(layer, values, modelJson);
            LayerEmitter.Value out;
            if (cls.equals("InputLayer")) {
                if (input != null) {
                    throw new IllegalArgumentException(modelJson + ": only one InputLayer is supported, found another: '"
                            + name + "'");
                }
                out = emitter.input(name, layer.path("config"), INPUT);
                input = out;
            } else {
                out = emitter.emit(name, cls, layer.path("config"), inbound);
            }
            if (values.put(name, out) != null) {
                throw new IllegalArgumentException(modelJson + ": layer name '" + name + "' is used twice");
            }
        }
        if (input == null) {
            throw new IllegalArgumentException(modelJson + ": the model has no InputLayer");
        }
        String outputLayer = singleLayerRef(config.path("output_layers"), modelJson, "output_layers");
        LayerEmitter.Value probs = required(values, outputLayer, modelJson, "output layer");
        LayerEmitter.Value features = required(values, featuresLayer, modelJson, "features layer");
        for (LayerEmitter.Value v : List.of(probs, features)) {
            if (v.shape().length != 1) {
                throw new IllegalArgumentException(modelJson + ": output '" + v.onnx() + "' must be flat [N,D], got "
                        + "per-image shape " + java.util.Arrays.toString(v.shape()));
            }
        }
        if (!weights.unused().isEmpty()) {
            throw new IllegalArgumentException(modelJson + ": weights not used by any layer (names do not match the"
                    + " topology?): " + weights.unused());
        }
        g.node("Identity", List.of(features.onnx()), FEATURES);
        g.node("Identity", List.of(probs.onnx()), PROBS);
        int[] in = input.shape();
        g.output(FEATURES, OnnxGraph.ElemType.FLOAT, "N", features.shape()[0]);
        g.output(PROBS, OnnxGraph.ElemType.FLOAT, "N", probs.shape()[0]);
        OnnxModel model = OnnxModel.of(g.build());
        return new Result(model, features.shape()[0], probs.shape()[0], in[0], in[1], in[2]);
    }

    private static List<LayerEmitter.Value> inbound(JsonNode layer, Map<String, LayerEmitter.Value> values,
                                                    Path modelJson) {
        String name = layer.path("name").asText();
        JsonNode nodes = layer.path("inbound_nodes");
        List<LayerEmitter.Value> out = new ArrayList<>();
        if (nodes.isEmpty()) {
            return out;
        }
        if (nodes.size() != 1 || !nodes.get(0).isArray()) {
            throw new IllegalArgumentException(modelJson + ": layer '" + name + "' has " + nodes.size()
                    + " inbound nodes in an unsupported form (shared layers and Keras 3 configs are not supported)");
        }
        for (JsonNode ref : nodes.get(0)) {
            String src = ref.get(0).asText();
            if (ref.get(1).asInt() != 0 || ref.get(2).asInt() != 0) {
                throw new IllegalArgumentException(modelJson + ": layer '" + name + "' reads node/tensor "
                        + ref.get(1) + "/" + ref.get(2) + " of '" + src + "'; only 0/0 is supported");
            }
            out.add(required(values, src, modelJson, "inbound layer of '" + name + "'"));
        }
        return out;
    }

    private static String singleLayerRef(JsonNode refs, Path modelJson, String field) {
        if (refs.size() != 1) {
            throw new IllegalArgumentException(modelJson + ": expected exactly one entry in " + field + ", got " + refs);
        }
        return refs.get(0).get(0).asText();
    }

    private static LayerEmitter.Value required(Map<String, LayerEmitter.Value> values, String name, Path modelJson,
                                               String what) {
        LayerEmitter.Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(modelJson + ": " + what + " '" + name
                    + "' is not a layer defined before it is used");
        }
        return v;
    }
}
