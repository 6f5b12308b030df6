// A backtest (docs/compare.md): one definition's quality against an outcome, each record scored as
// of its own reference instant, so the figures are the ones it would have shown at the time.
import type { Backtest, Outcome } from '../contract/compare.ts';
import type { CompiledDefinition, DatasetIndex } from '../engine/evaluate.ts';
import { defaultLifecycleSettings, type LifecycleSettings } from '../lifecycle/settings.ts';
import type { Dataset } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';
import { outcomeQuality, outcomeSamples } from './outcome.ts';

/** `index` is the dataset's (with any score properties laid over it); the outcome is read from `dataset`. */
export function backtest(compiled: CompiledDefinition, dataset: Dataset, index: DatasetIndex, outcome: Outcome, options: { asOf: number; settings?: LifecycleSettings }): Backtest {
  const { definition } = compiled;
  const samples = outcomeSamples(dataset, options.settings ?? defaultLifecycleSettings(), outcome, options.asOf, definition.objectType);
  return { definitionId: definition.id, objectType: definition.objectType, outcome, asOf: toIso(options.asOf), ...outcomeQuality(compiled, index, samples) };
}
