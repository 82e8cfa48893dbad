#!/usr/bin/env bash
# Makes sure Debian's PyTorch is there for the PyTorch interop tests (docs/scaling.md) and the PyTorch baseline
# (eng/pytorch-baseline.sh), and does nothing when it already is.
#
# What it installs with apt, and only what is missing: python3-torch (PyTorch 1.13 for /usr/bin/python3) when
# `/usr/bin/python3 -c 'import torch'` fails, and libopenblas0-openmp when its libblas.so.3 is absent. Why the OpenMP
# build of OpenBLAS: Debian's libtorch only recommends a BLAS; without one it runs on the slow reference BLAS, and the
# default pthread OpenBLAS keeps a thread pool of its own that fights torch's OpenMP pool. Callers put
# /usr/lib/x86_64-linux-gnu/openblas-openmp first on LD_LIBRARY_PATH for their python processes; the system's
# libblas.so.3 alternative is left alone. Root or sudo is needed the first time only.
set -euo pipefail

PY=/usr/bin/python3
OMP_BLAS=/usr/lib/x86_64-linux-gnu/openblas-openmp

PACKAGES=()
"$PY" -c 'import torch' >/dev/null 2>&1 || PACKAGES+=(python3-torch)
[ -e "$OMP_BLAS/libblas.so.3" ] || PACKAGES+=(libopenblas0-openmp)
if [ "${#PACKAGES[@]}" -eq 0 ]; then
    echo "setup: $PY has PyTorch $("$PY" -c 'import torch; print(torch.__version__)' 2>/dev/null); nothing to do."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: the PyTorch interop tests need /usr/bin/python3 with torch (missing: ${PACKAGES[*]}); install PyTorch for it, then run this again." >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: run as root to install ${PACKAGES[*]} with apt (the PyTorch interop tests need them)." >&2; exit 1; }
    SUDO="sudo"
fi

echo "setup: installing ${PACKAGES[*]} with apt (Debian's PyTorch for the PyTorch interop tests; a few hundred MB the first time)."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
"$PY" -c 'import torch; print("setup: done; PyTorch", torch.__version__)'
