// One Vite config for the demo (dev server and build) and for vitest's Node unit tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'demo',
  build: { outDir: '../dist/demo', emptyOutDir: true },
  server: { port: 5173, host: '127.0.0.1' },
  test: {
    root: '.',
    include: ['packages/*/test/**/*.test.ts', 'packages/*/bin/**/*.test.ts', 'demo/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    testTimeout: 30000,
  },
});
