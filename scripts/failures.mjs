#!/usr/bin/env node
// Names the tests that failed in the last `npm test` (and the demo's suites after it), from the
// files the runners leave in artifacts/test-results/ (vitest's JSON reports, the browser
// runner's failures), one line each with the first line of its error: the end of a long CI log
// says which test failed, not only that one did. Prints nothing when nothing failed or no runner left a report.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const resultsDir = fileURLToPath(new URL('../artifacts/test-results/', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
const relative = (file) => (file.startsWith(root) ? file.slice(root.length) : file);

function readJson(name) {
  const path = resultsDir + name;
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function failures() {
  const lines = [];
  // vitest's suites, each with its own report (vite.config.ts, LEADSCORE_REPORT).
  for (const suite of ['node', 'reliability', 'demo', 'demo-build']) {
    const label = suite.padEnd(8);
    for (const file of readJson(`${suite}.json`)?.testResults ?? []) {
      const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failed) lines.push(`${label} ${relative(file.name)} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      if (file.status === 'failed' && failed.length === 0) lines.push(`${label} ${relative(file.name)}: ${firstLine(file.message)}`);
    }
  }
  for (const report of ['browser', 'reliability-browser']) {
    for (const failure of readJson(`${report}.json`) ?? []) lines.push(`browser  ${failure.file} > ${failure.test}: ${firstLine(failure.message)}`);
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lines = failures();
  if (lines.length > 0) console.log(`\n== Failed tests ==\n${lines.join('\n')}`);
}
