// A browser test runner reporter that writes the failed tests (file, test path, error) to
// artifacts/test-results/browser.json (LEADSCORE_REPORT names another), for scripts/failures.mjs;
// an empty list when all passed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resultsDir } from './failures.mjs';

function collect(suite, path, into, file) {
  for (const test of suite.tests ?? []) {
    if (!test.passed && !test.skipped) into.push({ file, test: [...path, test.name].join(' > '), message: test.error?.message ?? '' });
  }
  for (const child of suite.suites ?? []) collect(child, [...path, child.name], into, file);
}

export function failuresReporter() {
  let root = '';
  return {
    start({ config }) {
      root = `${config.rootDir}/`;
    },
    onTestRunFinished({ sessions }) {
      const failed = [];
      for (const session of sessions) {
        const file = session.testFile.startsWith(root) ? session.testFile.slice(root.length) : session.testFile;
        if (session.testResults) collect(session.testResults, [], failed, file);
        for (const error of session.errors ?? []) failed.push({ file, test: '(file)', message: error.message });
      }
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(`${resultsDir}${process.env.LEADSCORE_REPORT ?? 'browser'}.json`, `${JSON.stringify(failed, null, 2)}\n`);
    },
  };
}
