#!/usr/bin/env bash
# Runs the quick start sample (samples/QuickStart) after the set-up it needs. Arguments go to the sample.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash eng/setup.sh
dotnet run --project samples/QuickStart -c Release -- "$@"
