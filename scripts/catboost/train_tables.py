#!/usr/bin/env python3
"""Trains one CatBoost model per table that `hyperfusion export-features --catboost-tables DIR` wrote.

Usage: train_tables.py MEMBER_DIR [--iterations 1000] [--learning-rate 0.05] [--depth 6] [--seed 42] [--threads 4]

MEMBER_DIR is one member's folder (DIR/<member name>): it holds tables.json and table-NNN.csv, one table per fit the
hierarchy will ask that member for (each fold of the out-of-fold plan, all rows; for the measured fit and the refit).
For each table this writes the model named in tables.json (table-NNN.cbm) beside it. Columns: the feature columns in
the schema's order (their names are the model's feature names, which the JVM checks), then `label` and `weight`;
an empty field is a missing value. All columns are numeric: categorical codes go in as numbers, which the JVM side
passes the same way (docs/CATBOOST.md). Needs: pip install catboost pandas.
"""
import argparse
import json
import os
import sys


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("member_dir")
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--learning-rate", type=float, default=0.05)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=4)
    args = ap.parse_args(argv)

    import pandas as pd
    from catboost import CatBoostRegressor

    with open(os.path.join(args.member_dir, "tables.json"), encoding="utf-8") as f:
        index = json.load(f)
    if index.get("format") != 1:
        sys.exit(f"{args.member_dir}/tables.json: expected format 1, got {index.get('format')}")
    for entry in index["tables"]:
        df = pd.read_csv(os.path.join(args.member_dir, entry["table"]), keep_default_na=True)
        if len(df) != entry["rows"]:
            sys.exit(f"{entry['table']}: expected {entry['rows']} rows, got {len(df)}")
        features = [c for c in df.columns if c not in ("label", "weight")]
        model = CatBoostRegressor(loss_function="RMSE", iterations=args.iterations, learning_rate=args.learning_rate,
                                  depth=args.depth, random_seed=args.seed, thread_count=args.threads, verbose=False)
        model.fit(df[features], df["label"], sample_weight=df["weight"])
        model.save_model(os.path.join(args.member_dir, entry["model"]))
        print(f"{entry['model']}: {len(df)} rows, {len(features)} features")


if __name__ == "__main__":
    main(sys.argv[1:])
