/** Metrics of the SMP Challenge (SRC, MAE) and diagnostics, as pure functions over arrays. */
package io.hyperfusion.data.eval;
