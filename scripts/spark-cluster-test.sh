#!/usr/bin/env bash
# The Spark standalone-cluster test (hyperfusion-spark-it, SparkClusterIT): a master, two workers and their executor
# JVMs on 127.0.0.1 from Maven Central's Spark jars, the job jar submitted to them (ingest, embed, features, train
# twice, score) and the single-machine CLI beside them. Kept out of scripts/test.sh because it takes ~7-9 minutes on
# 2 cores (it packages the 355 MB job jar and starts ~20 JVMs); .ci/run runs it after scripts/test.sh.
# Extra arguments go to the second Maven command. Every process the test starts is stopped when it ends or fails;
# the logs stay in hyperfusion-spark-it/target/cluster-test/cluster/logs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# OpenMP threads busy-wait by default; on 2 cores that makes LightGBM and ONNX Runtime 10-60x slower.
export OMP_WAIT_POLICY=PASSIVE
# The image model (npm pack nsfwjs, converted to ONNX once): the embed job reads it from ./models.
./hyperfusion models install
# The CLI's jar (with its lib/) and the Spark job jar, from this checkout; the cluster test only runs them.
mvn -B -ntp -q -DskipTests package -pl hyperfusion-app,hyperfusion-spark -am
# The test scores with the project's own metrics (hyperfusion-data, a test dependency): installed so the module builds alone.
mvn -B -ntp -q -DskipTests install -pl hyperfusion-data -am
mvn -B -ntp verify -pl hyperfusion-spark-it "$@"
