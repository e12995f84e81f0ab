package io.hyperfusion.features.encode.clip;

import io.hyperfusion.features.encode.onnx.OnnxAttribute;
import io.hyperfusion.features.encode.onnx.OnnxGraph;
import io.hyperfusion.features.encode.onnx.OnnxModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a tiny CLIP model folder for tests. No real CLIP weights exist on the build machine, so the two
 * towers are hand-built ONNX graphs (with {@link OnnxGraph}) whose outputs can be worked out on paper:
 *
 * <ul>
 *   <li>vision.onnx: {@code pixel_values [N,3,4,4] → GlobalAveragePool → Flatten → MatMul W_v [3,4]}, with
 *       {@code W_v} = [[1,0,0,1],[0,1,0,1],[0,0,1,1]], i.e. {@code [mean R, mean G, mean B, their sum]} of
 *       the normalised pixels;</li>
 *   <li>text.onnx: {@code input_ids [N,8] → Gather(E [13,4])}, masked mean over the 8 positions with
 *       {@code attention_mask} (or a plain ReduceMean when built without mask), then {@code MatMul} by the
 *       4×4 identity; row {@code E[i] = [i, 1, i mod 3, 0]};</li>
 *   <li>a 13-entry vocab.json and 4 merges (below), clip.json with image_size 4 and context_length 8.</li>
 * </ul>
 */
final class ClipTestFolder {

    static final int SIZE = 4;
    static final int CONTEXT = 8;
    static final int D = 4;
    /** Token i of the vocabulary has id i. */
    static final List<String> VOCAB = List.of("!", "a", "c", "t", "a</w>", "t</w>", "!</w>", "at</w>", "cat</w>",
            "s</w>", "'s</w>", ClipTokenizer.START, ClipTokenizer.END);
    static final int START = 11;
    static final int END = 12;
    /** Ranks 0..3; "t a" ranks after "a t</w>", so "tat" becomes t + at</w>. */
    static final String MERGES = "#version: 0.2\na t</w>\nc at</w>\n' s</w>\nt a\n";
    static final String CONFIG = "{\"image_size\": 4, \"context_length\": 8}";

    private ClipTestFolder() {
    }

    /** The standard folder: both towers, tokenizer files and clip.json. */
    static Path write(Path dir) {
        return write(dir, vision("pixel_values", SIZE, D), text(true, "input_ids", D));
    }

    static Path write(Path dir, OnnxModel vision, OnnxModel text) {
        try {
            Files.createDirectories(dir);
            vision.write(dir.resolve("vision.onnx"));
            text.write(dir.resolve("text.onnx"));
            writeTokenizer(dir);
            Files.writeString(dir.resolve("clip.json"), CONFIG, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeTokenizer(Path dir) throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < VOCAB.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(VOCAB.get(i).replace("\"", "\\\"")).append("\": ").append(i);
        }
        Files.writeString(dir.resolve("vocab.json"), json.append("}").toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("merges.txt"), MERGES, StandardCharsets.UTF_8);
    }

    /** The vision tower; {@code side} and {@code dOut} are a Long size or a String symbol. */
    static OnnxModel vision(String inputName, Object side, Object dOut) {
        return vision(inputName, side, dOut, new float[] {1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1});
    }

    /** The vision tower with its own {@code W_v} (row-major 3 × width). */
    static OnnxModel vision(String inputName, Object side, Object dOut, float[] weights) {
        OnnxGraph.Builder g = OnnxGraph.builder("clip-vision-test")
                .input(inputName, OnnxGraph.ElemType.FLOAT, "N", 3, side, side)
                .initializer("W_v", new long[] {3, weights.length / 3}, weights);
        String pooled = g.node("GlobalAveragePool", List.of(inputName), "pooled");
        String flat = g.node("Flatten", List.of(pooled), "flat", OnnxAttribute.of("axis", 1L));
        g.node("MatMul", List.of(flat, "W_v"), "image_embeds");
        g.output("image_embeds", OnnxGraph.ElemType.FLOAT, "N", dOut);
        return OnnxModel.of(g.build());
    }

    /** The text tower, with a masked mean when {@code withMask}, else a plain mean over all positions. */
    static OnnxModel text(boolean withMask, String idsName, Object dOut) {
        int v = VOCAB.size();
        float[] e = new float[v * D];
        for (int i = 0; i < v; i++) {
            e[i * D] = i;
            e[i * D + 1] = 1;
            e[i * D + 2] = i % 3;
        }
        float[] identity = new float[D * D];
        for (int i = 0; i < D; i++) {
            identity[i * D + i] = 1;
        }
        OnnxGraph.Builder g = OnnxGraph.builder("clip-text-test")
                .input(idsName, OnnxGraph.ElemType.INT64, "N", CONTEXT)
                .initializer("E", new long[] {v, D}, e)
                .initializer("W_t", new long[] {D, D}, identity);
        String emb = g.node("Gather", List.of("E", idsName), "emb", OnnxAttribute.of("axis", 0L));
        String pooled;
        if (withMask) {
            g.input("attention_mask", OnnxGraph.ElemType.INT64, "N", CONTEXT)
                    .initializerInt64("axis1", new long[] {1}, new long[] {1})
                    .initializerInt64("axis2", new long[] {1}, new long[] {2});
            String m = g.node("Cast", List.of("attention_mask"), "maskf", OnnxAttribute.of("to", 1L));
            String m3 = g.node("Unsqueeze", List.of(m, "axis2"), "mask3");
            String masked = g.node("Mul", List.of(emb, m3), "masked");
            String sum = g.node("ReduceSum", List.of(masked, "axis1"), "sum", OnnxAttribute.of("keepdims", 0L));
            String count = g.node("ReduceSum", List.of(m, "axis1"), "count", OnnxAttribute.of("keepdims", 1L));
            pooled = g.node("Div", List.of(sum, count), "pooled");
        } else {
            pooled = g.node("ReduceMean", List.of(emb), "pooled", OnnxAttribute.ints("axes", 1),
                    OnnxAttribute.of("keepdims", 0L));
        }
        g.node("MatMul", List.of(pooled, "W_t"), "text_embeds");
        g.output("text_embeds", OnnxGraph.ElemType.FLOAT, "N", dOut);
        return OnnxModel.of(g.build());
    }
}
