// Where the GPU comes from in Node: Dawn's bindings (the `webgpu` package). The browser uses navigator.gpu.
// Only src/gpu and src/cli may import this file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create, globals } from 'webgpu';
import { NoAdapterError } from './device.ts';
import { type LocateRequest, locateFile } from './locate.node.ts';

export type NodeBackend = 'vulkan' | 'opengl' | 'default';

export interface NodeGpuOptions {
  backend?: NodeBackend;
}

let installedGlobals = false;

/** The Dawn instance flag that turns timestamp quantization off. */
export const TIMESTAMP_FLAG = 'disable-dawn-features=timestamp_quantization';

// One Dawn instance per backend for the life of the process. Dawn's Node bindings crash the process
// (std::system_error, futex errors) when a GPU object is garbage-collected while a device made from it is
// still alive, and every create() starts another instance: holding each here avoids both.
const instances = new Map<string, GPU>();

/** Returns a GPU object (like navigator.gpu) backed by Dawn; the same one for the same backend. */
export function nodeGpu(options: NodeGpuOptions = {}): GPU {
  if (!installedGlobals) {
    // GPUBufferUsage, GPUShaderStage, GPUMapMode… as in a browser.
    Object.assign(globalThis, globals);
    installedGlobals = true;
  }
  if (!process.env['XDG_RUNTIME_DIR']) process.env['XDG_RUNTIME_DIR'] = '/tmp';
  // Full-resolution timestamps (issue 22): Dawn quantises them to 65,536 ns by default (the
  // timestamp_quantization toggle, Dawn src/dawn/native/Toggles.cpp), so a pass of a few µs reads 0. Off here,
  // where no page can use them against us; the timer records the resolution it obtained either way.
  const flags: string[] = [TIMESTAMP_FLAG];
  if (options.backend === 'vulkan') flags.push('backend=vulkan');
  if (options.backend === 'opengl') {
    flags.push('backend=opengl');
    // Mesa's EGL needs a platform; on a headless machine (no X11/Wayland display) only the surfaceless
    // one initialises. Without it Dawn reports "eglInitialize failed with EGL_NOT_INITIALIZED".
    if (!process.env['EGL_PLATFORM'] && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
      process.env['EGL_PLATFORM'] = 'surfaceless';
    }
  }
  const key = flags.join(',');
  let gpu = instances.get(key);
  if (!gpu) {
    gpu = create(flags) as unknown as GPU;
    instances.set(key, gpu);
  }
  return gpu;
}

/** The CPU Vulkan drivers a machine without a GPU can measure on (Dawn's Vulkan backend on each). */
export type CpuAdapter = 'swiftshader' | 'lavapipe';

/**
 * SwiftShader's Vulkan ICD (core WebGPU, subgroups and timestamps, no shader-f16) ships with Chromium and
 * Chrome. RIDGELINE_VK_ICD names it directly; otherwise the install folders of Debian's and Arch's chromium,
 * Ubuntu's (the snap, and the older chromium-browser deb), Fedora's chromium-browser, and Google Chrome's
 * packages (.deb and .rpm both install under /opt/google).
 */
export const SWIFTSHADER_ICD_SEARCH: LocateRequest = {
  what: 'SwiftShader Vulkan driver (vk_swiftshader_icd.json, shipped with Chromium and Chrome)',
  envVar: 'RIDGELINE_VK_ICD',
  paths: [
    '/usr/lib/chromium/vk_swiftshader_icd.json',
    '/usr/lib/chromium-browser/vk_swiftshader_icd.json',
    '/snap/chromium/current/usr/lib/chromium-browser/vk_swiftshader_icd.json',
    '/usr/lib64/chromium-browser/vk_swiftshader_icd.json',
    '/opt/google/chrome/vk_swiftshader_icd.json',
    '/opt/google/chrome-beta/vk_swiftshader_icd.json',
    '/opt/google/chrome-unstable/vk_swiftshader_icd.json',
  ],
  remedy:
    'install Chromium (Debian/Ubuntu: apt install chromium; Fedora: dnf install chromium) or Chrome, ' +
    'or set RIDGELINE_VK_ICD to a vk_swiftshader_icd.json',
};

/**
 * Where Mesa's lavapipe ICD may be, first found wins: the copy scripts/provision-lavapipe.sh unpacks into
 * this checkout, then the system's (Debian's names). Lavapipe from Mesa 23 on has shader-f16; Dawn refuses
 * Mesa 22's, so a system file alone is no promise of an adapter.
 */
function lavapipeIcdCandidates(): string[] {
  return [
    fileURLToPath(new URL('../../.cache/lavapipe/lvp_icd.json', import.meta.url)),
    '/usr/share/vulkan/icd.d/lvp_icd.json',
    '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json',
  ];
}

function findLavapipeIcd(): string {
  const icd = lavapipeIcdCandidates().find((file) => existsSync(file));
  if (icd === undefined) {
    throw new NoAdapterError(
      `no lavapipe driver (looked in ${lavapipeIcdCandidates().join(', ')}): ${LAVAPIPE_HINT}`,
    );
  }
  return icd;
}

/** The hint an empty-handed SwiftShader request ends with: the ICD is there, so the loader is missing. */
export const VULKAN_LOADER_HINT =
  'is the Vulkan loader installed? (Debian/Ubuntu: apt install libvulkan1; Fedora: dnf install vulkan-loader)';

/** The hint an empty-handed lavapipe request ends with. */
export const LAVAPIPE_HINT =
  'Dawn needs the lavapipe of Mesa 23 or newer; scripts/provision-lavapipe.sh sets one up on Debian';

/**
 * For tests, CI and machines without a GPU: point the Vulkan loader at a CPU driver's ICD, unless the
 * caller already chose a driver (VK_ICD_FILENAMES or VK_DRIVER_FILES), which wins. Returns the ICD file
 * now in use (null when the caller's choice stands); throws NoAdapterError when lavapipe is nowhere.
 */
export function useCpuAdapterIfNoDriverChosen(which: CpuAdapter): string | null {
  if (process.env['VK_ICD_FILENAMES'] || process.env['VK_DRIVER_FILES']) return null;
  const icd = which === 'swiftshader' ? findSwiftShaderIcd() : findLavapipeIcd();
  process.env['VK_ICD_FILENAMES'] = icd;
  return icd;
}

/** The SwiftShader ICD's path; throws NoAdapterError listing where it looked when there is none. */
export function findSwiftShaderIcd(): string {
  const located = locateFile(SWIFTSHADER_ICD_SEARCH);
  if (located.found === null) throw new NoAdapterError(located.message);
  return located.found;
}

/**
 * For the kernel tests: SwiftShader unless a driver was chosen. Returns why it could not be used (no ICD
 * found), leaving the loader's own choice in place, or null.
 */
export function useSwiftShaderIfNoDriverChosen(): string | null {
  try {
    useCpuAdapterIfNoDriverChosen('swiftshader');
    return null;
  } catch (error) {
    if (error instanceof NoAdapterError) return error.message;
    throw error;
  }
}
