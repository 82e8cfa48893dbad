#!/usr/bin/env bash
# PyTorch eager baseline for the training benchmarks (docs/performance.md, "Against PyTorch").
#
# What it does:
# 1. Runs eng/setup-pytorch.sh, which installs Debian's python3-torch (PyTorch 1.13.1) and libopenblas0-openmp
#    with apt, but only what is missing. Running it again installs nothing (idempotent; root or sudo is needed
#    only the first time). Why OpenBLAS/OpenMP: Debian's
#    libtorch only *recommends* a BLAS, and without one it runs on the netlib reference BLAS (libblas3,
#    about 5x slower here); the default OpenBLAS (libopenblas0-pthread) keeps its own thread pool, which
#    fights torch's OpenMP pool on a 2-CPU machine (4 busy threads; the soft workload runs 4x slower).
#    The OpenMP build shares torch's pool, so torch.set_num_threads(2) really means 2 threads.
# 2. Runs benchmarks/pytorch/workloads.py with Debian's /usr/bin/python3 (not a pyenv/venv python), the
#    OpenMP OpenBLAS picked per process with LD_LIBRARY_PATH (the system's libblas.so.3 alternative is left
#    alone), passing all arguments on. BLAS=system runs with the system's alternative instead.
#
#   eng/pytorch-baseline.sh                          # all three workloads, 12 rounds
#   eng/pytorch-baseline.sh --workload mmoe --rounds 6
#   BLAS=system eng/pytorch-baseline.sh --rounds 3    # whatever libblas.so.3 points to
set -euo pipefail

PY=/usr/bin/python3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OMP_BLAS=/usr/lib/x86_64-linux-gnu/openblas-openmp

bash "$ROOT/eng/setup-pytorch.sh" >&2

if [ "${BLAS:-openmp}" = openmp ]; then
    export LD_LIBRARY_PATH="$OMP_BLAS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
exec "$PY" "$ROOT/benchmarks/pytorch/workloads.py" "$@"
