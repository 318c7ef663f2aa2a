// Loads shaders/*.wgsl for Node (CLI and tests); the browser build uses bench/shaders.vite.ts instead.
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ShaderSources } from '../kernels/wgsl.ts';

/**
 * shaders/ two folders up from this file (src/gpu, or a bundle two folders down from the root), unless
 * RIDGELINE_SHADER_DIR names it (scripts/device/measure.sh: a bundle carried elsewhere).
 */
function shaderDir(): URL {
  const named = process.env['RIDGELINE_SHADER_DIR'];
  return named
    ? pathToFileURL(named.endsWith('/') ? named : `${named}/`)
    : new URL('../../shaders/', import.meta.url);
}

/** Every shader file's text keyed by file name ('gemv.wgsl'). */
export function loadShaderSources(): ShaderSources {
  const dir = shaderDir();
  const sources: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.wgsl')) sources[name] = readFileSync(new URL(name, dir), 'utf8');
  }
  return sources;
}
