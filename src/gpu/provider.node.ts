// Where the GPU comes from in Node: Dawn's bindings (the `webgpu` package). The browser uses navigator.gpu.
// Only src/gpu and src/cli may import this file.
import { create, globals } from 'webgpu';

export type NodeBackend = 'vulkan' | 'opengl' | 'default';

export interface NodeGpuOptions {
  backend?: NodeBackend;
}

let installedGlobals = false;

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
  const flags: string[] = [];
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

/**
 * For tests and CI on machines without a GPU: point the Vulkan loader at the SwiftShader ICD that
 * Debian's chromium package ships, unless the caller already chose a driver.
 */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
export function useSwiftShaderIfNoDriverChosen(): void {
  if (!process.env['VK_ICD_FILENAMES'] && !process.env['VK_DRIVER_FILES']) {
    process.env['VK_ICD_FILENAMES'] = SWIFTSHADER_ICD;
  }
}
