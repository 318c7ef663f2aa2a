#!/usr/bin/env bash
# Run THERE, on the borrowed GPU machine, after scripts/device/prepare.sh here. One call of the device tool:
#   run(command: "bash scripts/device/measure.sh", carry: [".device"], timeout_s: 420)
# It writes to $OUT (what comes back): machine.txt, plan.{json,txt}, quick.{json,txt}, full.{json,txt},
# kernels.{json,txt}.
# Commit the JSON and text under docs/measurements/<gpu>-<date>/ with this command line.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dev=.device
out="${OUT:-/tmp/ridgeline-measure}"
mkdir -p "$out"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"

# Vulkan loader: the machine's own, else the carried Debian package.
if ! ldconfig -p | grep -q 'libvulkan.so.1'; then
  for f in "$dev"/gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
# The NVIDIA ICD where the device README says it lives, unless a driver was chosen already.
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f "$nvidia_icd" ]; then
  export VK_DRIVER_FILES="$nvidia_icd"
fi

# Node: the machine's own unless RIDGELINE_CARRIED_NODE=1, else the carried binary.
node_bin="$(command -v node || true)"
if [ -z "$node_bin" ] || [ "${RIDGELINE_CARRIED_NODE:-0}" = 1 ]; then
  mkdir -p /tmp/ridgeline-node
  xz -dc "$dev/node.xz" >/tmp/ridgeline-node/node
  chmod +x /tmp/ridgeline-node/node
  node_bin=/tmp/ridgeline-node/node
fi
tar -C "$dev/node_modules" -xJf "$dev/node_modules/webgpu.tar.xz"

{
  date -u +%Y-%m-%dT%H:%M:%SZ
  echo "node $("$node_bin" -v) · VK_DRIVER_FILES=${VK_DRIVER_FILES:-} VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-}"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv 2>&1
} >"$out/machine.txt"

run() { # name, then the command's arguments; never stops the script, records the exit status
  local name="$1"
  shift
  "$node_bin" "$@" --json "$out/$name.json" >"$out/$name.txt" 2>&1
  echo "exit status $?" >>"$out/$name.txt"
}
# What the full run will measure on this GPU (variants, working sets), before measuring it.
run plan "$dev/bundle/main.mjs" bench --plan --backend vulkan
run quick "$dev/bundle/main.mjs" bench --quick --backend vulkan --verbose
run full "$dev/bundle/main.mjs" bench --backend vulkan --verbose
run kernels "$dev/bundle/bench-kernels.mjs" --backend vulkan --verbose
cat "$out/machine.txt" "$out/plan.txt" "$out/full.txt" "$out/kernels.txt"
