// A Vite plugin of the browser builds (the SDK's and the widgets'): prints every script's size, raw
// and gzipped; Vite's own report leaves the worker's gzip size out, and the budgets are in gzip.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export function reportSizes(): Plugin {
  return {
    name: 'leadscore:sizes',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!file.fileName.endsWith('.js')) continue;
        const text = file.type === 'chunk' ? file.code : file.source;
        const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
        this.info(`${file.fileName}: ${kB(Buffer.byteLength(text))}, gzip ${kB(gzipSync(text).length)}`);
      }
    },
  };
}
