// The AI-score part of `npm run bench` (issue 7): training time on the x-education leads (9,237
// contacts; read from ../shared/datasets, skipped by name when absent), in Node, with the test AUC
// and rule count of the learned definition. Reported, never asserted.
// Alone: node --import tsx bench/ai/train.ts
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainDefinition } from '../../packages/worker/src/ai/train.ts';
import { importCsv } from '../../packages/worker/src/import/csv.ts';

const leads = fileURLToPath(new URL('../../../shared/datasets/x-education-leads.csv', import.meta.url));
/** Columns that record what happened after sales contact (issue 7): never criteria. */
const AFTER_CONTACT = ['Tags', 'Lead Quality', 'Lead Profile', 'Last Activity', 'Last Notable Activity'];

export async function runTrainingBench(): Promise<void> {
  console.log('');
  if (!existsSync(leads)) {
    console.log('AI scores  skipped: needs ../shared/datasets/x-education-leads.csv');
    return;
  }
  const parsed = importCsv(readFileSync(leads, 'utf8'), { objectType: 'contact', idColumn: 'Prospect ID' });
  if (!parsed.ok) throw new Error('x-education-leads.csv did not import');
  const excluded = parsed.report.columns.map((column) => column.name).filter((name) => AFTER_CONTACT.includes(name) || name.startsWith('Asymmetrique'));
  const steps: string[] = [];
  const started = performance.now();
  const { metrics } = trainDefinition(parsed.dataset, { kind: 'fit', label: 'Converted', excludeProperties: [...excluded, 'Lead Number'], asOf: Date.UTC(2026, 0, 1), seed: 42 }, (progress) => {
    if (progress.done === progress.total) steps.push(`${progress.step} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`AI scores  x-education leads: ${parsed.dataset.records.length.toLocaleString('en')} contacts (${metrics.converted.toLocaleString('en')} converted), ${metrics.candidates} candidate criteria`);
  console.log(`           trained in ${seconds.toFixed(1)} s (${steps.join(', ')}); test AUC ${metrics.auc.toFixed(3)} (target ≥ 0.85: ${metrics.auc >= 0.85 ? 'yes' : 'NO'}) with ${metrics.rules} rules (≤ 25: ${metrics.rules <= 25 ? 'yes' : 'NO'}); train AUC ${metrics.trainAuc.toFixed(3)}`);
  console.log(`           held-out conversion per label: ${metrics.labels.map((label) => `${label.label} ${label.rate === null ? '—' : `${(label.rate * 100).toFixed(1)} %`} of ${label.records}`).join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runTrainingBench();
