// The Vite configuration of the packages' bundles for a plain `<script type="module">` (the SDK's
// `leadscore.js`, the widgets' `leadscore-widgets.js`): one ES module in `dist/browser/`, its lazy
// chunks and the scoring worker beside it, no bare import left, so a page needs no bundler and no
// import map. The bundle finds the worker with `new URL('./leadscore-worker.js', import.meta.url)`,
// so the files work from any folder, and from another origin than the page's (a CDN) too
// (packages/sdk/src/default-worker.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig, type PluginOption, type UserConfig } from 'vite';
import { reportSizes } from './report-sizes.ts';

const repo = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** More of a package's browser build: entries beside the main one (`name` → source, built to `name.js`), plugins. */
export interface BundleExtras {
  entries?: Record<string, string>;
  plugins?: PluginOption[];
}

/** `packageDir` is the package's folder (its config's `new URL('.', import.meta.url)`). */
export function browserBundle(packageDir: URL, entry: string, fileName: string, extras: BundleExtras = {}): UserConfig {
  const chunkPrefix = fileName.replace(/\.js$/, '');
  const source = (path: string) => fileURLToPath(new URL(path, packageDir));
  const entries = Object.fromEntries(Object.entries({ [chunkPrefix]: entry, ...extras.entries }).map(([name, path]) => [name, source(path)]));
  return defineConfig({
    root: fileURLToPath(packageDir),
    // Relative: the bundle finds the worker beside itself, wherever the files are served from.
    base: './',
    // Nothing of a host page's: no public folder, no `.env` files, no `process.env` left behind.
    publicDir: false,
    envDir: false,
    plugins: [reportSizes(), ...(extras.plugins ?? [])],
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: {
      // The workspace packages from their TypeScript sources, as everywhere else in the repository,
      // so the bundle never depends on an earlier `tsc -b`.
      alias: [
        { find: /^@leadscore\/worker\/(worker|formats)$/, replacement: repo('packages/worker/src/$1.ts') },
        { find: /^@leadscore\/worker\/contract$/, replacement: repo('packages/worker/src/contract/index.ts') },
        { find: /^@leadscore\/(worker|sdk)$/, replacement: repo('packages/$1/src/index.ts') },
      ],
    },
    build: {
      outDir: 'dist/browser',
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      // Entries share no module, so each stays one file.
      lib: { entry: entries, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        // A file for browsers, not for another bundler: whitespace minified too (Vite keeps it in an
        // ES library by default), and the dependencies' license comments kept, as in the worker.
        output: { minify: true, comments: { legal: true, annotation: false, jsdoc: false }, chunkFileNames: `${chunkPrefix}-[name]-[hash].js` },
      },
    },
    worker: {
      format: 'es',
      rolldownOptions: { output: { entryFileNames: 'leadscore-worker.js', chunkFileNames: 'leadscore-worker-[name]-[hash].js' } },
    },
  });
}
