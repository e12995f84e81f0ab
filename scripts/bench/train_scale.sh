#!/usr/bin/env bash
# Training scale curve (issue 14): the default configuration on generated JSONL posts without images (text
# embeddings included; authors = posts / 10; 80% labelled), per size: wall, CPU, peak RSS (/usr/bin/time -v),
# bundle size and the held-out SRC `train` prints.
#   SIZES="10000 40000" scripts/bench/train_scale.sh
# Worlds go to $OUT/scale/<posts>/ (generated once, kept), bundles to $OUT/scale/<posts>/model, logs to $OUT/logs.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SIZES="${SIZES:-10000 40000}"
HEAP="${HEAP:--Xmx16g}"
[ -d "$REPO/hyperfusion-data/target/test-classes" ] || (cd "$REPO" && mvn -q -B -o test-compile -pl hyperfusion-data)
CP="$REPO/hyperfusion-data/target/test-classes:$REPO/hyperfusion-app/target/hyperfusion.jar:$REPO/hyperfusion-app/target/lib/*"
for n in $SIZES; do
  dir="$OUT/scale/$n"
  if [ ! -f "$dir/jsonl/posts.jsonl" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    java -cp "$CP" io.hyperfusion.data.synth.JsonlWorldProgram "$dir" "$n" 1 > "$OUT/logs/scale-$n.generate.log" 2>&1
    rm -rf "$dir/smpd" # the images are not used
  fi
  rm -rf "$dir/model"
  HYPERFUSION_JAVA_OPTS="$HEAP" timed "scale-$n.train" "$HF" train --data "$dir/jsonl" --format jsonl \
      --cache "$dir/cache.duckdb" --out "$dir/model"
  echo "  bundle $(du -sh "$dir/model" | cut -f1), $(grep -o 'held-out.*SRC [0-9.]*  MAE [0-9.]*' "$OUT/logs/scale-$n.train.log" | tail -1)"
done
