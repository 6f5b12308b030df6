#!/usr/bin/env node
// Runs npm scripts one after another, each to its end whatever the others did, so one failing
// runner never hides another's report; then prints one line per script and exits 1 if any failed.
// `node scripts/run-all.mjs typecheck test:node test:browser` is `npm test`.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { failures, resultsDir } from './failures.mjs';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/run-all.mjs SCRIPT...');
  process.exit(1);
}

// A report left by an earlier run must not name failures this run did not have.
rmSync(resultsDir, { recursive: true, force: true });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const outcomes = scripts.map((script) => {
  const started = Date.now();
  const run = spawnSync(npm, ['run', script], { stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  return { script, ok: run.status === 0, detail: run.status === null ? `killed by ${run.signal}` : `exit ${run.status}`, seconds };
});

console.log('\n== Summary ==');
for (const { script, ok, detail, seconds } of outcomes) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${script.padEnd(14)} ${String(seconds).padStart(4)} s${ok ? '' : `  (${detail})`}`);
}
const failed = failures();
if (failed.length > 0) console.log(`\n== Failed tests ==\n${failed.join('\n')}`);
process.exitCode = outcomes.every((outcome) => outcome.ok) ? 0 : 1;
