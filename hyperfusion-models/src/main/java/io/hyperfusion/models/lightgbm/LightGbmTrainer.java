package io.hyperfusion.models.lightgbm;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.CategoricalMode;
import io.hyperfusion.models.Provenance;
import io.hyperfusion.models.FamilyTrainer;
import io.hyperfusion.models.TrainingData;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Trains LightGBM gradient-boosted trees (Ke et al., NeurIPS 2017) through lightgbm4j, deterministically.
 *
 * <p>Holds only {@link LightGbmParams}, a seed and a thread count. Every run passes {@code deterministic=true},
 * {@code force_row_wise=true}, the seed and {@code num_threads} explicitly, so the same inputs, seed and
 * thread count give a byte-identical model. The schema's categorical columns go to LightGBM as numbers or
 * as native categoricals ({@code categorical_feature}), per {@link CategoricalMode}. With a validation set and {@code early_stopping_rounds > 0},
 * training stops once the validation metric has not improved for that many rounds, and the model keeps only
 * the trees up to the best iteration. All native datasets and the training booster are freed before
 * {@link #train} returns; the returned model owns one native booster (see {@link LightGbmModel}).
 */
public final class LightGbmTrainer extends FamilyTrainer<LightGbmParams> {
    /** The family name under which LightGBM models are saved and loaded. */
    public static final String FAMILY = "lightgbm";

    public LightGbmTrainer(LightGbmParams params, long seed, int threads) {
        super(FAMILY, params, seed, threads, LightGbmTrainer::new, LightGbmParams.EARLY_STOPPING_ROUNDS);
    }

    @Override
    public LightGbmModel train(TrainingData data) {
        Objects.requireNonNull(data, "data");
        long start = System.nanoTime();
        FeatureMatrix x = data.x();
        String datasetParams = datasetParameters(x);
        String trainParams = params().nativeTrainingParameters() + " " + datasetParams;
        String modelText;
        int bestIteration;
        int iterationsRun;
        try (LGBMDataset train = dataset(x, data.y(), data.weights(), datasetParams, null);
             LGBMDataset valid = data.hasValidation()
                     ? dataset(data.validX(), data.validY(), null, datasetParams, train) : null;
             LGBMBooster booster = LGBMBooster.create(train, trainParams)) {
            boolean early = valid != null && params().earlyStoppingRounds() > 0;
            if (valid != null) {
                booster.addValidData(valid);
            }
            double best = Double.POSITIVE_INFINITY;
            bestIteration = 0;
            iterationsRun = 0;
            for (int it = 1; it <= params().numIterations(); it++) {
                boolean cannotSplit = booster.updateOneIter();
                iterationsRun = it;
                if (early) {
                    double metric = booster.getEval(1)[0]; // index 1 = first validation set; lower is better
                    if (metric < best) {
                        best = metric;
                        bestIteration = it;
                    } else if (it - bestIteration >= params().earlyStoppingRounds()) {
                        break;
                    }
                }
                if (cannotSplit) {
                    break;
                }
            }
            // Without early stopping keep every iteration (num_iteration <= 0 saves all trees).
            int keep = early ? bestIteration : 0;
            modelText = booster.saveModelToString(0, keep, LGBMBooster.FeatureImportanceType.SPLIT);
        } catch (LGBMException e) {
            throw new IllegalStateException("LightGBM training failed on " + x.rows() + " x " + x.cols()
                    + " rows: " + e.getMessage(), e);
        }
        // The saved model holds exactly the trees of the best iteration (one tree per iteration in regression);
        // count them rather than trust the loop, since LightGBM drops a final tree that found no split.
        bestIteration = LightGbmModel.countTrees(modelText);
        Map<String, String> extra = new TreeMap<>();
        extra.put("best_iteration", Integer.toString(bestIteration));
        extra.put("iterations_run", Integer.toString(iterationsRun));
        extra.put("early_stopping", Boolean.toString(data.hasValidation() && params().earlyStoppingRounds() > 0));
        if (data.hasValidation()) {
            extra.put("validation_rows", Integer.toString(data.validX().rows()));
        }
        Provenance provenance = provenance("lightgbm4j", LightGbmModel.libraryVersion(), data, start, extra);
        return LightGbmModel.fromModelText(modelText, x.schema(), provenance, bestIteration, threads());
    }

    /** Parameters that must agree between dataset construction and training. */
    private String datasetParameters(FeatureMatrix x) {
        StringBuilder sb = new StringBuilder();
        sb.append("max_bin=").append(params().maxBin());
        int[] cats = x.schema().categoricalColumns();
        if (cats.length > 0 && params().categoricalMode() == CategoricalMode.NATIVE) {
            sb.append(" categorical_feature=")
                    .append(Arrays.stream(cats).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        }
        // LightGBM's seed() is a C int: fold the 64-bit seed() so both halves matter.
        int nativeSeed = (int) (seed() ^ (seed() >>> 32)) & Integer.MAX_VALUE;
        sb.append(" seed=").append(nativeSeed)
                .append(" deterministic=true force_row_wise=true verbosity=-1 num_threads=").append(threads());
        return sb.toString();
    }

    private static LGBMDataset dataset(FeatureMatrix x, double[] y, double[] w, String params, LGBMDataset ref)
            throws LGBMException {
        LGBMDataset ds = LGBMDataset.createFromMat(x.values(), x.rows(), x.cols(), true, params, ref);
        try {
            ds.setField("label", toFloat(y)); // LightGBM stores labels and weights as float32
            if (w != null) {
                ds.setField("weight", toFloat(w));
            }
            return ds;
        } catch (LGBMException | RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
