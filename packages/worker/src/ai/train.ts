import { compileDefinition, indexDataset, type DatasetIndex } from '../engine/evaluate.ts';
import { defaultLifecycleSettings, type LifecycleSettings } from '../lifecycle/settings.ts';
import { leadStatusProperty, stageProperty } from '../lifecycle/stages.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import { isScored } from '../model/result.ts';
import { engagementCandidates, fitCandidates, minSupportOf, type Candidate } from './candidates.ts';
import { screenProperties, type Exclusion, type Screening } from './exclusions.ts';
import { propertyColumns, type PropertyColumn } from './property-columns.ts';
import { toDefinition } from './to-definition.ts';
import { fitLogistic, linearScores, maxLambda, type Fit, type SparseRows } from './logistic.ts';
import { auc, ratesByLabel, type LabelRate } from './metrics.ts';
import { stratifiedSplit } from './random.ts';
import { checkSampleCounts, samplesByLabel, samplesByLifecycle, type Sample } from './samples.ts';
import { trainingError } from './training-error.ts';

export interface TrainOptions {
  kind: 'fit' | 'engagement';
  /** Samples by lifecycle (scoring.md §10.1): entered `start`, reached `end` within `days`. */
  start?: string;
  end?: string;
  days?: number;
  /** Or by an outcome property: true, 1 or "Yes" is converted (formats.md §4 `--label`). */
  label?: string;
  /** Properties never used as criteria (the outcome, identifiers, names, emails, phones and free text never are). */
  excludeProperties?: readonly string[];
  /** Properties flagged as likely leakage that the model may use all the same. */
  keep?: readonly string[];
  /** The split, and so the whole result, is the same for the same seed (default 42). */
  seed?: number;
  /** Epoch ms: the instant the data is read at. */
  asOf: number;
  /** At most this many rules (default 25). */
  maxRules?: number;
  /** The share of contacts held out for the quality figures (default 0.3). */
  testShare?: number;
  id?: string;
  name?: string;
  settings?: LifecycleSettings;
}

export interface TrainingMetrics {
  /** AUC of the definition's values on the held-out contacts. */
  auc: number;
  trainAuc: number;
  /** All samples. */
  converted: number;
  notConverted: number;
  train: number;
  test: number;
  rules: number;
  candidates: number;
  /** Conversion rate per threshold label on the held-out contacts. */
  labels: LabelRate[];
  seed: number;
}

export interface TrainingResult {
  definition: Definition;
  metrics: TrainingMetrics;
  /** The properties left out and why (exclusions.ts); a kept leakage entry was used. Empty for engagement. */
  excluded: Exclusion[];
}

export type TrainingProgress = (progress: { step: string; done: number; total: number }) => void;

/**
 * scoring.md §10: learns an ordinary, editable definition from converted and non-converted contacts.
 * Candidate criteria become binary columns (evaluated by the engine itself, so the learned rules mean
 * exactly what they will score); an L1-regularised logistic regression keeps at most `maxRules` of
 * them; the weights become integer points within the score limit, grouped by theme, with thresholds
 * at quantiles of the training scores; quality is measured on a seeded held-out split.
 */
export function trainDefinition(dataset: Dataset, options: TrainOptions, onProgress: TrainingProgress = () => undefined): TrainingResult {
  const seed = options.seed ?? 42;
  const maxRules = options.maxRules ?? 25;
  const samples = samplesOf(dataset, options);
  checkSampleCounts(samples);
  onProgress({ step: 'samples', done: 1, total: 1 });
  const { train, test } = stratifiedSplit(samples, (sample) => sample.converted, options.testShare ?? 0.3, seed);
  const screening = options.kind === 'fit' ? screen(dataset, samples, options) : { usable: [], excluded: [] };
  const candidates = options.kind === 'fit'
    ? fitCandidates(rowsOf(screening.usable, samples, train))
    : engagementCandidates(dataset, new Set(train.map((sample) => sample.recordId)));
  if (candidates.length === 0) throw trainingError(`no ${options.kind} criteria found in the data: ${options.kind === 'fit' ? 'the contacts have no usable properties' : 'the contacts have no events'}`);
  const index = indexDataset(dataset);
  const columns = criteriaColumns(index, candidates, options.kind, train, (done, total) => onProgress({ step: 'criteria', done, total }));
  const y = train.map((sample) => sample.converted);
  const fit = sparseFit(columns, y, maxRules, (done, total) => onProgress({ step: 'model', done, total }));

  const draft = toDefinition(candidates, fit.weights, {
    id: options.id ?? `ai-${options.kind}`,
    name: options.name ?? `AI ${options.kind} score`,
    kind: options.kind,
  });
  const compiled = compileDefinition(draft);
  const trainScores = valuesOf(compiled, index, train);
  const definition: Definition = { ...draft, thresholds: quantileThresholds(trainScores) };
  const final = compileDefinition(definition);
  const testResults = scored(final, index, test);
  onProgress({ step: 'quality', done: 1, total: 1 });
  const converted = samples.filter((sample) => sample.converted).length;
  return {
    definition,
    metrics: {
      auc: auc(testResults.map((result) => result.value), test.map((sample) => sample.converted)),
      trainAuc: auc(trainScores, y),
      converted,
      notConverted: samples.length - converted,
      train: train.length,
      test: test.length,
      rules: definition.groups.reduce((count, group) => count + group.rules.length, 0),
      candidates: candidates.length,
      labels: ratesByLabel(testResults.map((result) => result.label), test.map((sample) => sample.converted), ['high', 'medium', 'low']),
      seed,
    },
    excluded: screening.excluded,
  };
}

const lifecycle = [stageProperty, leadStatusProperty];

/** exclusions.ts on every sample: the outcome is the label, or the lifecycle stage it is read from. */
function screen(dataset: Dataset, samples: readonly Sample[], options: TrainOptions): Screening {
  return screenProperties(propertyColumns(dataset, samples.map((sample) => sample.recordId)), samples.map((sample) => sample.converted), {
    // The company's stage follows its contacts': "customer" once one converted.
    outcome: [...lifecycle.flatMap((name) => [name, `company.${name}`]), ...(options.label === undefined ? [] : [options.label])],
    exclude: namesOf(options.excludeProperties, 'excludeProperties'),
    keep: namesOf(options.keep, 'keep'),
    minSupport: minSupportOf(samples.length),
  });
}

function namesOf(names: unknown, option: string): string[] {
  if (names === undefined) return [];
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw trainingError(`${option} must be a list of property names`);
  return names;
}

/** The columns' values of the training samples only: criteria are learned from them alone. */
function rowsOf(columns: readonly PropertyColumn[], samples: readonly Sample[], train: readonly Sample[]): PropertyColumn[] {
  const at = new Map(samples.map((sample, i) => [sample, i]));
  const rows = train.map((sample) => at.get(sample)!);
  return columns.map((column) => ({ ...column, values: rows.map((i) => column.values[i]!) }));
}

/** The held-out contacts of a training request: the same seeded split `trainDefinition` made. */
export function heldOutSamples(dataset: Dataset, options: TrainOptions): Sample[] {
  const samples = samplesOf(dataset, options);
  checkSampleCounts(samples);
  return stratifiedSplit(samples, (sample) => sample.converted, options.testShare ?? 0.3, options.seed ?? 42).test;
}

/** The quality figures of any definition on held-out samples: for a definition the user edited. */
export function evaluateOn(definition: Definition, dataset: Dataset, samples: readonly Sample[]): { auc: number; labels: LabelRate[] } {
  const results = scored(compileDefinition(definition), indexDataset(dataset), samples);
  const converted = samples.map((sample) => sample.converted);
  const order = definition.kind === 'combined' ? ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'] : ['high', 'medium', 'low'];
  return { auc: auc(results.map((result) => result.value), converted), labels: ratesByLabel(results.map((result) => result.label), converted, order) };
}

function samplesOf(dataset: Dataset, options: TrainOptions): Sample[] {
  if (options.label !== undefined) return samplesByLabel(dataset, options.label, options.asOf);
  if (options.start === undefined || options.end === undefined || options.days === undefined) {
    throw trainingError('say which contacts converted: a start stage, an end stage and a timeframe in days, or an outcome property (label)');
  }
  return samplesByLifecycle(dataset, options.settings ?? defaultLifecycleSettings(), { start: options.start, end: options.end, days: options.days }, options.asOf);
}

/** Which criteria each sample meets, as of its own reference instant, read from the engine's rule results. */
function criteriaColumns(index: DatasetIndex, candidates: readonly Candidate[], kind: 'fit' | 'engagement', samples: readonly Sample[], progress: (done: number, total: number) => void): SparseRows {
  const probe: Definition = {
    id: 'criteria', name: 'criteria', objectType: 'contact', kind,
    groups: [{ id: 'criteria', rules: candidates.map((candidate, i) => ({ ...candidate.rule, id: `c${i}`, points: 1 }) as Definition['groups'][number]['rules'][number]) }],
  };
  const compiled = compileDefinition(probe);
  const rows: Int32Array[] = [];
  samples.forEach((sample, i) => {
    const result = compiled.score(index, sample.recordId, sample.referenceAt, { explain: false });
    const active: number[] = [];
    if (isScored(result)) result.groups[0]!.rules.forEach((rule, r) => rule.points > 0 && active.push(r));
    rows.push(Int32Array.from(active));
    if (i % 1000 === 999) progress(i + 1, samples.length);
  });
  progress(samples.length, samples.length);
  return { rows, columns: candidates.length };
}

/**
 * Down the L1 path from the penalty that keeps every weight at zero, the largest model with at most
 * `maxRules` criteria; then those criteria refitted with a light penalty, for better weights.
 */
function sparseFit(x: SparseRows, y: readonly boolean[], maxRules: number, progress: (done: number, total: number) => void): Fit {
  const top = maxLambda(x, y);
  const steps = 60;
  const activeOf = (fit: Fit) => fit.weights.filter((weight) => weight !== 0).length;
  let best: Fit | undefined;
  let bestLambda = top;
  for (let k = 1; k <= steps; k++) {
    const lambda = top * 0.9 ** k;
    const fit = fitLogistic(x, y, lambda, { start: best, iterations: 200 });
    progress(k, steps);
    if (activeOf(fit) > maxRules) {
      // Overshot: halve the step between the last penalty that fitted and this one, a few times.
      let low = lambda;
      let high = bestLambda;
      for (let i = 0; i < 8; i++) {
        const middle = Math.sqrt(low * high);
        const candidate = fitLogistic(x, y, middle, { start: best, iterations: 200 });
        if (activeOf(candidate) > maxRules) low = middle;
        else {
          high = middle;
          if (activeOf(candidate) > 0) best = candidate;
        }
      }
      break;
    }
    if (activeOf(fit) > 0) {
      best = fit;
      bestLambda = lambda;
    }
  }
  if (!best) return { weights: new Float64Array(x.columns), intercept: 0 };
  const only = new Set<number>();
  best.weights.forEach((weight, j) => weight !== 0 && only.add(j));
  return fitLogistic(x, y, top * 1e-3, { start: best, only, iterations: 500 });
}

function scored(compiled: ReturnType<typeof compileDefinition>, index: DatasetIndex, samples: readonly Sample[]): { value: number; label: string | null }[] {
  return samples.map((sample) => {
    const result = compiled.score(index, sample.recordId, sample.referenceAt, { explain: false });
    return isScored(result) ? { value: result.value, label: result.label } : { value: 0, label: null };
  });
}

function valuesOf(compiled: ReturnType<typeof compileDefinition>, index: DatasetIndex, samples: readonly Sample[]): number[] {
  return scored(compiled, index, samples).map((result) => result.value);
}

/** Thresholds at quantiles of the training scores: the top quarter high, the next 35 % medium. */
function quantileThresholds(scores: readonly number[]): { high: number; medium: number } {
  const sorted = [...scores].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const medium = at(0.4);
  const high = Math.max(at(0.75), medium + 1);
  return { high, medium };
}

export { linearScores };
