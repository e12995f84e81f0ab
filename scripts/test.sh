#!/usr/bin/env bash
# The README's test command: sets up what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# OpenMP threads busy-wait by default; on 2 cores that makes LightGBM and ONNX Runtime 10-60x slower.
export OMP_WAIT_POLICY=PASSIVE
# The default image model comes from the npm registry (npm pack nsfwjs) and is converted to ONNX once;
# tests then find it in ./models and never reach the network themselves.
./hyperfusion models install
# The drafting page's browser test drives Debian's chromium through Debian's chromedriver (/usr/bin/chromedriver;
# Selenium never downloads a driver). Headless with --no-sandbox needs none of the recommended extras.
# JPEGs decode through Debian's libjpeg-turbo (libturbojpeg0) when it is installed; the decoder tests compare it with
# ImageIO pixel for pixel, and HYPERFUSION_REQUIRE_TURBOJPEG makes them fail instead of skipping when it is missing.
packages=()
if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/bin/chromedriver ]; then packages+=(chromium chromium-driver); fi
if ! compgen -G '/usr/lib/*/libturbojpeg.so.0' >/dev/null && ! compgen -G '/usr/lib/libturbojpeg.so.0' >/dev/null; then
  packages+=(libturbojpeg0)
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${packages[*]} for the browser and decoder tests (apt-get)" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "test.sh: run as root (or with sudo) to apt-get install ${packages[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
export HYPERFUSION_REQUIRE_TURBOJPEG=1
mvn -B -ntp test "$@"
# The README's Java example (examples/quickstart, the same file verbatim) must compile and run against the installed
# artifacts, as another project would use them: install every module (CI runs on a clean machine), then build the
# example on its own pom and run it from the repository root (it reads configs/ and models/ from there).
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -q -f examples/quickstart/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "examples/quickstart/target/classes:$(cat examples/quickstart/target/classpath.txt)" Quickstart
