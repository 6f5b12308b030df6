// One Vite config for the demo (dev server and build) and for vitest's Node unit tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'demo',
  resolve: {
    // The workspace packages resolve to their TypeScript sources, not to their built `dist/`, so
    // `npm start` and `npm test` work straight after `git clone`, before any `tsc -b`.
    alias: [
      {
        find: /^@leadscore\/(worker|sdk|widgets)$/,
        replacement: fileURLToPath(new URL('./packages/$1/src/index.ts', import.meta.url)),
      },
      { find: /^@leadscore\/worker\/(worker|formats)$/, replacement: fileURLToPath(new URL('./packages/worker/src/$1.ts', import.meta.url)) },
      { find: /^@leadscore\/worker\/contract$/, replacement: fileURLToPath(new URL('./packages/worker/src/contract/index.ts', import.meta.url)) },
      // Per-element imports, `@leadscore/widgets/score-card.js`, from the element's registering source file.
      { find: /^@leadscore\/widgets\/([a-z-]+)\.js$/, replacement: fileURLToPath(new URL('./packages/widgets/src/$1/$1.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    rollupOptions: { input: { index: fileURLToPath(new URL('./demo/index.html', import.meta.url)), embed: fileURLToPath(new URL('./demo/embed.html', import.meta.url)) } },
  },
  worker: { format: 'es' },
  // The dependency scan starts from the pages and also from the workers, which no page imports: a
  // dependency found only when a worker first runs (idb, papaparse) would make Vite optimise again
  // and reload the page under a running worker.
  optimizeDeps: { entries: ['index.html', 'embed.html', 'src/screens/data/generator.worker.ts', '../packages/sdk/src/browser/leadscore-worker.ts'] },
  server: { port: 5173, host: '127.0.0.1' },
  test: {
    root: '.',
    include: ['packages/*/test/**/*.test.ts', 'packages/*/bin/**/*.test.ts', 'demo/test/**/*.test.ts', 'bench/*.test.ts', 'test/reliability/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    globalSetup: ['packages/worker/test/build/build-worker.ts'],
    testTimeout: 30000,
    // The JSON report lets scripts/failures.mjs name the failed tests at the end of a long log;
    // each suite its own (LEADSCORE_REPORT: node, demo, demo-build), so a later one keeps an earlier one's.
    reporters: ['default', ['json', { outputFile: fileURLToPath(new URL(`./artifacts/test-results/${process.env.LEADSCORE_REPORT ?? 'node'}.json`, import.meta.url)) }]],
  },
});
