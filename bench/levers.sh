#!/bin/sh
# Rebuilds dist/ once per size/speed setting and measures each with a short
# bench run, printing one Markdown table row per setting: the "levers" table
# of bench/results.md. Cargo's profile is changed through its
# CARGO_PROFILE_RELEASE_* variables and wasm-opt's flags through
# WASM_OPT_FLAGS, so no file is edited; the last row rebuilds the committed
# setting, leaving dist/ as `cargo xtask dist` makes it.
#
# Usage, from the repository root: sh bench/levers.sh   (about 15 minutes on two cores)
set -eu

LOADS=${LOADS:-5}
HOVERS=${HOVERS:-300}
summary=target/bench-levers.json
mkdir -p target

# One row: the label, then environment assignments for the build. Each
# row's output is kept in target/bench-levers-N.log.
n=0
row() {
  label=$1
  shift
  n=$((n + 1))
  log=target/bench-levers-$n.log
  env "$@" SUMMARY_FILE="$summary" cargo xtask bench --loads "$LOADS" --hovers "$HOVERS" \
    --memory-hovers "$HOVERS" --lighthouse-runs 0 --no-write >"$log" 2>&1 || {
    echo "| $label | build or bench failed, see $log | | | | |"
    return 0
  }
  node --input-type=module - "$label" "$summary" <<'EOF'
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
const [label, file] = process.argv.slice(2);
// The module's name may carry a fingerprint: the one .wasm of dist/pkg/.
const wasm = readFileSync(`dist/pkg/${readdirSync('dist/pkg').find((f) => f.endsWith('.wasm'))}`);
const kib = (n) => `${(n / 1024).toFixed(1)}`;
const gzip = gzipSync(wasm, { level: 9 }).length;
const brotli = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const s = JSON.parse(readFileSync(file, 'utf8'));
const ours = (metric) => s[metric].ours;
console.log(`| ${label} | ${kib(wasm.length)} / ${kib(gzip)} / ${kib(brotli)} | ${ours('bytes total, gzip')} | `
  + `${ours('all charts drawn, median')} | ${ours('main-thread time per pointer move')} | ${ours('resize redraw to next frame, median')} |`);
EOF
}

echo '| change (from the committed setting) | wasm raw / gzip / brotli, KiB | whole page gzip | all charts drawn, median | main-thread time per pointer move | resize, median |'
echo '| --- | ---: | ---: | ---: | ---: | ---: |'
row 'committed: opt-level "z", lto, codegen-units 1, panic abort; wasm-opt -Oz --strip-debug --strip-producers'
row 'opt-level "s"' CARGO_PROFILE_RELEASE_OPT_LEVEL=s
row 'opt-level 3' CARGO_PROFILE_RELEASE_OPT_LEVEL=3
row 'opt-level 3 and wasm-opt -O3' CARGO_PROFILE_RELEASE_OPT_LEVEL=3 WASM_OPT_FLAGS='-O3 --strip-debug --strip-producers'
row 'lto off' CARGO_PROFILE_RELEASE_LTO=false
row 'codegen-units 16' CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
row 'panic unwind' CARGO_PROFILE_RELEASE_PANIC=unwind
row 'wasm-opt -Os' WASM_OPT_FLAGS='-Os --strip-debug --strip-producers'
row 'wasm-opt -O3' WASM_OPT_FLAGS='-O3 --strip-debug --strip-producers'
row 'wasm-opt -Oz, sections kept' WASM_OPT_FLAGS='-Oz'
row 'wasm-opt -O0 (no optimisation)' WASM_OPT_FLAGS='-O0'
row 'committed setting again (noise check)'
