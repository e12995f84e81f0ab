package io.hyperfusion.ensemble.hierarchy;

import io.hyperfusion.data.Jackson;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperfusion.ensemble.config.MemberSpec;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.features.FeatureSchema;
import io.hyperfusion.models.ModelIO;
import io.hyperfusion.models.ModelMetadata;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.RegressionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted three-tier HyperFusion ensemble, itself a {@link RegressionModel} (so hierarchies nest): tier-1
 * experts see their modality's columns; tier-2 fusion members see every column plus the experts' predictions;
 * the tier-3 {@link Blender} combines the fusion members. Thread-safe as its members are.
 */
public final class HierarchicalModel implements RegressionModel {
    public static final String FAMILY = "hierarchy";
    /** Column-name prefix of the tier-1 predictions in the tier-2 input. */
    public static final String TIER1_GROUP = "tier1";

    /** A fitted tier-1 expert: its spec, the columns it reads and its model. */
    public record Expert(MemberSpec spec, int[] columns, RegressionModel model) { }

    /** A fitted tier-2 member: its spec, the columns of the tier-2 input it reads and its model. */
    public record Fusion(MemberSpec spec, int[] columns, RegressionModel model) { }

    /**
     * Every tier's output for a batch of rows.
     *
     * @param tier1 {@code [expert][row]}
     * @param tier2 {@code [fusion member][row]}
     * @param score the blended prediction per row
     */
    public record Detail(double[][] tier1, double[][] tier2, double[] score) { }

    private final FeatureSchema schema;
    private final List<Expert> experts;
    private final List<Fusion> fusion;
    private final Blender blender;
    private final Provenance provenance;

    public HierarchicalModel(FeatureSchema schema, List<Expert> experts, List<Fusion> fusion, Blender blender,
                             Provenance provenance) {
        if (fusion.size() != blender.weights().length) {
            throw new IllegalArgumentException("blend has " + blender.weights().length + " weights for " + fusion.size()
                    + " fusion members");
        }
        this.schema = schema;
        this.experts = List.copyOf(experts);
        this.fusion = List.copyOf(fusion);
        this.blender = blender;
        this.provenance = provenance;
    }

    @Override public FeatureSchema schema() { return schema; }
    @Override public Provenance provenance() { return provenance; }
    public List<Expert> experts() { return experts; }
    public List<Fusion> fusion() { return fusion; }
    public Blender blender() { return blender; }

    /** Names of the tier-1 prediction columns added to the tier-2 input. */
    public static List<String> tier1Names(List<MemberSpec> experts) {
        return experts.stream().map(e -> TIER1_GROUP + "#" + e.name()).toList();
    }

    @Override
    public double[] predict(FeatureMatrix x) {
        return predictDetailed(x).score();
    }

    /** Every tier's output. */
    public Detail predictDetailed(FeatureMatrix x) {
        schema.requireSame(x.schema(), "hierarchical model");
        double[][] t1 = new double[experts.size()][];
        for (int e = 0; e < experts.size(); e++) {
            t1[e] = experts.get(e).model().predict(x.selectColumns(experts.get(e).columns()));
        }
        FeatureMatrix x2 = x.appendColumns(tier1Names(experts.stream().map(Expert::spec).toList()), t1);
        double[][] t2 = new double[fusion.size()][];
        for (int f = 0; f < fusion.size(); f++) {
            t2[f] = fusion.get(f).model().predict(x2.selectColumns(fusion.get(f).columns()));
        }
        double[] score = new double[x.rows()];
        double[] in = new double[fusion.size()];
        for (int r = 0; r < score.length; r++) {
            for (int f = 0; f < in.length; f++) {
                in[f] = t2[f][r];
            }
            score[r] = blender.apply(in);
        }
        return new Detail(t1, t2, score);
    }

    /**
     * The full tier-2 input of {@code x} (every column plus the experts' predictions); a fusion member reads
     * the subset {@link Fusion#columns()} of it.
     */
    public FeatureMatrix tier2Input(FeatureMatrix x) {
        double[][] t1 = new double[experts.size()][];
        for (int e = 0; e < experts.size(); e++) {
            t1[e] = experts.get(e).model().predict(x.selectColumns(experts.get(e).columns()));
        }
        return x.appendColumns(tier1Names(experts.stream().map(Expert::spec).toList()), t1);
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, Object>> ex = new ArrayList<>();
        for (Expert e : experts) {
            e.model().save(dir.resolve("tier1").resolve(e.spec().name()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spec", e.spec());
            m.put("columns", e.columns());
            ex.add(m);
        }
        for (Fusion f : fusion) {
            f.model().save(dir.resolve("tier2").resolve(f.spec().name()));
        }
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("experts", ex);
        List<Map<String, Object>> fu = new ArrayList<>();
        for (Fusion f : fusion) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spec", f.spec());
            m.put("columns", f.columns());
            fu.add(m);
        }
        layout.put("fusion", fu);
        layout.put("blender", blender);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("hierarchy.json").toFile(), layout);
        ModelMetadata.of(FAMILY, schema, provenance, Map.of()).write(dir);
    }

    @Override
    public void close() {
        experts.forEach(e -> e.model().close());
        fusion.forEach(f -> f.model().close());
    }

    private static final ObjectMapper JSON = Jackson.json();

    /** On-disk layout of hierarchy.json. */
    record Layout(List<SavedMember> experts, List<SavedMember> fusion, Blender blender) { }

    /** One member in hierarchy.json. */
    record SavedMember(MemberSpec spec, int[] columns) { }

    /** The {@code hierarchy} family: loads what {@link #save} wrote; not a configuration member. */
    public static final class Family extends io.hyperfusion.models.LoadOnlyFamily {
        public Family() {
            super(FAMILY, "the three-tier HyperFusion ensemble itself (what train writes)",
                    "a hierarchy is trained with the train command");
        }

        @Override
        public RegressionModel load(Path dir, ModelMetadata meta) throws IOException {
            Layout layout = JSON.readValue(dir.resolve("hierarchy.json").toFile(), new TypeReference<Layout>() { });
            List<Expert> experts = new ArrayList<>();
            for (SavedMember e : layout.experts()) {
                experts.add(new Expert(e.spec(), e.columns(), ModelIO.load(dir.resolve("tier1").resolve(e.spec().name()))));
            }
            List<Fusion> fusion = new ArrayList<>();
            for (SavedMember f : layout.fusion()) {
                fusion.add(new Fusion(f.spec(), f.columns(), ModelIO.load(dir.resolve("tier2").resolve(f.spec().name()))));
            }
            return new HierarchicalModel(meta.schema(), experts, fusion, layout.blender(), meta.provenance());
        }
    }
}
