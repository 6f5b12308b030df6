// Where the default worker is looked for when Vite before version 8 pre-bundled the SDK into
// node_modules/.vite/deps/ and left the worker's URL beside the pre-bundled file (its dev server
// serves that as 404): the file where the package is installed. scripts/check-vite-dev.mjs checks
// the same with Vite 7 itself.
import { describe, expect, it } from 'vitest';
import { outOfViteDeps } from '../src/default-worker.ts';

const moved = (url: string) => outOfViteDeps(new URL(url)).href;

describe('the default worker under a Vite dev server', () => {
  it('is taken from the installed package when the URL points into .vite/deps/, with its query', () => {
    expect(moved('http://localhost:5173/node_modules/.vite/deps/browser/leadscore-worker.js?worker_file&type=module'))
      .toBe('http://localhost:5173/node_modules/@leadscore/sdk/dist/browser/leadscore-worker.js?worker_file&type=module');
    expect(moved('http://127.0.0.1:4000/app/node_modules/.vite/deps/browser/leadscore-worker.js'))
      .toBe('http://127.0.0.1:4000/app/node_modules/@leadscore/sdk/dist/browser/leadscore-worker.js');
  });

  it('is left where any other URL points', () => {
    for (const url of [
      'http://localhost:5173/node_modules/@leadscore/sdk/dist/browser/leadscore-worker.js',
      'http://localhost:5173/assets/leadscore-worker-H_Ive6ga.js',
      'https://cdn.example.com/leadscore/0.1.0/leadscore-worker.js',
      'http://localhost:5173/node_modules/.vite/deps/leadscore-worker.js',
    ]) expect(moved(url)).toBe(url);
  });
});
