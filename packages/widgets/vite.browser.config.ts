// The widgets for a page that can only add a <script> tag: `dist/browser/leadscore-widgets.js`
// registers every element; ECharts stays a separate chunk loaded only when a chart is shown, and the
// scoring worker a file of its own. No bare imports remain, so no bundler and no import map are needed.
// Build: `npm run build:browser` from the repository root.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { reportSizes } from '../../scripts/report-sizes.ts';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: source('.'),
  base: './',
  publicDir: false,
  envDir: false,
  plugins: [reportSizes()],
  define: { 'process.env.NODE_ENV': '"production"' },
  resolve: {
    alias: [
      { find: /^@leadscore\/worker\/worker$/, replacement: source('../worker/src/worker.ts') },
      { find: /^@leadscore\/worker$/, replacement: source('../worker/src/index.ts') },
      { find: /^@leadscore\/sdk$/, replacement: source('../sdk/src/index.ts') },
    ],
  },
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: source('src/leadscore-widgets.ts'),
      formats: ['es'],
      fileName: () => 'leadscore-widgets.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        comments: { legal: true, annotation: false, jsdoc: false },
        chunkFileNames: 'leadscore-widgets-[name]-[hash].js',
      },
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
