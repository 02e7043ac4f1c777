#!/usr/bin/env bash
# A short coverage-guided run of each harness (clang-14 + libFuzzer + ASan + UBSan),
# seeded from fuzz/corpus/<harness> and fuzz/regressions/<harness>. New inputs go to a
# scratch corpus under build-ci/, never into the repository. A crash, leak, UB, timeout
# or broken invariant fails the stage and leaves the input in build-ci/fuzz/<harness>/.
# FUZZ_SECONDS (default 60) is the time per harness.
source "$(dirname "$0")/common.sh"
seconds=${FUZZ_SECONDS:-60}
cmake -S . -B "$cchc_build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBUILD_SHARED_LIBS=OFF -DCCHC_FUZZ=ON -DCCHC_BUILD_TESTS=ON -DCCHC_BUILD_TOOLS=OFF -DCCHC_BUILD_EXAMPLES=OFF
cmake --build "$cchc_build" -j "$cchc_jobs" --target criteria_fuzzer tables_fuzzer pipeline_fuzzer request_fuzzer workbook_fuzzer
for harness in criteria tables pipeline request workbook; do
  # A workbook is a zip of several parts: its seeds are 5-9 KB.
  max_len=8192
  [ "$harness" = workbook ] && max_len=65536
  work="$cchc_build/$harness"
  rm -rf "$work"; mkdir -p "$work/corpus"
  echo "fuzz: $harness for $seconds s"
  status=0
  "$cchc_build/fuzz/${harness}_fuzzer" "$work/corpus" "fuzz/corpus/$harness" "fuzz/regressions/$harness" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" > "$work/log.txt" 2>&1 || status=$?
  grep -E '^(INFO: seed|#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|cchc fuzz invariant)' "$work/log.txt" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $harness FAILED (exit $status); the input is in $work/, the log in $work/log.txt" >&2
    exit 1
  fi
done
