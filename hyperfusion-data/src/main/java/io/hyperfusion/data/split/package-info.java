/** Train/validation splits: a time hold-out and author-grouped K-fold, deterministic given a seed. */
package io.hyperfusion.data.split;
