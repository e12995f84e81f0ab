#!/usr/bin/python3
"""Python peers of the JVM model families on the exported HyperFusion feature table (a side-by-side check, not a
runtime dependency): sklearn HistGradientBoostingRegressor, xgboost, and a torch MLP.

Rows: the same time hold-out as `hyperfusion train` (TimeHoldout: the latest round(0.15 n) labelled posts by
Postdate, ties by uid then pid) is held out; the models train on the remaining rows, like the JVM members with
refit false. Scores: SRC (Spearman) and MAE on the hold-out and on the test split (hidden labels).

usage: python_peers.py TRAIN.csv TEST.csv WORLD_DIR OUT.tsv
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

SEED = 42
VALID_FRACTION = 0.15


def holdout_mask(train, world):
    """True for the rows of the time hold-out, in the order of `train`."""
    with open(f"{world}/train/train_temporalspatial_information.json") as f:
        rows = json.load(f)

    def ts(v):
        try:
            return int(str(v).strip())
        except ValueError:
            return None

    when = {(str(r["Uid"]), str(r["Pid"])): ts(r.get("Postdate")) for r in rows}
    keys = list(zip(train["uid"].astype(str), train["pid"].astype(str)))
    # Oldest first, missing times first, ties by author then post id (TimeHoldout.chronological).
    order = sorted(range(len(keys)), key=lambda i: (when.get(keys[i]) is not None, when.get(keys[i]) or 0,
                                                    keys[i][0], keys[i][1], i))
    n_valid = max(1, min(len(keys) - 1, int(np.floor(len(keys) * VALID_FRACTION + 0.5))))
    mask = np.zeros(len(keys), dtype=bool)
    mask[order[len(keys) - n_valid:]] = True
    return mask


def scores(y, p):
    return spearmanr(y, p).correlation, float(np.mean(np.abs(y - p)))


def hgb(xt, yt, xv, yv):
    from sklearn.ensemble import HistGradientBoostingRegressor
    m = HistGradientBoostingRegressor(max_iter=250, learning_rate=0.08, max_leaf_nodes=31, min_samples_leaf=20,
                                      l2_regularization=1.0, early_stopping=False, random_state=SEED)
    return m.fit(xt, yt).predict


def xgb(xt, yt, xv, yv):
    import xgboost
    m = xgboost.XGBRegressor(n_estimators=200, learning_rate=0.1, max_depth=5, min_child_weight=5, subsample=0.8,
                             colsample_bytree=0.8, tree_method="hist", n_jobs=1, random_state=SEED)
    m.fit(xt, yt)
    return m.predict


def mlp(xt, yt, xv, yv, epochs=30, patience=5):
    """64-32 ReLU MLP (the JVM MlpParams default widths), Adam 3e-3, batch 128, early stopping on the last 10%
    of the training rows (by table order), NaN → column median, then rank-gauss inputs like the JVM default
    input_scaling=quantile (scikit-learn's QuantileTransformer, 256 quantiles, normal output; it sends values
    tied at a column's minimum to -5.2 where the JVM puts ties at the middle of their mass)."""
    from sklearn.preprocessing import QuantileTransformer
    import torch
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    med = np.nanmedian(xt, axis=0)
    med = np.where(np.isnan(med), 0.0, med)

    def prep(x):
        x = np.where(np.isnan(x), med, x)
        return x

    xt = prep(xt)
    qt = QuantileTransformer(n_quantiles=256, output_distribution="normal", subsample=10**9, random_state=SEED)
    qt.fit(xt)
    norm = lambda x: torch.tensor(qt.transform(prep(x)), dtype=torch.float32)
    n_es = max(1, len(yt) // 10)
    xa, ya = norm(xt[:-n_es]), torch.tensor(yt[:-n_es], dtype=torch.float32)
    xe, ye = norm(xt[-n_es:]), torch.tensor(yt[-n_es:], dtype=torch.float32)
    net = torch.nn.Sequential(torch.nn.Linear(xa.shape[1], 64), torch.nn.ReLU(), torch.nn.Dropout(0.1),
                              torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Dropout(0.1),
                              torch.nn.Linear(32, 1))
    with torch.no_grad():
        net[-1].bias.fill_(float(ya.mean()))
    opt = torch.optim.Adam(net.parameters(), lr=3e-3, weight_decay=1e-5)
    gen = torch.Generator().manual_seed(SEED)
    best, best_state, bad = float("inf"), None, 0
    for _ in range(epochs):
        net.train()
        for idx in torch.randperm(len(ya), generator=gen).split(128):
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(net(xa[idx]).squeeze(1), ya[idx])
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            v = torch.nn.functional.mse_loss(net(xe).squeeze(1), ye).item()
        if v < best - 1e-6:
            best, best_state, bad = v, {k: t.clone() for k, t in net.state_dict().items()}, 0
        else:
            bad += 1
            if bad >= patience:
                break
    net.load_state_dict(best_state)
    net.eval()

    def predict(x):
        with torch.no_grad():
            return net(norm(x)).squeeze(1).numpy()
    return predict


def main(train_csv, test_csv, world, out_tsv):
    train = pd.read_csv(train_csv, dtype={"uid": str, "pid": str})
    test = pd.read_csv(test_csv, dtype={"uid": str, "pid": str})
    feats = [c for c in train.columns if "#" in c]
    test_feats = [c for c in test.columns if "#" in c]
    if feats != test_feats:
        sys.exit(f"column mismatch: train has {len(feats)} feature columns, test {len(test_feats)}; "
                 f"first difference: {next((a, b) for a, b in zip(feats, test_feats) if a != b)}")
    label = "label" if "label" in train.columns else train.columns[-1]
    truth = pd.read_csv(f"{world}/hidden/test_labels.csv", dtype={"uid": str, "pid": str})
    tlabel = [c for c in truth.columns if c not in ("uid", "pid")][0]
    test = test.merge(truth[["uid", "pid", tlabel]], on=["uid", "pid"], how="inner")
    valid = holdout_mask(train, world)
    x = train[feats].to_numpy(dtype=np.float64)
    y = train[label].to_numpy(dtype=np.float64)
    xt, yt, xv, yv = x[~valid], y[~valid], x[valid], y[valid]
    xs, ys = test[feats].to_numpy(dtype=np.float64), test[tlabel].to_numpy(dtype=np.float64)
    print(f"{len(feats)} features; train {len(yt)}, hold-out {len(yv)}, test {len(ys)} rows", flush=True)
    lines = ["model\tholdout_src\tholdout_mae\ttest_src\ttest_mae\ttrain_wall_s\ttrain_cpu_s"]
    for name, fit in [("sklearn HistGradientBoosting", hgb), ("xgboost (Python)", xgb), ("torch MLP", mlp)]:
        w0, c0 = time.perf_counter(), time.process_time()
        predict = fit(xt, yt, xv, yv)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        hs, hm = scores(yv, predict(xv))
        ts_, tm = scores(ys, predict(xs))
        lines.append(f"{name}\t{hs:.4f}\t{hm:.4f}\t{ts_:.4f}\t{tm:.4f}\t{wall:.1f}\t{cpu:.1f}")
        print(lines[-1], flush=True)
    with open(out_tsv, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
