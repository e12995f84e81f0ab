package io.hyperfusion.models.catboost;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a CatBoost binary model ({@code .cbm}) by hand, for tests: CatBoost cannot be trained here.
 *
 * <p>A {@code .cbm} file is the four bytes {@code CBM1}, a little-endian 32-bit size and a FlatBuffers
 * {@code NCatBoostFbs.TModelCore} of that size (catboost/libs/model/model.cpp, {@code TFullModel::Save}); the
 * tables follow catboost/libs/model/flatbuffers/model.fbs and features.fbs, whose field order fixes the
 * vtable slot numbers used below. Only what an oblivious-tree regression model without CTRs needs is written:
 * float features with borders, categorical features with one-hot splits, tree splits, leaf values, bias.
 *
 * <p>Binary features (the "splits" a tree refers to) are numbered as CatBoost numbers them on load
 * ({@code TModelTrees::CalcBinFeatures}): every border of every float feature in order, then every one-hot
 * value of every one-hot feature in order. A tree's split {@code d} sets bit {@code d} of its leaf index.
 */
final class CbmWriter {
    /** CatBoost's {@code CURRENT_CORE_FORMAT_STRING}, spelled as in its source. */
    static final String CORE_FORMAT = "FlabuffersModel_v1";

    /** One feature column of the model, by flat (column) index. */
    record Feature(String name, boolean categorical, float[] borders, int[] oneHotHashes) {
    }

    /** One oblivious tree: its binary-feature splits (bit 0 first) and its 2^depth leaf values. */
    record Tree(int[] splits, double[] leaves) {
        Tree {
            if (leaves.length != 1 << splits.length) {
                throw new IllegalArgumentException("depth " + splits.length + " needs " + (1 << splits.length)
                        + " leaves, got " + leaves.length);
            }
        }
    }

    private CbmWriter() {
    }

    /** The complete {@code .cbm} file content. */
    static byte[] write(List<Feature> features, List<Tree> trees, double bias, Map<String, String> info) {
        byte[] core = modelCore(features, trees, bias, info);
        ByteBuffer out = ByteBuffer.allocate(8 + core.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("CBM1".getBytes(StandardCharsets.US_ASCII)).putInt(core.length).put(core);
        return out.array();
    }

    static void write(Path file, List<Feature> features, List<Tree> trees, double bias, Map<String, String> info)
            throws IOException {
        Files.write(file, write(features, trees, bias, info));
    }

    private static byte[] modelCore(List<Feature> features, List<Tree> trees, double bias, Map<String, String> info) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        List<Integer> floats = new ArrayList<>();
        List<Integer> cats = new ArrayList<>();
        List<Integer> oneHots = new ArrayList<>();
        int floatIndex = 0;
        int catIndex = 0;
        for (int flat = 0; flat < features.size(); flat++) {
            Feature f = features.get(flat);
            int name = b.createString(f.name());
            if (f.categorical()) {
                // TCatFeature: 0 Index, 1 FlatIndex, 2 FeatureId, 3 UsedInModel (default true)
                b.startTable(4);
                b.addInt(0, catIndex, -1);
                b.addInt(1, flat, -1);
                b.addOffset(2, name, 0);
                cats.add(b.endTable());
                if (f.oneHotHashes().length > 0) {
                    int values = intVector(b, f.oneHotHashes());
                    // TOneHotFeature: 0 Index (of the categorical feature), 1 Values, 2 StringValues
                    b.startTable(3);
                    b.addInt(0, catIndex, -1);
                    b.addOffset(1, values, 0);
                    oneHots.add(b.endTable());
                }
                catIndex++;
            } else {
                b.startVector(4, f.borders().length, 4);
                for (int i = f.borders().length - 1; i >= 0; i--) {
                    b.addFloat(f.borders()[i]);
                }
                int borders = b.endVector();
                // TFloatFeature: 0 HasNans, 1 Index, 2 FlatIndex, 3 Borders, 4 FeatureId, 5 NanValueTreatment
                b.startTable(6);
                b.addInt(1, floatIndex, -1);
                b.addInt(2, flat, -1);
                b.addOffset(3, borders, 0);
                b.addOffset(4, name, 0);
                floats.add(b.endTable());
                floatIndex++;
            }
        }
        int catVec = b.createVectorOfTables(ints(cats));
        int floatVec = b.createVectorOfTables(ints(floats));
        int oneHotVec = b.createVectorOfTables(ints(oneHots));

        List<Integer> splits = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Double> leaves = new ArrayList<>();
        for (Tree t : trees) {
            starts.add(splits.size());
            sizes.add(t.splits().length);
            for (int s : t.splits()) {
                splits.add(s);
            }
            for (double v : t.leaves()) {
                leaves.add(v);
            }
        }
        int splitVec = intVector(b, ints(splits));
        int sizeVec = intVector(b, ints(sizes));
        int startVec = intVector(b, ints(starts));
        b.startVector(8, leaves.size(), 8);
        for (int i = leaves.size() - 1; i >= 0; i--) {
            b.addDouble(leaves.get(i));
        }
        int leafVec = b.endVector();
        b.startVector(8, 1, 8);
        b.addDouble(bias);
        int biasVec = b.endVector();

        // TModelTrees: 0 ApproxDimension, 1 TreeSplits, 2 TreeSizes, 3 TreeStartOffsets, 4 CatFeatures,
        // 5 FloatFeatures, 6 OneHotFeatures, 7 CtrFeatures, 8 LeafValues, 9 LeafWeights, 10 NonSymmetricStepNodes,
        // 11 NonSymmetricNodeIdToLeafId, 12 TextFeatures, 13 EstimatedFeatures, 14 Scale (default 1),
        // 15 Bias (default 0), 16 MultiBias, 17 RepackedBins, 18 EmbeddingFeatures
        b.startTable(19);
        b.addInt(0, 1, 0);
        b.addOffset(1, splitVec, 0);
        b.addOffset(2, sizeVec, 0);
        b.addOffset(3, startVec, 0);
        b.addOffset(4, catVec, 0);
        b.addOffset(5, floatVec, 0);
        b.addOffset(6, oneHotVec, 0);
        b.addOffset(8, leafVec, 0);
        b.addOffset(16, biasVec, 0);
        int modelTrees = b.endTable();

        // InfoMap entries (TKeyValue: 0 Key, 1 Value) must be sorted by key: it is a (key) field.
        List<Integer> kvs = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(info).entrySet()) {
            int k = b.createString(e.getKey());
            int v = b.createString(e.getValue());
            b.startTable(2);
            b.addOffset(0, k, 0);
            b.addOffset(1, v, 0);
            kvs.add(b.endTable());
        }
        int infoVec = b.createVectorOfTables(ints(kvs));
        int version = b.createString(CORE_FORMAT);
        // TModelCore: 0 FormatVersion, 1 ModelTrees, 2 InfoMap, 3 ModelPartIds
        b.startTable(4);
        b.addOffset(0, version, 0);
        b.addOffset(1, modelTrees, 0);
        b.addOffset(2, infoVec, 0);
        b.finish(b.endTable());
        return b.sizedByteArray();
    }

    private static int intVector(FlatBufferBuilder b, int[] values) {
        b.startVector(4, values.length, 4);
        for (int i = values.length - 1; i >= 0; i--) {
            b.addInt(values[i]);
        }
        return b.endVector();
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
