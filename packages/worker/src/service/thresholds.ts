import { outcomeSamples } from '../analysis/outcome.ts';
import { suggestThresholds as suggest, type ThresholdRequest as BoundsRequest, type WeeklyValues } from '../analysis/suggest-thresholds.ts';
import { firstKnownWeekEnd, joinedWeekly, weekEndsOf, weeklyFromChanges, weeklyFromEngine } from '../analysis/weekly-values.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import type { Bands, Definition, Thresholds } from '../model/definition.ts';
import { instantSchema, toEpochMs, toIso } from '../model/time.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { ThresholdRequest, ThresholdsApi, ThresholdSuggestionResult } from '../contract/index.ts';
import { yieldToEvents } from './collections.ts';
import { analysedVersion } from './analysis-inputs.ts';
import type { ServiceContext } from './context.ts';
import { validated } from './definition-info.ts';
import type { Handlers } from './handlers.ts';
import { sameJson } from './json.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { scoresRead } from './score-properties.ts';
import { invalidAt, quoted, ServiceError } from './service-error.ts';
import { warmIndexOf } from './warm-index.ts';

export const thresholdHandlers: Handlers<ThresholdsApi> = { suggestThresholds };

/** The window's length when the request does not say (a quarter), and the longest it may be. */
const WEEKS_DEFAULT = 13;
const WEEKS_MAX = 52;

/**
 * contract/thresholds.ts `suggestThresholds`. The weekly values come from the stored score history
 * for the week ends it knows, when it is this definition's (docs/thresholds.md); every stored record
 * of the type is scored by the engine at the others, on the warm index, with pauses for other calls.
 */
export async function suggestThresholds(ctx: ServiceContext, definition: Definition | string, request: ThresholdRequest): Promise<ThresholdSuggestionResult> {
  const { chosen, active, rows } = await definitionOf(ctx, definition);
  const checked = checkedRequest(ctx, chosen, request);
  const { axis, weekEnds } = checked;
  const store = ctx.opened();
  // The week ends before `known` are scored by the engine: all of them without a history.
  let history: WeeklyValues | undefined;
  let known = weekEnds.length;
  if (active && axis === null && historyIsOf(rows, active, chosen, weekEnds[0]!)) {
    const changes = await store.scoreHistory.ofDefinition(chosen.id);
    known = firstKnownWeekEnd(changes, weekEnds);
    if (known < weekEnds.length) history = weeklyFromChanges(changes, weekEnds);
  }
  const loaded = known > 0 || checked.outcome ? await warmIndexOf(ctx).get(store) : undefined;
  // With `known` 0 the history knows every week end, so it is there.
  let weekly = history!;
  if (known > 0) {
    const index = withRecordProperties(loaded!.index, await scoresRead(store, chosen, loaded!.index.recordsInOrder));
    const createdAt = new Map<string, number>();
    for (const record of loaded!.source.rows) if (record.createdAt !== undefined) createdAt.set(record.id, toEpochMs(record.createdAt));
    const scored = await weeklyFromEngine(ctx.compile(chosen), index, weekEnds.slice(0, known), createdAt, axis, yieldToEvents);
    weekly = history ? joinedWeekly(scored, history, known) : scored;
  }
  const samples = checked.outcome ? outcomeSamples(loaded!.index.dataset, await getLifecycleSettings(ctx), checked.outcome, checked.asOf, chosen.objectType) : [];
  const current = bandsOf(chosen.thresholds, axis);
  const suggestion = suggest(weekly, checked.bounds, samples, current);
  const bands = { high: suggestion.high, medium: suggestion.medium };
  return {
    definitionId: chosen.id,
    axis,
    ...suggestion,
    thresholds: thresholdsWith(chosen.thresholds, axis, bands),
    source: known === 0 ? 'history' : history ? 'both' : 'engine',
    scoredWeekEnds: known,
    weekEnds: weekEnds.map(toIso),
    records: weekly.records.filter((record) => record.values.some((value) => value !== null)).length,
  };
}

/** The definition asked about, the stored versions of its id, and the active one of them, if any. */
async function definitionOf(ctx: ServiceContext, definition: Definition | string): Promise<{ chosen: Definition; active: DefinitionRow | undefined; rows: DefinitionRow[] }> {
  const store = ctx.opened();
  if (typeof definition === 'string') {
    if (definition === '') throw invalidAt('definition', 'must be a definition or a stored definition\'s id (non-empty text)');
    const rows = await store.definitions.versions(definition);
    if (rows.length === 0) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definition}"` });
    const active = rows.find((row) => row.status === 'active');
    return { chosen: analysedVersion(rows)!.definition, active, rows };
  }
  const chosen = validated(definition);
  const rows = await store.definitions.versions(chosen.id);
  return { chosen, active: rows.find((row) => row.status === 'active'), rows };
}

/**
 * Whether the stored history holds `chosen`'s own values since `windowStart`: it is the active
 * version in all but its thresholds (which move no value), and no other version, nor this one in
 * an earlier period, was active since (the history would hold that version's values).
 */
function historyIsOf(rows: readonly DefinitionRow[], active: DefinitionRow, chosen: Definition, windowStart: number): boolean {
  if (!sameJson({ ...active.definition, thresholds: undefined }, { ...chosen, thresholds: undefined })) return false;
  return rows.every((row) => (row.activePeriods ?? []).every((period) => (row === active && period.to === null) || (period.to !== null && period.to <= windowStart)));
}

interface CheckedRequest {
  bounds: BoundsRequest;
  outcome: ThresholdRequest['outcome'];
  axis: 'engagement' | 'fit' | null;
  asOf: number;
  weekEnds: number[];
}

function checkedRequest(ctx: ServiceContext, definition: Definition, request: ThresholdRequest): CheckedRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw invalidAt('request', 'must be { capacity } or { targetRate, outcome }');
  const { capacity, targetRate, outcome, weeks = WEEKS_DEFAULT, axis, asOf } = request;
  if ((capacity === undefined) === (targetRate === undefined)) {
    throw invalidAt('request', 'must hold one of capacity ({ perWeek, label? }) and targetRate (with an outcome)');
  }
  if (targetRate !== undefined && outcome === undefined) throw invalidAt('request.outcome', 'is needed with a target rate: which records converted ({ property } or { start, end, days })');
  if (typeof weeks !== 'number' || !Number.isInteger(weeks) || weeks < 1 || weeks > WEEKS_MAX) throw invalidAt('request.weeks', `must be a whole number of weeks from 1 to ${WEEKS_MAX}, not ${quoted(weeks)}`);
  if (definition.kind === 'combined') {
    if (axis !== 'engagement' && axis !== 'fit') throw invalidAt('request.axis', `must be "engagement" or "fit" for the combined score "${definition.id}": each dimension has its own pair of bounds`);
  } else if (axis !== undefined) {
    throw invalidAt('request.axis', `is for combined scores only; "${definition.id}" is a ${definition.kind} score`);
  }
  if (asOf !== undefined && !instantSchema.safeParse(asOf).success) throw invalidAt('request.asOf', 'must be a date-time with a time zone, a date or epoch milliseconds');
  const at = asOf === undefined ? ctx.now() : toEpochMs(asOf);
  return {
    bounds: capacity !== undefined ? { capacity } : { targetRate: targetRate! },
    outcome,
    axis: axis ?? null,
    asOf: at,
    weekEnds: weekEndsOf(at, weeks),
  };
}

/** The pair of bounds the suggestion is for: the definition's own, or its `axis` dimension's. */
function bandsOf(thresholds: Thresholds | undefined, axis: 'engagement' | 'fit' | null): Bands | undefined {
  if (!thresholds) return undefined;
  if ('fit' in thresholds) return axis === null ? undefined : thresholds[axis];
  return axis === null ? thresholds : undefined;
}

/** The definition's thresholds with `bands` in; null for a combined score with no bounds for its other dimension. */
function thresholdsWith(thresholds: Thresholds | undefined, axis: 'engagement' | 'fit' | null, bands: Bands): Thresholds | null {
  if (axis === null) return bands;
  if (!thresholds || !('fit' in thresholds)) return null;
  return { ...thresholds, [axis]: bands };
}
