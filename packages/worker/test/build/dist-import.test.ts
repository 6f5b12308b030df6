import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

// The contract: after the build, plain Node 20 (no tsx, no bundler) imports the engine
// by package name.
describe('@leadscore/worker after the build', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/worker'], { cwd: root });
  }, 120_000);

  it('scores the scoring.md §2.5 worked example from plain Node', () => {
    const script = `
      import { scoreDataset, validateDefinition } from '@leadscore/worker';
      const definition = {
        id: 'engagement', name: 'Engagement', objectType: 'contact', kind: 'engagement',
        groups: [
          { id: 'sales', limit: 60, rules: [
            { id: 'call', type: 'event', event: 'call_started', points: 15 },
            { id: 'booked', type: 'event', event: 'meeting_booked', points: 10 },
            { id: 'done', type: 'event', event: 'meeting_completed', points: 20 } ] },
          { id: 'marketing', limit: 40, rules: [
            { id: 'cta', type: 'event', event: 'cta_click', points: 6 },
            { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
            { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 } ] } ] };
      const event = (id, type) => ({ id, recordId: 'c1', type, occurredAt: '2026-03-01T10:00:00Z' });
      const dataset = { records: [{ id: 'c1', objectType: 'contact' }], events: [
        event('e1', 'meeting_booked'), event('e2', 'marketing_email_open'), event('e3', 'marketing_email_open'),
        event('e4', 'marketing_email_click'), event('e5', 'marketing_email_click'), event('e6', 'marketing_email_click') ] };
      const [result] = scoreDataset(definition, dataset, { asOf: '2026-04-01T00:00:00Z' });
      console.log(JSON.stringify({ ok: validateDefinition(definition).ok, value: result.value, groups: result.groups.map((g) => g.value) }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ ok: true, value: 29, groups: [10, 19] });
  });
});
