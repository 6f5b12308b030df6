// Vitest's global setup: compiles @leadscore/worker (`tsc -b`, incremental) before any test file
// runs, so the command-line tests run the built `dist/bin/cli.js` as a published package does:
// plain Node, no TypeScript loader started per case (that cost 1-30 s a run on a loaded machine).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/worker'], { cwd: root, stdio: 'inherit' });
}
