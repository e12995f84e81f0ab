package io.hyperfusion.features.encode.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxModelTest {

    /** y = Relu(x·W + b) with a symbolic batch, plus a Transpose (ints attribute) and a Softmax (int attribute). */
    private static OnnxModel tinyModel() {
        OnnxGraph.Builder g = OnnxGraph.builder("tiny")
                .input("x", OnnxGraph.ElemType.FLOAT, "N", 3)
                .initializer("W", new long[] {3, 2}, new float[] {1, -1, 2, 0, -3, 1})
                .initializer("b", new long[] {2}, new float[] {0.5f, -0.25f});
        String mm = g.node("MatMul", List.of("x", "W"), "mm");
        String add = g.node("Add", List.of(mm, "b"), "add");
        g.node("Relu", List.of(add), "y");
        g.node("Transpose", List.of("y"), "yt", OnnxAttribute.ints("perm", 1, 0));
        g.node("Softmax", List.of("y"), "p", OnnxAttribute.of("axis", 1L));
        g.output("y", OnnxGraph.ElemType.FLOAT, "N", 2)
                .output("yt", OnnxGraph.ElemType.FLOAT, 2, "N")
                .output("p", OnnxGraph.ElemType.FLOAT, "N", 2);
        return OnnxModel.of(g.build()).withMetadata(Map.of("purpose", "test"));
    }

    @Test
    void handBuiltGraphRunsInOnnxRuntimeWithHandComputedResult(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.onnx");
        tinyModel().write(file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(file.toString(), opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1, 2, 3}, {-1, 0, 0}});
                 OrtSession.Result r = s.run(Map.of("x", x))) {
                assertEquals("test", s.getMetadata().getCustomMetadata().get("purpose"));
                float[][] y = (float[][]) r.get("y").orElseThrow().getValue();
                // row 0: x·W = [1+4-9, -1+0+3] = [-4, 2]; + b = [-3.5, 1.75]; relu = [0, 1.75]
                // row 1: x·W = [-1, 1]; + b = [-0.5, 0.75]; relu = [0, 0.75]
                assertArrayEquals(new float[] {0f, 1.75f}, y[0], 1e-6f);
                assertArrayEquals(new float[] {0f, 0.75f}, y[1], 1e-6f);
                float[][] yt = (float[][]) r.get("yt").orElseThrow().getValue();
                assertArrayEquals(new float[] {1.75f, 0.75f}, yt[1], 1e-6f);
                float[][] p = (float[][]) r.get("p").orElseThrow().getValue();
                double e = Math.exp(1.75);
                assertEquals(e / (1 + e), p[0][1], 1e-6);
            }
        }
    }

    @Test
    void serialisationIsDeterministic() {
        assertArrayEquals(tinyModel().toByteArray(), tinyModel().toByteArray());
    }

    @Test
    void builderRejectsUndefinedInputsDuplicatesAndMissingOutputs() {
        OnnxGraph.Builder g = OnnxGraph.builder("bad").input("x", OnnxGraph.ElemType.FLOAT, "N", 3);
        IllegalArgumentException undefined = assertThrows(IllegalArgumentException.class,
                () -> g.node("Relu", List.of("nope"), "y"));
        assertTrue(undefined.getMessage().contains("'nope'"), undefined.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.input("x", OnnxGraph.ElemType.FLOAT, 1));
        g.output("z", OnnxGraph.ElemType.FLOAT, "N", 3);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, g::build);
        assertTrue(missing.getMessage().contains("'z'"), missing.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OnnxGraph.builder("b").initializer("w", new long[] {2, 2}, new float[3]));
    }

    @Test
    void onnxRuntimeRejectsAGraphWithAWrongAttributeType(@TempDir Path dir) throws Exception {
        // Guards the attribute encoding: a float where Softmax expects an int must be refused by the runtime.
        OnnxGraph.Builder g = OnnxGraph.builder("wrong").input("x", OnnxGraph.ElemType.FLOAT, "N", 2);
        g.node("Softmax", List.of("x"), "y", OnnxAttribute.of("axis", 1.0f));
        g.output("y", OnnxGraph.ElemType.FLOAT, "N", 2);
        Path file = dir.resolve("wrong.onnx");
        Files.write(file, OnnxModel.of(g.build()).toByteArray());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        assertThrows(OrtException.class, () -> {
            try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
                s.getInputNames();
            }
        });
    }
}
