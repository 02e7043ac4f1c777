# Sourced by every stage script: runs from the repository root, times the stage, and
# names its build directory build-ci/<stage>.
set -euo pipefail
cchc_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$cchc_root"
cchc_stage=$(basename "$0" .sh)
cchc_build="$cchc_root/build-ci/$cchc_stage"
cchc_jobs=${CCHC_JOBS:-2}
mkdir -p "$cchc_root/build-ci"
cchc_started=$(date +%s)
cchc_report_time() {
  local status=$?
  echo "ci: stage $cchc_stage $([ $status -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - cchc_started )) s"
}
trap cchc_report_time EXIT
