#!/usr/bin/env bash
# Run THERE, on the borrowed GPU machine, after scripts/device/prepare.sh here. One call of the device tool:
#   run(command: "bash scripts/device/measure.sh", carry: [".device"], timeout_s: 420)
# Writes exactly two files to $OUT (the device tool returns at most 8): measurements.tar.gz (gzip) holding
# machine.txt, status.txt and plan / quick / talk / full / kernels .json and .txt, and summary.txt (the
# machine, each run's exit status, the full run's report). Commit the unpacked files under
# docs/measurements/<gpu>-<date>/ with this command line.
# Exit status: 2 when the carried runtime (.device/bundle, Dawn's bindings, a Node) is missing, before
# anything runs; 1 when a run failed (its output is still in the tarball); 0 otherwise.
# RIDGELINE_DEVICE_DRY_RUN=1: a rehearsal of the bundle on this machine's lavapipe (CPU adapter), as the
# tests run it: the plan and a short quick run of three kernels, no nvidia-smi, no full run.
# RIDGELINE_DEVICE_DIR: where the carried runtime is (default .device).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dev="${RIDGELINE_DEVICE_DIR:-.device}"
out="${OUT:-/tmp/ridgeline-measure}"
dry="${RIDGELINE_DEVICE_DRY_RUN:-0}"
missing() {
  echo "measure.sh: $1 is missing: run scripts/device/prepare.sh here first and carry $dev" >&2
  exit 2
}
[ -f "$dev/bundle/main.mjs" ] || missing "the CLI bundle ($dev/bundle/main.mjs)"
[ -f "$dev/bundle/bench-kernels.mjs" ] || missing "the kernel benchmark bundle ($dev/bundle/bench-kernels.mjs)"
[ -f "$dev/node_modules/webgpu.tar.gz" ] || missing "Dawn's Node bindings ($dev/node_modules/webgpu.tar.gz)"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
# The bundle reads shaders/ from the repository, wherever the runtime was carried.
export RIDGELINE_SHADER_DIR="$root/shaders"

if [ "$dry" = 1 ]; then
  lavapipe="$root/.cache/lavapipe/lvp_icd.json"
  [ -f "$lavapipe" ] || missing "lavapipe for the dry run ($lavapipe; scripts/provision-lavapipe.sh)"
  # VK_DRIVER_FILES, where set (even empty), would win over VK_ICD_FILENAMES in the Vulkan loader
  unset VK_DRIVER_FILES
  export VK_ICD_FILENAMES="$lavapipe"
else
  # Vulkan loader: the machine's own, else the carried Debian package.
  if ! ldconfig -p | grep -q 'libvulkan.so.1'; then
    ls "$dev"/gl/*.deb >/dev/null 2>&1 || missing "the Vulkan loader package ($dev/gl/libvulkan1_*.deb)"
    for f in "$dev"/gl/*.deb; do dpkg -x "$f" /; done
    ldconfig
  fi
  # The NVIDIA ICD where the device README says it lives, unless a driver was chosen already.
  nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f "$nvidia_icd" ]; then
    export VK_DRIVER_FILES="$nvidia_icd"
  fi
fi

# Node: the machine's own unless RIDGELINE_CARRIED_NODE=1, else the carried binary.
node_bin="$(command -v node || true)"
if [ -z "$node_bin" ] || [ "${RIDGELINE_CARRIED_NODE:-0}" = 1 ]; then
  [ -f "$dev/node.gz" ] || missing "a Node binary ($dev/node.gz; this machine has no node)"
  mkdir -p /tmp/ridgeline-node
  gzip -dc "$dev/node.gz" >/tmp/ridgeline-node/node || missing "a readable Node binary ($dev/node.gz)"
  chmod +x /tmp/ridgeline-node/node
  node_bin=/tmp/ridgeline-node/node
fi
tar -C "$dev/node_modules" -xzf "$dev/node_modules/webgpu.tar.gz" || missing "a readable $dev/node_modules/webgpu.tar.gz"

{
  date -u +%Y-%m-%dT%H:%M:%SZ
  echo "node $("$node_bin" -v) · VK_DRIVER_FILES=${VK_DRIVER_FILES:-} VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-}"
  if [ "$dry" = 1 ]; then echo 'dry run: lavapipe'; else nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv 2>&1; fi
} >"$work/machine.txt"

failed=0
run() { # name, then the command's arguments; never stops the script, records the exit status
  local name="$1"
  shift
  "$node_bin" "$@" --json "$work/$name.json" >"$work/$name.txt" 2>&1
  local status=$?
  echo "$name exit status $status" >>"$work/status.txt"
  [ "$status" = 0 ] || failed=1
}
if [ "$dry" = 1 ]; then
  run plan "$dev/bundle/main.mjs" bench --plan --quick --backend vulkan
  run quick "$dev/bundle/main.mjs" bench --quick --backend vulkan --kernels dispatch-overhead,stream-read,gemv --budget 3s
else
  # What the full run will measure on this GPU (variants, working sets, workgroups), before measuring it.
  run plan "$dev/bundle/main.mjs" bench --plan --backend vulkan
  run quick "$dev/bundle/main.mjs" bench --quick --backend vulkan --verbose
  run talk "$dev/bundle/main.mjs" bench --profile talk --backend vulkan --verbose
  run full "$dev/bundle/main.mjs" bench --backend vulkan --verbose
  run kernels "$dev/bundle/bench-kernels.mjs" --backend vulkan --verbose
fi

tar -C "$work" -czf "$out/measurements.tar.gz" .
report="$work/full.txt"
[ -f "$report" ] || report="$work/quick.txt"
cat "$work/machine.txt" "$work/status.txt" "$report" >"$out/summary.txt"
cat "$out/summary.txt"
exit "$failed"
