#!/usr/bin/env bash
# Gives this checkout a Vulkan adapter with shader-f16 and no GPU: Mesa's lavapipe (a CPU Vulkan driver),
# so the f16 kernels run for real in the tests. SwiftShader has no shader-f16, llvmpipe over OpenGL neither,
# and Dawn refuses the lavapipe of Mesa 22 (Debian 12's: "shaderUniform*ArrayDynamicIndexing required").
#
# Where the system's mesa-vulkan-drivers is Mesa 23 or newer, that one is used and nothing is written.
# On Debian 12 (bookworm) the bookworm-backports package (Mesa 25) is unpacked into .cache/lavapipe with an
# ICD file that points at it: the system's Mesa, OpenGL included, and its apt sources stay as they are.
# Needs root (apt-get).
# The tests and `ridgeline bench --lavapipe` look for .cache/lavapipe/lvp_icd.json, then the system's files.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.cache/lavapipe"
icd="$dest/lvp_icd.json"
export DEBIAN_FRONTEND=noninteractive

mesa_major() { # the major version of an installed or available Debian package version string ("25.0.7-2~bpo12+1" → 25)
  sed -E 's/^[0-9]+://; s/\..*//' <<<"$1"
}

if [ -f "$icd" ] && [ -f "$(sed -nE 's/.*"library_path": *"([^"]+)".*/\1/p' "$icd")" ]; then
  echo "lavapipe: already unpacked ($icd)"
  exit 0
fi

installed="$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)"
if [ -n "$installed" ] && [ "$(mesa_major "$installed")" -ge 23 ]; then
  echo "lavapipe: the system's mesa-vulkan-drivers $installed is new enough"
  exit 0
fi

apt-get update -qq
candidate="$(apt-cache policy mesa-vulkan-drivers | sed -nE 's/^ *Candidate: *//p')"
if [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && [ "$(mesa_major "$candidate")" -ge 23 ]; then
  apt-get install -y -qq --no-install-recommends mesa-vulkan-drivers
  echo "lavapipe: installed mesa-vulkan-drivers $candidate"
  exit 0
fi

codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
if [ "$codename" != "bookworm" ]; then
  echo "lavapipe: mesa-vulkan-drivers here is ${candidate:-missing}, and only Debian 12's backports are known to this script; install Mesa >= 23's lavapipe by hand" >&2
  exit 1
fi

# The backports package is fetched through a private apt state in a temporary folder (its own source list,
# package lists and cache, passed as apt options): nothing is added to /etc/apt, and the system's package
# lists are left as they were.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sources.d" "$work/lists/partial" "$work/cache/archives/partial" "$work/download"
echo "deb http://deb.debian.org/debian bookworm-backports main" >"$work/backports.list"
# apt downloads as its unprivileged _apt user where it can write (else it warns and downloads as root).
if id _apt >/dev/null 2>&1; then
  chmod 755 "$work"
  chown -R _apt:root "$work/lists" "$work/cache" "$work/download"
fi
backports=(
  -o "Dir::Etc::SourceList=$work/backports.list"
  -o "Dir::Etc::SourceParts=$work/sources.d"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
)
apt-get "${backports[@]}" update -qq
(cd "$work/download" && apt-get "${backports[@]}" download -qq mesa-vulkan-drivers)
deb="$(ls "$work"/download/mesa-vulkan-drivers_*.deb)"
# Its run-time libraries, from bookworm itself (the versions it asks for are newer than bookworm's libdrm,
# but lavapipe does not use the DRM paths, and the tests prove the driver loads and computes).
mapfile -t deps < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -E 's/\(.*\)//; s/\|.*//; s/[[:space:]]//g' | grep -v '^$')
apt-get install -y -qq --no-install-recommends --no-upgrade "${deps[@]}"
rm -rf "$dest"
mkdir -p "$dest"
dpkg-deb -x "$deb" "$dest/root"
library="$(find "$dest/root" -name 'libvulkan_lvp.so' | head -n 1)"
[ -n "$library" ] || { echo "lavapipe: $deb holds no libvulkan_lvp.so" >&2; exit 1; }
missing="$(ldd "$library" | grep 'not found' || true)"
[ -z "$missing" ] || { echo "lavapipe: unresolved libraries: $missing" >&2; exit 1; }
api="$(sed -nE 's/.*"api_version": *"([^"]+)".*/\1/p' "$(find "$dest/root" -name 'lvp_icd*.json' | head -n 1)")"
cat >"$icd" <<EOF
{
    "ICD": {
        "api_version": "${api:-1.3.0}",
        "library_path": "$library"
    },
    "file_format_version": "1.0.0"
}
EOF
echo "lavapipe: unpacked $(basename "$deb") into $dest"
