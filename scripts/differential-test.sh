#!/usr/bin/env bash
# Differential tests against Walrus's own code compiled to WebAssembly (@mysten/walrus-wasm 0.3.0):
# the RS2 encoder on random cases, and BLS signatures.
#
#   scripts/differential-test.sh [COUNT]        COUNT random encoder cases (default 12)
#
# Environment: WALRUS_DIFFERENTIAL_SEED=S repeats a run (each run prints its seed);
# JAVA_HOME (a JDK 25+; found under /usr/lib/jvm otherwise). Needs node and npm.
# The WASM package is installed once with npm into target/differential/wasm.
set -euo pipefail

root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
count=${1:-12}
if ! [[ $count =~ ^[0-9]+$ ]] || ((count < 1)); then
  echo "usage: $0 [COUNT]   (COUNT: number of random encoder cases, default 12)" >&2
  exit 2
fi
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "differential-test: needs $tool on the PATH" >&2; exit 1; }
done
. "$root/scripts/find-jdk.sh"

wasm=$root/target/differential/wasm
packages=(@mysten/walrus-wasm@0.3.0 @noble/hashes)
if [[ ! -f $wasm/node_modules/@mysten/walrus-wasm/nodejs/walrus_wasm.js || ! -d $wasm/node_modules/@noble/hashes ]]; then
  echo "== installing ${packages[*]} into $wasm"
  mkdir -p "$wasm"
  [[ -f $wasm/package.json ]] || echo '{"name": "walrus-differential", "private": true}' >"$wasm/package.json"
  npm install --prefix "$wasm" --no-audit --no-fund --loglevel=error "${packages[@]}"
fi

echo "== differential tests (walrus-core, tag 'differential', $count encoder cases)"
args=(-B -pl walrus-core -Pdifferential test "-Dwalrus.wasm.dir=$wasm" "-Dwalrus.differential.cases=$count")
if [[ -n ${WALRUS_DIFFERENTIAL_SEED:-} ]]; then
  args+=("-Dwalrus.differential.seed=$WALRUS_DIFFERENTIAL_SEED")
fi
./mvnw "${args[@]}"
