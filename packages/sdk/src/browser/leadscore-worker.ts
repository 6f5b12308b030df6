// The scoring worker this package ships, built by `vite.browser.config.ts` into
// `dist/browser/leadscore-worker.js`: the service of @leadscore/worker with every dependency bundled
// in (engine, store, zod, idb, papaparse, comlink), no import left. Not compiled by tsc: the
// client starts the built file (default-worker.ts).
import '@leadscore/worker/worker';
