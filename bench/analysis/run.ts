// The analysis part of `npm run bench` (issue 18): a champion/challenger comparison, a rule-health
// report and a 90-day daily backfill of the benchmark's combined definition on the bench dataset
// (100,000 contacts and 2,000,000 events at scale 1), each against ONE full scoreAll of the same
// definition on the same index, measured in the same rounds, interleaved (the machine is shared, so
// the ratio is the figure; absolute times are noisy). Goal: the backfill within 10× one scoreAll,
// i.e. incremental, not 90 re-scores. Reported, never asserted.
// Alone: node --expose-gc --import tsx bench/analysis/run.ts [--scale 0.1] [--reps 3]
import { fileURLToPath } from 'node:url';
import { compareScores } from '../../packages/worker/src/analysis/compare.ts';
import { outcomeSamples } from '../../packages/worker/src/analysis/outcome.ts';
import { ruleHealth } from '../../packages/worker/src/analysis/rule-health.ts';
import { backfillScores } from '../../packages/worker/src/engine/backfill.ts';
import { compileDefinition, indexDataset, type Definition } from '../../packages/worker/src/index.ts';
import { defaultLifecycleSettings } from '../../packages/worker/src/lifecycle/settings.ts';
import { fullDefinition } from '../definitions.ts';
import { option } from '../options.ts';
import type { Figure } from '../results/figures.ts';
import { generateDataset } from '../synthetic-dataset.ts';

const AS_OF = '2026-05-31T12:00:00.000Z';
const BACKFILL_DAYS = 90;

/** A challenger as a marketing lead would try one: one rule worth more, and a higher engagement bar. */
const challenger: Definition = {
  ...fullDefinition,
  id: 'bench-contact-score-challenger',
  groups: fullDefinition.groups.map((group) => ({
    ...group,
    rules: group.rules.map((rule) => (rule.id === 'target-country' && 'points' in rule ? { ...rule, points: 17 } : rule)),
  })),
  thresholds: { fit: { high: 40, medium: 20 }, engagement: { high: 35, medium: 10 } },
} as Definition;

const gc = (globalThis as { gc?: () => void }).gc;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timed(runs: number[], fn: () => unknown): void {
  gc?.();
  const start = performance.now();
  fn();
  runs.push(performance.now() - start);
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;

export async function runAnalysisBench(options: { scale: number; seed: number; reps: number }): Promise<Figure[]> {
  const { dataset, sizes } = generateDataset({ seed: options.seed, scale: options.scale, asOf: AS_OF });
  const index = indexDataset(dataset);
  const champion = compileDefinition(fullDefinition);
  const rival = compileDefinition(challenger);
  const asOf = Date.parse(AS_OF);
  // The bench data has no conversion; a yes/no property stands in, so the outcome's path is timed too.
  const samples = outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'hs_email_optout' }, asOf);
  // Warm both compiled definitions on the index (the first scoring filters each rule's events).
  champion.scoreAll(index, { asOf: AS_OF, explain: false });
  rival.scoreAll(index, { asOf: AS_OF, explain: false });

  const runs = { scoreAll: [] as number[], compare: [] as number[], compareOutcome: [] as number[], health: [] as number[], healthOutcome: [] as number[], backfill: [] as number[] };
  let backfillFacts = { changes: 0, rescored: 0, incremental: true };
  let moved = 0;
  for (let round = 0; round < options.reps; round++) {
    timed(runs.scoreAll, () => champion.scoreAll(index, { asOf: AS_OF, explain: false }));
    timed(runs.compare, () => {
      const comparison = compareScores(champion, rival, index, { asOf });
      moved = comparison.transitions.filter((cell) => cell.from !== cell.to).reduce((sum, cell) => sum + cell.count, 0);
    });
    timed(runs.compareOutcome, () => compareScores(champion, rival, index, { asOf, samples, outcome: { property: 'hs_email_optout' } }));
    timed(runs.health, () => ruleHealth(champion, index, { asOf }));
    timed(runs.healthOutcome, () => ruleHealth(champion, index, { asOf, samples }));
    timed(runs.backfill, () => {
      const backfill = backfillScores(champion, index, { asOf, days: BACKFILL_DAYS });
      backfillFacts = { changes: backfill.changes.length, rescored: backfill.rescored, incremental: backfill.incremental };
    });
  }
  const scoreAll = median(runs.scoreAll);
  const data = `${sizes.contacts.toLocaleString('en')} contacts, ${sizes.events.toLocaleString('en')} events, Node; ${options.reps} interleaved rounds`;
  const peer = { label: 'one compiled.scoreAll (explain: false), same index', value: scoreAll };
  const figure = (key: string, label: string, measured: number[], detail: string, target?: Figure['target']): Figure => ({
    key: `analysis.${key}`, section: 'analysis', label, value: median(measured), unit: 'ms', peer, detail: `${data}; runs ${measured.map(ms).join(', ')}; ${detail}`, ...(target ? { target } : {}),
  });
  const figures: Figure[] = [
    figure('compare', 'compareScores: both definitions, transitions, movers, rules behind the moves', runs.compare, `${moved.toLocaleString('en')} records change label`),
    figure('compareOutcome', 'compareScores with an outcome (every contact judged at its instant)', runs.compareOutcome, `${samples.length.toLocaleString('en')} samples`),
    figure('health', 'ruleHealth: every rule of the definition', runs.health, `${fullDefinition.groups.reduce((n, g) => n + g.rules.length, 0)} rules`),
    figure('healthOutcome', 'ruleHealth with an outcome (lift per rule)', runs.healthOutcome, `${samples.length.toLocaleString('en')} samples`),
    figure('backfill90', `backfillScores: ${BACKFILL_DAYS} days, daily`, runs.backfill,
      `${backfillFacts.rescored.toLocaleString('en')} record scorings in all (${(backfillFacts.rescored / sizes.contacts).toFixed(2)} per contact), ${backfillFacts.changes.toLocaleString('en')} changes; ${backfillFacts.incremental ? 'incremental' : 'NOT incremental (a dynamic list)'}`,
      { of: 'ratio', max: 10 }),
  ];
  console.log('');
  console.log(`analysis   ${data}; one scoreAll ${ms(scoreAll)} (runs ${runs.scoreAll.map(ms).join(', ')})`);
  for (const f of figures) console.log(`           ${f.label}: ${ms(f.value!)} = ${(f.value! / scoreAll).toFixed(2)}× one scoreAll${f.target ? ` (target ≤ ${f.target.max}×: ${f.value! / scoreAll <= f.target.max ? 'yes' : 'NO'})` : ''}; ${f.detail!.slice(data.length + 2)}`);
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runAnalysisBench({ scale: option('scale', 'BENCH_SCALE', 1), seed: Math.floor(option('seed', 'BENCH_SEED', 42)), reps: Math.floor(option('reps', 'BENCH_REPS', 3)) });
}
