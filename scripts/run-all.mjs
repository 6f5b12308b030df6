#!/usr/bin/env node
// Runs npm scripts one after another, each to its end whatever the others did, so one failing
// runner never hides another's report; then prints one line per script and exits 1 if any failed.
// Scripts joined by `+` run at the same time: the browser tests leave most of a second core idle
// (they wait on the browser), which the Node tests fill. Each of those prints its output whole
// when it ends, so two reports never interleave.
// `node scripts/run-all.mjs typecheck test:node+test:browser` is `npm test`.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { failures, resultsDir } from './failures.mjs';

const steps = process.argv.slice(2).map((argument) => argument.split('+').filter(Boolean));
if (steps.length === 0 || steps.some((group) => group.length === 0)) {
  console.error('usage: node scripts/run-all.mjs SCRIPT[+SCRIPT...]...');
  process.exit(1);
}

// A report left by an earlier run must not name failures this run did not have.
rmSync(resultsDir, { recursive: true, force: true });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script, alone) {
  const started = Date.now();
  const child = spawn(npm, ['run', script], { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  const output = [];
  if (!alone) {
    console.log(`\n::: ${script} started; its output follows when it ends`);
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      if (!alone) {
        console.log(`\n::: ${script} (${seconds} s)`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ script, ok: code === 0, detail: code === null ? `killed by ${signal}` : `exit ${code}`, seconds });
    });
  });
}

const outcomes = [];
for (const group of steps) {
  outcomes.push(...(await Promise.all(group.map((script) => run(script, group.length === 1)))));
}

console.log('\n== Summary ==');
for (const { script, ok, detail, seconds } of outcomes) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${script.padEnd(14)} ${String(seconds).padStart(4)} s${ok ? '' : `  (${detail})`}`);
}
const failed = failures();
if (failed.length > 0) console.log(`\n== Failed tests ==\n${failed.join('\n')}`);
process.exitCode = outcomes.every((outcome) => outcome.ok) ? 0 : 1;
