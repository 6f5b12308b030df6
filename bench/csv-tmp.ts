import { readFileSync } from 'node:fs';
import { importCsv } from '../packages/worker/src/import/csv.ts';
import { defaultStages } from '../packages/worker/src/lifecycle/stages.ts';
import { defaultLeadStatuses } from '../packages/worker/src/lifecycle/lead-status.ts';
const text = new TextDecoder().decode(new Uint8Array(readFileSync('/work/shared/datasets/x-education-leads.csv')));
const bytes = new Uint8Array(readFileSync('/work/shared/datasets/x-education-leads.csv'));
for (let round = 0; round < 8; round++) {
  const t = performance.now();
  const result = importCsv(text, { objectType: 'contact', lifecycle: { stages: defaultStages(), leadStatuses: defaultLeadStatuses() } } as never);
  console.log(`${(performance.now() - t).toFixed(1)} ms`, result.ok, result.ok ? "" : JSON.stringify(result.issues).slice(0, 300));
}
