#!/usr/bin/env bash
# Static analysis of the library (src/ and include/): clang-tidy with the checks in
# .clang-tidy, then cppcheck. Zero findings pass. Needs only a configure (for
# compile_commands.json and the generated export.hpp), no build.
source "$(dirname "$0")/common.sh"
cmake -S . -B "$cchc_build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DCCHC_BUILD_TESTS=OFF -DCCHC_BUILD_TOOLS=OFF -DCCHC_BUILD_EXAMPLES=OFF > "$cchc_build.configure.log" 2>&1 \
  || { cat "$cchc_build.configure.log"; exit 1; }
mapfile -t sources < <(find src -name '*.cpp' | sort)

echo "tidy: clang-tidy on ${#sources[@]} files"
tidy_log="$cchc_build/clang-tidy.txt"
# -quiet: only findings; the exit status is non-zero when any check fired (WarningsAsErrors).
tidy_status=0
printf '%s\n' "${sources[@]}" | xargs -P "$cchc_jobs" -n 4 clang-tidy-14 -quiet -p "$cchc_build" > "$tidy_log" 2>&1 || tidy_status=$?
grep -E '(warning|error): ' "$tidy_log" | sort -u || true

echo "tidy: cppcheck"
cppcheck_log="$cchc_build/cppcheck.txt"
cppcheck_status=0
cppcheck --project="$cchc_build/compile_commands.json" --enable=warning,performance,portability \
  --inline-suppr --suppressions-list=scripts/ci/cppcheck-suppressions.txt --error-exitcode=1 \
  -j "$cchc_jobs" --quiet --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
  -i"$cchc_build" 2> "$cppcheck_log" || cppcheck_status=$?
cat "$cppcheck_log"

if [ "$tidy_status" -ne 0 ] || [ "$cppcheck_status" -ne 0 ]; then
  echo "tidy: findings above (clang-tidy exit $tidy_status, cppcheck exit $cppcheck_status)" >&2
  exit 1
fi
