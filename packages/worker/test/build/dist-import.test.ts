import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workedExampleAsOf, workedExampleDataset, workedExampleDefinition } from '../fixtures/worked-example.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

// The contract: after the build (the global setup's, build-worker.ts), plain Node 20 (no
// tsx, no bundler) imports the engine by package name.
describe('@leadscore/worker after the build', () => {
  it('scores the scoring.md §2.5 worked example from plain Node', () => {
    const script = `
      import { scoreDataset, validateDefinition } from '@leadscore/worker';
      const definition = ${JSON.stringify(workedExampleDefinition)};
      const dataset = ${JSON.stringify(workedExampleDataset)};
      const [result] = scoreDataset(definition, dataset, { asOf: '${workedExampleAsOf}' });
      console.log(JSON.stringify({ ok: validateDefinition(definition).ok, value: result.value, groups: result.groups.map((g) => g.value) }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ ok: true, value: 29, groups: [10, 19] });
  });
});
