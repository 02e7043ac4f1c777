#!/usr/bin/env bash
# The speed of `cchc robustness` (issue 11, section 3), beside a plain numpy replay:
#   1. a COINr-like case (63 units × 40 leaves in 8 fields, generate_coinr_like.py), ±25 % noise
#      on every weight (leaves and fields), 10,000 runs: time per replication, command start
#      included (target ≤ 29 µs, 1,000× faster than COINr 1.1.14's get_sensitivity);
#   2. the national year (4,500 units × 120 leaves, generate_national.py), 1,000 runs
#      (target ≤ 2 s wall on the 2-core machine), with its peak memory;
#   3. numpy_robustness.py on both, and cchc replaying numpy's own weights (--weights-file)
#      on the COINr-like case: the rank statistics must agree (exit 1 otherwise).
# Best of CCHC_BENCH_RUNS (default 5) runs for cchc; numpy once (it is slower by far).
#
#   benchmarks/robustness.sh [BUILD_DIR]     (default BUILD_DIR: <repo>/build-bench, Release)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build-bench}
runs=${CCHC_BENCH_RUNS:-5}
python=${PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import numpy, pandas, yaml' 2>/dev/null; then
  echo "robustness.sh: $python lacks numpy, pandas or yaml (apt-get install python3-numpy python3-pandas python3-yaml, or set PYTHON)" >&2
  exit 2
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCCHC_BUILD_TESTS=OFF -DCCHC_BUILD_EXAMPLES=OFF >/dev/null
fi
cmake --build "$build" -j2 --target cchc_tool >/dev/null
cchc=$build/tools/cchc/cchc
work=$build/robustness-run
mkdir -p "$work"
coinr=$build/coinr-like-data
national=$build/national-data
if [ ! -f "$coinr/evidence.csv" ] || [ "$here/generate_coinr_like.py" -nt "$coinr/evidence.csv" ]; then
  "$python" "$here/generate_coinr_like.py" "$coinr"
fi
if [ ! -f "$national/evidence.csv" ] || [ "$here/generate_national.py" -nt "$national/evidence.csv" ]; then
  "$python" "$here/generate_national.py" "$national"
fi

# best wall time (s) of $runs runs of the command, and its user+sys CPU
best_of() {
  local best="" cpu="" line
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>&1
    line=$(tail -1 "$work/time.txt")
    read -r wall user sys rss <<<"$line"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; cpu=$(awk "BEGIN{print $user + $sys}"); peak=$rss; fi
  done
  echo "$best $cpu $peak"
}

in_coinr=(--criteria "$coinr/criteria.yaml" --units "$coinr/units.csv" --evidence "$coinr/evidence.csv")
in_national=(--criteria "$national/criteria.yaml" --units "$national/units.csv" --evidence "$national/evidence.csv")

read -r c_wall c_cpu c_rss < <(best_of "$cchc" robustness "${in_coinr[@]}" --runs 10000 --weights-noise 0.25 --format json -o "$work/coinr.json")
c_us=$(awk "BEGIN{printf \"%.1f\", $c_wall / 10000 * 1e6}")
read -r n_wall n_cpu n_rss < <(best_of "$cchc" robustness "${in_national[@]}" --runs 1000 --weights-noise 0.25 --format json -o "$work/national.json")

np_coinr=$("$python" "$here/numpy_robustness.py" "${in_coinr[@]}" --runs 10000 --weights-noise 0.25 \
           --write-weights "$work/coinr-weights.csv" --json "$work/coinr-numpy.json" 2>&1 | tail -1)
"$cchc" robustness "${in_coinr[@]}" --runs 10000 --weights-file "$work/coinr-weights.csv" --format json -o "$work/coinr-replay.json"
"$python" - "$work/coinr-numpy.json" "$work/coinr-replay.json" <<'PY'
import json, sys
a = {u["code"]: u for u in json.load(open(sys.argv[1]))}
b = {u["code"]: u for u in json.load(open(sys.argv[2]))["units"]}
keys = ("rank", "rank_mean", "rank_q05", "rank_median", "rank_q95")
worst = max(abs(a[k][x] - b[k][x]) for k in a for x in keys)
print(f"cchc replaying numpy's weights: {len(b)} units, largest difference in rank statistics {worst:g}")
sys.exit(0 if len(a) == len(b) and worst < 1e-3 else 1)
PY
np_national=$("$python" "$here/numpy_robustness.py" "${in_national[@]}" --runs 1000 --weights-noise 0.25 2>&1 | tail -1)

echo
echo "COINr-like, 63 × 40, ±25 %, 10,000 runs: cchc best ${c_wall} s wall (${c_cpu} s CPU) = ${c_us} µs per replication, command start included (target ≤ 29)"
echo "  $np_coinr"
echo "national, 4,500 × 120, ±25 %, 1,000 runs: cchc best ${n_wall} s wall (${n_cpu} s CPU), peak ${n_rss} KB (target ≤ 2 s)"
echo "  $np_national"
