#!/usr/bin/env bash
# Rewrites the family option tables of docs/CONFIG.md from the code's option declarations (OptionDocs);
# OptionDocsTest fails until this has been run after an option changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -ntp -q compile dependency:build-classpath -pl hyperfusion-models -am -Dmdep.outputFile=target/models.cp
java -cp "hyperfusion-models/target/classes:$(cat hyperfusion-models/target/models.cp)" \
    io.hyperfusion.models.options.OptionDocs docs/CONFIG.md
