import { toEpochMs, toIso } from '../model/time.ts';
import { scorePropertiesOf } from '../model/score-properties.ts';
import type { ScoreResult } from '../model/result.ts';
import type { ScoreCard, ScoreHistorySummary } from '../contract/index.ts';
import type { DefinitionRow, ScoreChangeRow } from '../store/schema.ts';
import { allStores, type StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { activeAt } from './definition-versions.ts';
import { explainRows } from './explanation.ts';
import { scoresAsOf } from './scores-as-of.ts';
import { invalidAt, ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';

/**
 * contract/reads.ts `getScoreCard`: one record's score under one definition with everything its
 * card draws, read in one transaction so the result, its history and the definition agree.
 */
export async function getScoreCard(ctx: ServiceContext, recordId: string, definitionId: string, options: { asOf?: string | number } = {}): Promise<ScoreCard> {
  if (typeof recordId !== 'string' || recordId === '' || typeof definitionId !== 'string' || definitionId === '') {
    throw invalidAt(typeof recordId !== 'string' || recordId === '' ? 'recordId' : 'definitionId', 'must be an id (non-empty text)');
  }
  const asOf = options?.asOf;
  // Validates `asOf` and scores as of it (the same score getScores with asOf gives).
  const scoredThen = asOf === undefined ? undefined : await scoresAsOf(ctx, recordId, asOf).catch(noRecordYet);
  // Every store: the explanation is scored again from the stored data (explanation.ts).
  return inTransaction(ctx.opened(), allStores, 'readonly', async (tx) => {
    const versions = await tx.definitions.versions(definitionId);
    const current = shownVersion(versions);
    if (!current) throw new ServiceError({ code: 'not_found', message: `no score definition "${definitionId}"` });
    if (scoredThen) {
      const at = toEpochMs(asOf!);
      const result = scoredThen.find((candidate) => candidate.definitionId === definitionId) ?? null;
      return cardOf(activeAt(versions, at) ?? current, recordId, result, await historyOf(tx, recordId, definitionId), at);
    }
    const [row, history] = await Promise.all([current.status === 'active' ? tx.scores.get(definitionId, recordId) : undefined, historyOf(tx, recordId, definitionId)]);
    const [result] = row ? await explainRows(ctx, tx, [row]) : [null];
    return cardOf(current, recordId, result ?? null, history);
  });
}

/** The card of `row`'s definition for a record: its result (or none) and the history up to `until`. */
export function cardOf(row: DefinitionRow, recordId: string, result: ScoreResult | null, history: readonly ScoreChangeRow[], until = Infinity): ScoreCard {
  const { definition } = row;
  const max = definition.limit?.max ?? 100;
  return {
    recordId,
    definitionId: row.id,
    definition,
    status: row.status,
    version: row.version,
    limit: { min: definition.limit?.min ?? -max, max },
    labels: [...(scorePropertiesOf(definition).find((property) => property.part === 'label')?.values ?? [])],
    result,
    history: summariseHistory(history.filter((change) => change.at <= until)),
  };
}

/** The version a card shows: the active one, else the newest saved. */
export function shownVersion(versions: readonly DefinitionRow[]): DefinitionRow | undefined {
  return versions.find((row) => row.status === 'active') ?? [...versions].sort((a, b) => b.version - a.version)[0];
}

/** Every change of one score, in the order they were written. */
export async function historyOf(tx: StoreModules, recordId: string, definitionId: string): Promise<ScoreChangeRow[]> {
  const changes: ScoreChangeRow[] = [];
  let before: { at: number; seq: number } | undefined;
  do {
    const page = await tx.scoreHistory.forRecord(recordId, { definitionId, before, limit: 1_000 });
    changes.push(...page.changes);
    before = page.next;
  } while (before);
  return changes.reverse();
}

/** Up to this many changes are every point of the line; more are thinned (contract/reads.ts). */
const allPointsUpTo = 240;
const slots = 80;

/**
 * A history as its sparkline draws it. A thinned line keeps, per slot of time, the first, lowest,
 * highest and last value in time order: a step drawn through them has the same ends, the same
 * extremes and, at a sparkline's width, the same shape.
 */
export function summariseHistory(changes: readonly ScoreChangeRow[]): ScoreHistorySummary {
  const sorted = [...changes].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
  const point = (change: ScoreChangeRow) => ({ at: toIso(change.at), value: change.newValue });
  if (sorted.length <= allPointsUpTo) return { changes: sorted.length, points: sorted.map(point) };
  const start = sorted[0]!.at;
  const width = (sorted.at(-1)!.at - start) / slots || 1;
  const kept = new Set<number>();
  let slotStart = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const slotOf = (k: number) => Math.min(slots - 1, Math.floor((sorted[k]!.at - start) / width));
    if (i < sorted.length && slotOf(i) === slotOf(slotStart)) continue;
    let low = -1;
    let high = -1;
    for (let k = slotStart; k < i; k++) {
      const value = sorted[k]!.newValue;
      if (value === null) continue;
      if (low < 0 || value < sorted[low]!.newValue!) low = k;
      if (high < 0 || value > sorted[high]!.newValue!) high = k;
    }
    for (const k of [slotStart, low, high, i - 1]) if (k >= 0) kept.add(k);
    slotStart = i;
  }
  return { changes: sorted.length, points: [...kept].sort((a, b) => a - b).map((k) => point(sorted[k]!)) };
}

/** A record not stored (yet) has no score as of any instant: its card says so rather than failing. */
function noRecordYet(error: unknown): ScoreResult[] {
  if (error instanceof ServiceError && error.code === 'not_found') return [];
  throw error;
}
