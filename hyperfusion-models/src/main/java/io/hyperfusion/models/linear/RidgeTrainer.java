package io.hyperfusion.models.linear;

import io.hyperfusion.features.FeatureMatrix;
import io.hyperfusion.models.FamilyTrainer;
import io.hyperfusion.models.TrainingData;
import io.hyperfusion.models.djl.TabularEncoder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fits an L2-penalised linear regression on encoded rows: numeric columns through their training quantiles onto a
 * normal (or standardised), categoricals one-hot, missing values at the column's centre ({@link TabularEncoder}), an
 * unpenalised intercept, optional row weights. The weighted, centred Gram matrix is decomposed once
 * ({@code G = V Λ Vᵀ}), after which every penalty of the grid costs O(width): its coefficients, residual sum of
 * squares and effective degrees of freedom {@code Σ λₖ/(λₖ+α)} come from the eigenvalues, and the penalty with the
 * lowest generalised cross-validation error {@code W·RSS/(W − df − 1)²} is kept. Deterministic (no seed is used);
 * memory is the Gram matrix plus one block of rows. The linear view is a member with other errors than the trees:
 * smooth in every input, and unable to memorise an identity.
 */
public final class RidgeTrainer extends FamilyTrainer<RidgeParams> {
    /** The family name under which ridge models are saved and loaded. */
    public static final String FAMILY = "ridge";
    private static final int BLOCK = 2048;

    public RidgeTrainer(RidgeParams params, long seed, int threads) {
        super(FAMILY, params, seed, threads, RidgeTrainer::new, null);
    }

    @Override
    public RidgeModel train(TrainingData data) {
        Objects.requireNonNull(data, "data");
        long start = System.nanoTime();
        FeatureMatrix x = data.x();
        double[] y = data.y();
        double[] w = data.weights();
        String ignore = params().ignoreColumn();
        if (ignore != null && (x.schema().indexOf(ignore) < 0 || !x.schema().isCategorical(x.schema().indexOf(ignore)))) {
            if (!ignore.equals(RidgeParams.IGNORE_COLUMN.defaultValue())) {
                throw new IllegalArgumentException("ridge: ignore_column '" + ignore + "' is not a categorical column of"
                        + " the training table (" + x.schema().size() + " columns); name one, or 'none'");
            }
            ignore = null; // the default names the pipeline's author code; a table without it keeps every column
        }
        TabularEncoder enc = TabularEncoder.fit(x, y, params().maxCategoryLevels(), ignore, 1, params().inputScaling());
        int n = x.rows();
        int p = enc.width();
        double total = 0;
        double ySum = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            total += wi;
            ySum += wi * y[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("ridge: the training rows' weights sum to " + total + "; expected > 0");
        }
        double yMean = ySum / total;
        // One pass over the encoded rows: the weighted Gram matrix, column sums and cross-products with the centred
        // target; the Gram matrix is centred afterwards (G − W·μμᵀ), which needs no second encoding of the rows.
        // Σ w·(y − ȳ) = 0, so the cross-products need no centring of x.
        DMatrixRMaj gram = new DMatrixRMaj(p, p);
        double[] mean = new double[p];
        double[] xty = new double[p];
        double syy = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            float[] raw = enc.encode(x.selectRows(range(from, to)));
            DMatrixRMaj block = new DMatrixRMaj(to - from, p);
            double[] b = block.data;
            for (int r = 0; r < to - from; r++) {
                double wi = w == null ? 1 : w[from + r];
                double sw = Math.sqrt(wi);
                double yc = y[from + r] - yMean;
                syy += wi * yc * yc;
                for (int j = 0; j < p; j++) {
                    double v = raw[r * p + j];
                    b[r * p + j] = v * sw;
                    mean[j] += wi * v;
                    xty[j] += wi * v * yc;
                }
            }
            CommonOps_DDRM.multAddTransA(block, block, gram);
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= total;
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                gram.data[i * p + j] -= total * mean[i] * mean[j];
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(gram)) { // gram is not needed afterwards: the decomposition may overwrite it
            throw new IllegalStateException("ridge: the eigendecomposition of the " + p + "×" + p + " Gram matrix failed");
        }
        double[] lambda = new double[p];
        double[][] v = new double[p][];
        double[] c = new double[p];
        for (int k = 0; k < p; k++) {
            lambda[k] = Math.max(0, eig.getEigenvalue(k).getReal());
            v[k] = eig.getEigenVector(k).data.clone();
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += v[k][j] * xty[j];
            }
            c[k] = s;
        }
        double bestGcv = Double.POSITIVE_INFINITY;
        double bestAlpha = Double.NaN;
        double bestDf = Double.NaN;
        Map<String, String> gcvs = new LinkedHashMap<>();
        for (double alphaRel : params().alphas()) {
            double alpha = alphaRel * total;
            double rss = syy;
            double df = 0;
            for (int k = 0; k < p; k++) {
                double d = c[k] / (lambda[k] + alpha); // coefficient along eigenvector k
                rss += lambda[k] * d * d - 2 * c[k] * d;
                df += lambda[k] / (lambda[k] + alpha);
            }
            double dof = total - df - 1;
            double gcv = dof > 0 ? total * Math.max(rss, 0) / (dof * dof) : Double.POSITIVE_INFINITY;
            gcvs.put(String.format(Locale.ROOT, "%.4g", alphaRel), String.format(Locale.ROOT, "%.6g", gcv));
            if (gcv < bestGcv) {
                bestGcv = gcv;
                bestAlpha = alphaRel;
                bestDf = df;
            }
        }
        if (Double.isNaN(bestAlpha)) {
            throw new IllegalArgumentException("ridge: " + n + " rows cannot fit " + p + " encoded columns at any "
                    + "penalty of the grid (no degrees of freedom left); give more rows or a larger alpha_max");
        }
        double alpha = bestAlpha * total;
        double[] coef = new double[p];
        for (int k = 0; k < p; k++) {
            double d = c[k] / (lambda[k] + alpha);
            for (int j = 0; j < p; j++) {
                coef[j] += v[k][j] * d;
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("alpha", String.format(Locale.ROOT, "%.6g", bestAlpha));
        extra.put("effective_df", String.format(Locale.ROOT, "%.2f", bestDf));
        extra.put("encoded_width", Integer.toString(p));
        extra.put("gcv_by_alpha", gcvs.toString());
        return new RidgeModel(x.schema(), provenance("hyperfusion", "ridge-gcv", data, start, extra), enc, mean, coef,
                yMean);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
