#!/usr/bin/env bash
# The generated trainer of this tree against the one of BASE_COMMIT (docs/performance.md, "Training engine rebuild").
# Not part of CI. Builds benchmarks/MultiTask.Benchmarks in Release here and in a temporary worktree of BASE_COMMIT,
# then runs the `trainer` variant of each workload in alternating processes (old new, new old, ...), each with its own
# warm-up and timed rounds. Per pair: speed = old median round time / new median round time. Prints a Markdown table.
#
#   eng/compare-trainers.sh e1d3ced
#   PAIRS=4 WORKLOADS=hps THREADS=2 eng/compare-trainers.sh e1d3ced
#   BINS=/tmp/bench-bin eng/compare-trainers.sh e1d3ced   # measure existing builds: BINS/old and BINS/new
# Settings (defaults): PAIRS (8), THREADS (1), ROUNDS (7, odd), WARMUP (2), WORKLOADS (hps mmoe soft), MAX_LOAD (1.5:
# a pair waits in steps of 30 s until the 1-minute load average is at most this).
set -euo pipefail
base=${1:?usage: eng/compare-trainers.sh BASE_COMMIT}
pairs=${PAIRS:-8} threads=${THREADS:-1} rounds=${ROUNDS:-7} warmup=${WARMUP:-2}
workloads=${WORKLOADS:-hps mmoe soft} max_load=${MAX_LOAD:-1.5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" 2>/dev/null || true; rm -rf "$work"' EXIT
bins=${BINS:-$work}

if [ -z "${BINS:-}" ]; then
  git -C "$root" worktree add --detach "$work/base" "$base" >/dev/null
  for tree in "$work/base" "$root"; do
    dotnet build -c Release --nologo -v q "$tree/benchmarks/MultiTask.Benchmarks" >/dev/null
  done
  # Copies, so that a rebuild of either tree during the run does not change what is measured.
  cp -r "$work/base/benchmarks/MultiTask.Benchmarks/bin/Release/net10.0" "$work/old"
  cp -r "$root/benchmarks/MultiTask.Benchmarks/bin/Release/net10.0" "$work/new"
fi

# Median steps/s of the timed rounds of one process (odd rounds: the median round's time is steps / this).
run() {
  dotnet "$bins/$1/MultiTask.Benchmarks.dll" --workload "$2" --mode speed --variants trainer \
    --rounds "$rounds" --warmup "$warmup" --threads "$threads" 2>/dev/null | awk -F' *\\| *' '$2 == "trainer" { print $4 }' | grep . \
    || { echo "the $1 build failed on $2" >&2; exit 1; }
}

echo "# trainer: ${BINS:-$(git -C "$root" rev-parse --short HEAD) (working tree)} against $base; $pairs pairs, $warmup+$rounds rounds, $threads thread(s)"
echo "# $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'); start load $(cut -d' ' -f1-3 /proc/loadavg)"
for w in $workloads; do
  for ((p = 1; p <= pairs; p++)); do
    while awk -v m="$max_load" '{ exit !($1 > m) }' /proc/loadavg; do sleep 30; done
    if ((p % 2)); then old=$(run old "$w"); new=$(run new "$w"); else new=$(run new "$w"); old=$(run old "$w"); fi
    echo "$w $p $old $new" | tee -a "$work/pairs" | awk '{ printf "#   %s pair %d: old %s, new %s steps/s, speed %.3f\n", $1, $2, $3, $4, $4 / $3 }'
  done
done

echo
echo "| workload | new trainer speed relative to old (median over pairs) | min - max | pairs | old ms/step | new ms/step |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for w in $workloads; do
  rows=$(awk -v w="$w" '$1 == w' "$work/pairs")
  speeds=$(awk '{ print $4 / $3 }' <<<"$rows" | sort -g)
  printf '| %s | %.3f | %.3f - %.3f | %d | %.2f | %.2f |\n' "$w" "$(median <<<"$speeds")" \
    "$(head -1 <<<"$speeds")" "$(tail -1 <<<"$speeds")" "$(wc -l <<<"$rows")" \
    "$(awk '{ print 1000 / $3 }' <<<"$rows" | median)" "$(awk '{ print 1000 / $4 }' <<<"$rows" | median)"
done
echo "# end load $(cut -d' ' -f1-3 /proc/loadavg)"
