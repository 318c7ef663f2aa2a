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

// Static build served from any folder (relative base), no request leaves the page's origin.
export default defineConfig({
  base: './',
  plugins: [devServerStyles()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
