import { withRecordProperties } from '../engine/dataset-index.ts';
import type { DatasetIndex } from '../engine/evaluate.ts';
import type { LifecycleSettings } from '../lifecycle/settings.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { scoresRead } from './score-properties.ts';
import { warmIndexOf } from './warm-index.ts';

// What the analyses of a definition (compare, backtest, rule health, threshold suggestions) read:
// one rule for which stored version an id names, and one way to the data they score.

/** The version a stored id names for an analysis: its active one (as it scores now), else its latest saved. */
export function analysedVersion(rows: readonly DefinitionRow[]): DefinitionRow | undefined {
  return rows.find((row) => row.status === 'active') ?? rows.at(-1);
}

/**
 * The warm index with the stored scores the definitions read laid over it (as a preview scores),
 * and, for an outcome, the stored dataset and lifecycle settings it is read from.
 */
export async function scoringInputs(ctx: ServiceContext, definitions: readonly Definition[], withOutcome: true): Promise<{ index: DatasetIndex; dataset: Dataset; settings: LifecycleSettings }>;
export async function scoringInputs(ctx: ServiceContext, definitions: readonly Definition[], withOutcome: boolean): Promise<{ index: DatasetIndex } | { index: DatasetIndex; dataset: Dataset; settings: LifecycleSettings }>;
export async function scoringInputs(ctx: ServiceContext, definitions: readonly Definition[], withOutcome: boolean) {
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
