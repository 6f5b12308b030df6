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
    ],
  },
  build: { outDir: '../dist/demo', emptyOutDir: true },
  server: { port: 5173, host: '127.0.0.1' },
  test: {
    root: '.',
    include: ['packages/*/test/**/*.test.ts', 'packages/*/bin/**/*.test.ts', 'demo/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    testTimeout: 30000,
  },
});
