// Bundles shaders/*.wgsl as text for the browser build (Vite); Node uses gpu/shaders.node.ts instead.
import type { ShaderSources } from '../kernels/wgsl.ts';

const modules = import.meta.glob<string>('../../shaders/*.wgsl', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every shader file's text keyed by file name ('gemv.wgsl'). */
export const shaderSources: ShaderSources = Object.fromEntries(
  Object.entries(modules).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
);
