#!/usr/bin/env bash
# Makes sure TorchSharp's native library can load on this machine, and does nothing when it already can.
#
# TorchSharp-cpu 0.107.0 (libtorch 2.10) needs a libstdc++ that provides GLIBCXX_3.4.32 (GCC 13 or newer).
# Debian 12 ships GCC 12's. On Debian 12, as root, this script installs libstdc++6 from Debian 13 (trixie)
# through a one-off apt source list that is never added to the system's sources. Anywhere else it prints
# what to do and exits non-zero. First, eng/setup-pytorch.sh installs Debian's PyTorch when it is missing (the PyTorch
# interop tests run it).
set -euo pipefail

bash "$(dirname "${BASH_SOURCE[0]}")/setup-pytorch.sh"

needed=GLIBCXX_3.4.32

find_libstdcxx() {
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -e "$candidate" ] && { echo "$candidate"; return 0; }
  done
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 /{print $NF; exit}'
}

has_symbol_version() {
  # grep -a over the binary: works where binutils' `strings` is not installed.
  grep -aq "$needed" "$1"
}

case "$(uname -s)" in
  Linux) ;;
  *) echo "setup: $(uname -s) needs no native set-up for TorchSharp."; exit 0 ;;
esac

lib=$(find_libstdcxx || true)
if [ -n "$lib" ] && has_symbol_version "$lib"; then
  echo "setup: $lib provides $needed; nothing to do."
  exit 0
fi

echo "setup: ${lib:-libstdc++.so.6} lacks $needed, which TorchSharp 0.107's native library needs."

. /etc/os-release 2>/dev/null || true
if [ "${ID:-}" != debian ] || [ "${VERSION_ID:-}" != 12 ]; then
  echo "setup: install a libstdc++ from GCC 13 or newer (for example your distribution's libstdc++6 update), then run this again." >&2
  exit 1
fi

apt_cmd_hint="apt-get install -t trixie libstdc++6 (from a Debian 13 'trixie' source)"
if [ "$(id -u)" != 0 ]; then
  echo "setup: run this script as root (sudo $0) to install libstdc++6 from Debian 13, or: $apt_cmd_hint" >&2
  exit 1
fi

mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

work=$(mktemp -d)
chmod 755 "$work"  # apt downloads as user _apt
trap 'rm -rf "$work"' EXIT
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$work/trixie.list"
mkdir -p "$work/lists/partial"
apt_opts=(-o "Dir::Etc::SourceList=$work/trixie.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists")

echo "setup: installing libstdc++6 from Debian 13 (trixie) via $mirror (apt brings libc6 2.41 and Debian 13's base-files along)."
apt-get "${apt_opts[@]}" update -qq
DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confold libstdc++6 >/dev/null

lib=$(find_libstdcxx || true)
if [ -n "$lib" ] && has_symbol_version "$lib"; then
  echo "setup: done; $lib now provides $needed."
else
  echo "setup: libstdc++6 was installed but $needed is still missing." >&2
  exit 1
fi
