package io.hyperfusion.features.encode.mobilenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfjsLayersToOnnxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path model(Path dir, String layersJson, String weightsJson, byte[] shard) throws IOException {
        String json = """
                {"modelTopology": {"model_config": {"class_name": "Model", "config": {"name": "m",
                  "layers": [%s], "input_layers": [["in", 0, 0]], "output_layers": [["out", 0, 0]]}}},
                 "weightsManifest": [{"paths": ["shard"], "weights": [%s]}]}
                """.formatted(layersJson, weightsJson);
        Files.write(dir.resolve("shard"), shard);
        Path file = dir.resolve("model.json");
        Files.writeString(file, json);
        return file;
    }

    private static final String INPUT = """
            {"name": "in", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 4, 2],
             "dtype": "float32"}, "inbound_nodes": []}""";

    @Test
    void unsupportedLayerClassIsNamed(@TempDir Path dir) throws IOException {
        Path file = model(dir, INPUT + """
                , {"name": "out", "class_name": "Conv3D", "config": {}, "inbound_nodes": [[["in", 0, 0, {}]]]}""",
                "", new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfjsLayersToOnnx.convert(file, "out"));
        assertTrue(e.getMessage().contains("'out'") && e.getMessage().contains("'Conv3D'"), e.getMessage());
    }

    @Test
    void missingWeightIsNamed(@TempDir Path dir) throws IOException {
        Path file = model(dir, INPUT + """
                , {"name": "flat", "class_name": "GlobalAveragePooling2D", "config": {}, "inbound_nodes": [[["in", 0, 0, {}]]]}
                , {"name": "out", "class_name": "Dense", "config": {"units": 3, "activation": "softmax"},
                   "inbound_nodes": [[["flat", 0, 0, {}]]]}""", "", new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfjsLayersToOnnx.convert(file, "flat"));
        assertTrue(e.getMessage().contains("'out/kernel'"), e.getMessage());
    }

    @Test
    void uint8QuantisedAndFloat16WeightsDecodeAsTfjsDoes(@TempDir Path dir) throws IOException {
        String specs = """
                {"name": "l/a", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
                {"name": "l/b", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}},
                {"name": "l/c:0", "shape": [1], "dtype": "float32"}""";
        byte[] shard = {0, 2, (byte) 255, 0x00, 0x3C, 0x00, (byte) 0xC0, 0x00, 0x00, (byte) 0x80, 0x3F};
        Path file = model(dir, INPUT, specs, shard);
        JsonNode root = JSON.readTree(file.toFile());
        TfjsWeights w = TfjsWeights.read(root.get("weightsManifest"), dir, file);
        assertArrayEquals(new float[] {-1f, 0f, 126.5f}, w.take("l", "a").values());
        assertArrayEquals(new float[] {1f, -2f}, w.take("l", "b").values());
        assertArrayEquals(new float[] {1f}, w.take("l", "c").values());
    }

    @Test
    void shardSizeMismatchIsReported(@TempDir Path dir) throws IOException {
        Path file = model(dir, INPUT, "{\"name\": \"c\", \"shape\": [2], \"dtype\": \"float32\"}", new byte[4]);
        JsonNode root = JSON.readTree(file.toFile());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TfjsWeights.read(root.get("weightsManifest"), dir, file));
        assertTrue(e.getMessage().contains("'c'") && e.getMessage().contains("8 bytes"), e.getMessage());
    }

    /** Conv2D 3×3, stride 2, 'same' on 5×5 (TF pads 1 top/left, 1 bottom/right) and on 4×4 (0 top, 1 bottom). */
    @Test
    void sameStride2ConvAndNhwcFlattenMatchANaiveTfImplementation(@TempDir Path dir) throws Exception {
        for (int size : new int[] {4, 5}) {
            Path sub = Files.createDirectories(dir.resolve("s" + size));
            int cin = 2, cout = 3, k = 3;
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(7 + size);
            float[] kernel = new float[k * k * cin * cout];
            float[] bias = new float[cout];
            for (int i = 0; i < kernel.length; i++) kernel[i] = (float) rnd.nextDouble(-1, 1);
            for (int i = 0; i < cout; i++) bias[i] = (float) rnd.nextDouble(-1, 1);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((kernel.length + cout) * 4)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (float f : kernel) buf.putFloat(f);
            for (float f : bias) buf.putFloat(f);
            String layers = INPUT.replace("[null, 4, 4, 2]", "[null, " + size + ", " + size + ", 2]") + """
                    , {"name": "conv", "class_name": "Conv2D", "config": {"filters": 3, "kernel_size": [3, 3],
                       "strides": [2, 2], "padding": "same", "use_bias": true, "activation": "linear",
                       "dilation_rate": [1, 1]}, "inbound_nodes": [[["in", 0, 0, {}]]]}
                    , {"name": "out", "class_name": "Flatten", "config": {}, "inbound_nodes": [[["conv", 0, 0, {}]]]}""";
            String specs = """
                    {"name": "conv/kernel", "shape": [3, 3, 2, 3], "dtype": "float32"},
                    {"name": "conv/bias", "shape": [3], "dtype": "float32"}""";
            Path file = model(sub, layers, specs, buf.array());
            TfjsLayersToOnnx.Result r = TfjsLayersToOnnx.convert(file, "out");
            int outSize = (size + 1) / 2;
            assertEquals(outSize * outSize * cout, r.featureDim());
            float[] image = new float[size * size * cin];
            for (int i = 0; i < image.length; i++) image[i] = (float) rnd.nextDouble();
            // TF 'same': total pad = max((out-1)*s + k - in, 0), the smaller half before.
            int padTotal = Math.max((outSize - 1) * 2 + k - size, 0);
            int before = padTotal / 2;
            float[] expected = new float[outSize * outSize * cout];
            for (int oy = 0; oy < outSize; oy++) {
                for (int ox = 0; ox < outSize; ox++) {
                    for (int co = 0; co < cout; co++) {
                        double acc = bias[co];
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int y = oy * 2 + i - before, x = ox * 2 + j - before;
                                if (y < 0 || x < 0 || y >= size || x >= size) continue;
                                for (int ci = 0; ci < cin; ci++) {
                                    acc += image[(y * size + x) * cin + ci] * kernel[((i * k + j) * cin + ci) * cout + co];
                                }
                            }
                        }
                        expected[(oy * outSize + ox) * cout + co] = (float) acc;
                    }
                }
            }
            Path onnx = sub.resolve("m.onnx");
            r.model().write(onnx);
            var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
            try (var s = env.createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions());
                 var x = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(image),
                         new long[] {1, size, size, cin});
                 var res = s.run(java.util.Map.of(TfjsLayersToOnnx.INPUT, x))) {
                float[][] got = (float[][]) res.get(TfjsLayersToOnnx.FEATURES).orElseThrow().getValue();
                assertArrayEquals(expected, got[0], 1e-5f, "input " + size + "x" + size);
            }
        }
    }

    @Test
    void halfFloatDecoding() {
        assertEquals(65504f, TfjsWeights.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, TfjsWeights.halfToFloat((short) 0x0001));
        assertEquals(Float.NEGATIVE_INFINITY, TfjsWeights.halfToFloat((short) 0xFC00));
    }
}
