#!/usr/bin/env bash
# Compares the shared library's ABI with the baseline abi/libcchc.abi (abigail-tools).
#   scripts/ci/abi.sh           fail on any difference: an incompatible change needs a new
#                               major version; a compatible addition needs the baseline updated
#   scripts/ci/abi.sh --update  rewrite the baseline (refused for an incompatible change
#                               unless the major version, and so the SONAME, changed)
#   scripts/ci/abi.sh --rebase  rewrite the baseline whatever changed: only before the first
#                               release, when no program is linked against the library yet;
#                               say so in the commit and the closing note
# CCHC_ABI_BUILD=DIR reads the library of a shared RelWithDebInfo build already made there
# (.ci/run passes consumer.sh's) instead of configuring and building one.
source "$(dirname "$0")/common.sh"
update=false
rebase=false
[ "${1:-}" = "--update" ] && update=true
[ "${1:-}" = "--rebase" ] && rebase=true
baseline=abi/libcchc.abi
library_build=${CCHC_ABI_BUILD:-}
if [ -z "$library_build" ]; then
  library_build=$cchc_build
  cmake -S . -B "$library_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_SHARED_LIBS=ON \
    -DCCHC_BUILD_TESTS=OFF -DCCHC_BUILD_TOOLS=OFF -DCCHC_BUILD_EXAMPLES=OFF
  cmake --build "$library_build" -j "$cchc_jobs" --target cchc
fi
mkdir -p "$cchc_build"
library=$(find "$library_build/src" -maxdepth 1 -name 'libcchc.so.*.*.*' | head -1)
if [ -z "$library" ]; then echo "abi: no libcchc.so.X.Y.Z in $library_build/src" >&2; exit 1; fi
# Only the public headers define the ABI; paths are left out so the file is the same on
# every machine.
headers=(--headers-dir include/cchc --headers-dir "$library_build/include/cchc")
current="$cchc_build/libcchc.abi"
abidw "${headers[@]}" --drop-private-types --exported-interfaces-only --no-corpus-path --no-comp-dir-path --no-show-locs \
  --out-file "$current" "$library"

compare() {  # abidiff's exit status is a bit set: 4 = the ABI changed, 8 = incompatibly
  set +e
  abidiff --no-show-locs --suppressions abi/suppressions.ini "$baseline" "$current" > "$cchc_build/abidiff.txt"
  local status=$?
  set -e
  cat "$cchc_build/abidiff.txt"
  return $status
}

if [ ! -f "$baseline" ]; then
  if $update; then cp "$current" "$baseline"; echo "abi: baseline created: $baseline"; exit 0; fi
  echo "abi: no baseline $baseline; run scripts/ci/abi.sh --update" >&2; exit 1
fi
if $rebase; then cp "$current" "$baseline"; echo "abi: baseline REBASED (before the first release): $baseline"; exit 0; fi
status=0; compare || status=$?
if [ "$status" -eq 0 ]; then echo "abi: no change against $baseline"; exit 0; fi
if [ $(( status & 3 )) -ne 0 ]; then echo "abi: abidiff failed (exit $status)" >&2; exit 1; fi
old_soname=$(grep -o "soname='[^']*'" "$baseline" | head -1 | cut -d"'" -f2)
new_soname=$(grep -o "soname='[^']*'" "$current" | head -1 | cut -d"'" -f2)
# abidiff flags only removed symbols as incompatible (bit 8); a changed type (a member
# added to a struct the caller allocates) is just "changed" (bit 4). Only additions of new
# functions or variables are compatible, so anything removed or changed counts as a break.
incompatible=false
if [ $(( status & 8 )) -ne 0 ] || grep -Eq '(^|[^0-9])[1-9][0-9]* (Removed|Changed)' "$cchc_build/abidiff.txt"; then
  incompatible=true
fi
if $incompatible && [ "$old_soname" = "$new_soname" ]; then
  echo "abi: INCOMPATIBLE change while the SONAME stays $new_soname: programs linked against it would break." >&2
  echo "abi: keep the ABI, or raise the major version in include/cchc/version.hpp (and the inline namespace)." >&2
  exit 1
fi
if $update; then cp "$current" "$baseline"; echo "abi: baseline updated: $baseline ($old_soname -> $new_soname)"; exit 0; fi
echo "abi: the ABI changed compatibly (an addition); review it and run scripts/ci/abi.sh --update" >&2
exit 1
