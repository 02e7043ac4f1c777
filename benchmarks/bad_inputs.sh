#!/usr/bin/env bash
# The promise that every malformed input of tests/bad/ is refused within a second, measured
# on a Release build. It lives here, not in the test suite: a time asserted in a test fails on
# a busy or sanitized machine. Run: benchmarks/bad_inputs.sh (CCHC_BAD_INPUT_SECONDS to change
# the limit).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${CCHC_BENCH_BUILD_DIR:-build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target cchc_tool >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CCHC_BAD_INPUT_SECONDS=${CCHC_BAD_INPUT_SECONDS:-1} python3 tests/bad/run_bad_inputs.py "$build/tools/cchc/cchc" . "$work/bad"
