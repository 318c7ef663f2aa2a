import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server injects CSS (and its error overlay) as inline <style> elements, which index.html's
 * Content-Security-Policy refuses; for `vite` (serve) only, style-src also allows inline styles. The
 * built page keeps the strict policy (tests/browser/measure.test.ts checks it).
 */
function devServerStyles(): Plugin {
  return {
    name: 'ridgeline-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

/**
 * Source maps are opt-in: `RIDGELINE_SOURCEMAP=1 npm run build` (issue 21: every static build shipped 4.7 MB
 * of them, the whole source, to anyone the folder is served to).
 */
const sourcemap = process.env['RIDGELINE_SOURCEMAP'] === '1';

/**
 * The largest chunk, kB minified: three.js's WebGL renderer (vendor-three, ~555 kB, ~140 kB gzip), which
 * only the 3D landscape imports and which loads only when that view opens. three ships it as one module
 * graph that tree-shaking cannot thin much further (WebGLRenderer reaches most of it), so it is bounded
 * rather than split: tests/unit/bundle.test.ts holds it under this limit and every other chunk far below,
 * and the warning sits at the same number, so a chunk that outgrows it still warns.
 */
export const CHUNK_LIMIT_KB = 600;

// Static build served from any folder (relative base), no request leaves the page's origin.
export default defineConfig({
  base: './',
  plugins: [devServerStyles()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    sourcemap,
    chunkSizeWarningLimit: CHUNK_LIMIT_KB,
    rolldownOptions: {
      output: {
        // The chunk of our own code that the entry and the lazily mounted views share takes its name from
        // its first module, vite's preload helper; it is named for what it is.
        chunkFileNames: (chunk) =>
          `assets/${chunk.name === 'preload-helper' ? 'shared' : '[name]'}-[hash].js`,
        // Third-party code in chunks named after what they hold (the d3 modules used to share a chunk
        // named after vite's preload helper): d3's for the charts, three.js's for the 3D landscape only.
        codeSplitting: {
          groups: [
            { name: 'vendor-three', test: /[\\/]node_modules[\\/]three[\\/]/, priority: 2 },
            { name: 'vendor-d3', test: /[\\/]node_modules[\\/](d3-[a-z]+|internmap)[\\/]/, priority: 1 },
            // The model (src/model: presets, napkin, physics, the story) that the explorer and the deck both
            // read: its own chunk, so the rest of the shared code stays small and neither outgrows the limit.
            { name: 'model', test: /[\\/]src[\\/]model[\\/]/, minShareCount: 2, priority: 1 },
            // Our own modules that two or more lazily loaded views share (the deck, the room pages, the
            // explorer): one chunk, not one per first module (format, gpus, dom, …).
            { name: 'shared', test: /[\\/]src[\\/]/, minShareCount: 2, priority: 0 },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
