// A browser test runner reporter that writes each test file's time (the sum of its tests' own
// durations) to artifacts/test-results/browser-durations.json, slowest first: where `npm test`'s
// ten minutes go.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resultsDir } from './failures.mjs';

function total(suite) {
  let ms = 0;
  for (const test of suite.tests ?? []) ms += test.duration ?? 0;
  for (const child of suite.suites ?? []) ms += total(child);
  return ms;
}

export function durationsReporter() {
  let root = '';
  return {
    start({ config }) {
      root = `${config.rootDir}/`;
    },
    onTestRunFinished({ sessions }) {
      const files = sessions
        .map((session) => ({
          file: session.testFile.startsWith(root) ? session.testFile.slice(root.length) : session.testFile,
          seconds: Math.round(total(session.testResults ?? {}) / 100) / 10,
        }))
        .sort((a, b) => b.seconds - a.seconds);
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(`${resultsDir}${process.env.LEADSCORE_REPORT ?? 'browser'}-durations.json`, `${JSON.stringify(files, null, 2)}\n`);
    },
  };
}
