// The SDK for a plain `<script type="module">`: one self-contained ES module, `leadscore.js`, and
// the scoring worker it starts, `leadscore-worker.js`, in `dist/browser/`. Neither imports a bare
// specifier, so a page needs no bundler and no import map. The bundle finds the worker with
// `new URL('./leadscore-worker.js', import.meta.url)`, so the two files work from any folder.
// Build: `npm run build:browser` (from the repository root) or `vite build -c vite.browser.config.ts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { reportSizes } from '../../scripts/report-sizes.ts';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: source('.'),
  // Relative: the bundle finds the worker beside itself, wherever the two files are served from.
  base: './',
  // Nothing of a host page's: no public folder, no `.env` files, no `process.env` left behind.
  publicDir: false,
  envDir: false,
  plugins: [reportSizes()],
  define: { 'process.env.NODE_ENV': '"production"' },
  resolve: {
    // The workspace packages from their TypeScript sources, as everywhere else in the repository,
    // so the bundle never depends on an earlier `tsc -b`.
    alias: [
      { find: /^@leadscore\/worker\/worker$/, replacement: source('../worker/src/worker.ts') },
      { find: /^@leadscore\/worker$/, replacement: source('../worker/src/index.ts') },
    ],
  },
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: source('src/index.ts'),
      formats: ['es'],
      fileName: () => 'leadscore.js',
    },
    rolldownOptions: {
      // A file for browsers, not for another bundler: whitespace minified too (Vite keeps it in an
      // ES library by default), and the dependencies' license comments kept, as in the worker.
      output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false } },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        entryFileNames: 'leadscore-worker.js',
        chunkFileNames: 'leadscore-worker-[name]-[hash].js',
      },
    },
  },
});
