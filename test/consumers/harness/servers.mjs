// The servers a consumer page is loaded from: a project's own `npm run dev` / `npm run preview`,
// or a folder served as a static host (or a CDN) serves it, by Vite's preview server.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { preview } from 'vite';

/** A port nothing listens on, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `npm <args>` in `dir` (a server given `--port`), ready once it answers on that port. `stop()`
 * ends its whole process group (npm, then the server it started).
 */
export async function startServer(dir, args) {
  const port = Number(args[args.indexOf('--port') + 1]);
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn('npm', args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  const deadline = Date.now() + 120_000;
  while (true) {
    if (child.exitCode !== null) throw new Error(`\`npm ${args.join(' ')}\` exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    if (await answers(url)) return { url, stop, output: () => output };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`\`npm ${args.join(' ')}\` did not answer on ${url} within 2 minutes:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `folder` over HTTP as a static host serves it: real 404s (no fallback page) and, with `cors`,
 * `Access-Control-Allow-Origin: *` as a CDN sends.
 */
export async function serveFolder(folder, { cors = false } = {}) {
  const server = await preview({
    configFile: false,
    root: folder,
    appType: 'mpa',
    logLevel: 'silent',
    build: { outDir: '.' },
    preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, cors: cors ? { origin: '*' } : false },
  });
  return { url: server.resolvedUrls.local[0], stop: () => server.close() };
}

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
