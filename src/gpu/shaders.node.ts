// Loads shaders/*.wgsl for Node (CLI and tests); the browser build uses bench/shaders.vite.ts instead.
import { readdirSync, readFileSync } from 'node:fs';
import type { ShaderSources } from '../kernels/wgsl.ts';

const SHADER_DIR = new URL('../../shaders/', import.meta.url);

/** Every shader file's text keyed by file name ('gemv.wgsl'). */
export function loadShaderSources(): ShaderSources {
  const sources: Record<string, string> = {};
  for (const name of readdirSync(SHADER_DIR)) {
    if (name.endsWith('.wgsl')) sources[name] = readFileSync(new URL(name, SHADER_DIR), 'utf8');
  }
  return sources;
}
