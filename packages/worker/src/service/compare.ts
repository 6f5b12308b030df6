import { backtest } from '../analysis/backtest.ts';
import { compareScores } from '../analysis/compare.ts';
import { outcomeSamples } from '../analysis/outcome.ts';
import type { Backtest, BacktestOptions, CompareApi, CompareOptions, Comparison, Outcome } from '../contract/index.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import type { DatasetIndex } from '../engine/evaluate.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import type { Handlers } from './handlers.ts';
import { checkedInstant } from './lifecycle-reports.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { scoresRead } from './score-properties.ts';
import { asServiceError, ServiceError } from './service-error.ts';
import { warmIndexOf } from './warm-index.ts';

export const compareHandlers: Handlers<CompareApi> = { compareDefinitions, backtestDefinition };

/** docs/compare.md: both definitions over the stored records, on the warm index; nothing is stored. */
export async function compareDefinitions(ctx: ServiceContext, champion: Definition | string, challenger: Definition | string, options: CompareOptions = {}): Promise<Comparison> {
  const [a, b] = await Promise.all([definitionOf(ctx, champion, 'champion'), definitionOf(ctx, challenger, 'challenger')]);
  const asOf = options.asOf === undefined ? ctx.now() : checkedInstant(options.asOf, 'options.asOf');
  const { outcome } = options;
  const inputs = await scoringInputs(ctx, [a, b], outcome !== undefined);
  try {
    const samples = outcome === undefined || !('dataset' in inputs) ? undefined : outcomeSamples(inputs.dataset, inputs.settings, outcome, asOf, a.objectType);
    return compareScores(ctx.compile(a), ctx.compile(b), inputs.index, { asOf, samples, outcome, top: options.top });
  } catch (error) {
    throw asServiceError(error);
  }
}

export async function backtestDefinition(ctx: ServiceContext, definition: Definition | string, outcome: Outcome, options: BacktestOptions = {}): Promise<Backtest> {
  const valid = await definitionOf(ctx, definition, 'definition');
  const asOf = options.asOf === undefined ? ctx.now() : checkedInstant(options.asOf, 'options.asOf');
  const inputs = await scoringInputs(ctx, [valid], true);
  try {
    return backtest(ctx.compile(valid), inputs.dataset, inputs.index, outcome, { asOf, settings: inputs.settings });
  } catch (error) {
    throw asServiceError(error);
  }
}

/**
 * A definition as given, validated; or a stored one by id: the active version when there is one
 * (the champion as it scores now), else the latest saved.
 */
async function definitionOf(ctx: ServiceContext, given: Definition | string, what: string): Promise<Definition> {
  if (typeof given !== 'string') return validated(given);
  const rows = await ctx.opened().definitions.versions(given);
  const row = rows.find((version) => version.status === 'active') ?? rows.at(-1);
  if (!row) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${given}" (the ${what})` });
  return row.definition;
}

/**
 * The warm index with the stored scores either definition reads laid over it (as a preview scores),
 * and, for an outcome, the stored dataset and lifecycle settings it is read from.
 */
async function scoringInputs(ctx: ServiceContext, definitions: readonly Definition[], withOutcome: true): Promise<{ index: DatasetIndex; dataset: Dataset; settings: LifecycleSettings }>;
async function scoringInputs(ctx: ServiceContext, definitions: readonly Definition[], withOutcome: boolean): Promise<{ index: DatasetIndex } | { index: DatasetIndex; dataset: Dataset; settings: LifecycleSettings }>;
async function scoringInputs(ctx: ServiceContext, definitions: readonly Definition[], withOutcome: boolean) {
  const store = ctx.opened();
  const loaded = await warmIndexOf(ctx).get(store);
  const overlays = await Promise.all(definitions.map((definition) => scoresRead(store, definition, loaded.index.recordsInOrder)));
  const overlay = new Map(overlays[0]);
  for (const [id, scores] of overlays[1] ?? []) overlay.set(id, { ...overlay.get(id), ...scores });
  const index = withRecordProperties(loaded.index, overlay);
  if (!withOutcome) return { index };
  const [dataset, settings] = await Promise.all([store.loadDataset(), getLifecycleSettings(ctx)]);
  return { index, dataset, settings };
}
