// A stand-in for a CDN on a second local port, for tests that load the packages' browser bundles
// from another origin than the page's: it serves `packages/*/dist/browser/*` with the CORS header
// CDNs send. `/without/<file>/packages/…` serves the same folder with <file> missing, for the tests
// of what fails. Dependency-free, like the other scripts here.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

const types = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/** Starts the server for the repository at `root`; resolves to its origin and a function that stops it. */
export async function startCdn(root) {
  const server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://cdn').pathname);
    const without = /^\/without\/([\w.-]+)(\/.*)$/.exec(path);
    if (without) path = without[2];
    const served = /^\/packages\/[\w-]+\/dist\/browser\/[\w-][\w.-]*$/.test(path) && basename(path) !== without?.[1];
    const body = served ? await readFile(join(root, path)).catch(() => undefined) : undefined;
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    }).end(body);
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((closed) => server.close(closed)),
  };
}
