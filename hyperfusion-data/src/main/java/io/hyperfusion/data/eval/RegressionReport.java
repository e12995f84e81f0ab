package io.hyperfusion.data.eval;

import java.util.Locale;

/**
 * The SMP Challenge metrics of one set of predictions, computed by {@link Metrics#report(double[], double[])}.
 *
 * @param src  Spearman rank correlation (ties as average ranks); 0.0 when either side is constant
 * @param mae  mean absolute error
 * @param rmse root mean squared error
 * @param r2   coefficient of determination, {@code 1 - SS_res / SS_tot}; 0.0 when the truth is constant
 * @param mape mean absolute percentage error in percent over the rows with {@code |y| >= 1e-12}; NaN when
 *             there are none
 * @param n    number of rows
 */
public record RegressionReport(double src, double mae, double rmse, double r2, double mape, int n) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SRC=%.4f MAE=%.4f RMSE=%.4f R2=%.4f MAPE=%.2f%% n=%d",
                src, mae, rmse, r2, mape, n);
    }
}
