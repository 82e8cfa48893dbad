#!/usr/bin/env bash
# Runs the whole test suite: set-up (native TorchSharp dependency), build, every test project.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash eng/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Dsl.sln --nologo -c Release "$@" 2>&1 | tee "$log" || status=$?

# One closing line for every runner that reads it: the totals over all test projects.
awk '
  /(Passed|Failed)!  *- *Failed: *[0-9]+, *Passed: *[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { v = $(i+1); gsub(/,/, "", v); failed += v }
      if ($i == "Passed:") { v = $(i+1); gsub(/,/, "", v); passed += v }
      if ($i == "Skipped:") { v = $(i+1); gsub(/,/, "", v); skipped += v }
    }
    runs++
  }
  END { if (runs > 0) printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
