import { indexDataset } from '../engine/evaluate.ts';
import type { Definition } from '../model/definition.ts';
import type { ScoreResult } from '../model/result.ts';
import type { ActivateOptions, ChangeNotice, DefinitionInfo, DefinitionsApi, DefinitionUsage, Progress } from '../contract/index.ts';
import { backfillDaysDefault, backfillDaysMax } from '../engine/backfill.ts';
import type { DefinitionRow } from '../store/schema.ts';
import { allStores, type StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { infoOf, validated } from './definition-info.ts';
import { diffVersions, getVersion, listVersions, restoreVersion } from './definition-versions.ts';
import { sameJson } from './json.ts';
import { checkReferences } from './list-references.ts';
import { listsReachTwoHops, neighbourhood } from './neighbourhood.ts';
import { clearPending, markPending, pendingActivation, type PendingActivation } from './pending-activations.ts';
import { previewDistribution } from './preview.ts';
import { rescoreAfterRetirement } from './rescore.ts';
import { runScoreRules } from './score-rules.ts';
import { withScoresRead } from './score-properties.ts';
import { checkActivation, checkDraftReads, refuseIfUsed, usageOf } from './score-usage.ts';
import type { ScoreMove } from './store-results.ts';
import { invalidAt, ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';
import { writeScopeIn } from './write-transaction.ts';

/**
 * A definition's life (scoring.md §9): a draft is saved, tested and previewed without storing a
 * score; activating it (or updating an active one) re-scores every record under that version
 * (activation.ts); deactivating or deleting it removes its scores.
 */

export const definitionHandlers: Handlers<DefinitionsApi> = {
  saveDraft, testDraft, previewDistribution, activate, updateActive, deactivate, deleteDefinition, listDefinitions, getUsage,
  listVersions, getVersion, diffVersions, restoreVersion,
};

export async function saveDraft(ctx: ServiceContext, definition: Definition): Promise<DefinitionInfo> {
  const valid = validated(definition);
  const store = ctx.opened();
  const row = await ctx.serial(() => inTransaction(store, ['definitions', 'lists'], 'readwrite', async (tx) => {
    await checkDraftReads(tx, valid);
    const latest = await tx.definitions.latest(valid.id);
    const at = ctx.now();
    // Editing a draft keeps its version; a change to an active or retired one starts the next.
    const version = latest === undefined ? 1 : latest.status === 'draft' ? latest.version : latest.version + 1;
    const draft: DefinitionRow = { id: valid.id, version, status: 'draft', definition: valid, createdAt: latest?.status === 'draft' ? latest.createdAt : at, updatedAt: at };
    await tx.definitions.put([draft]);
    return draft;
  }));
  ctx.publish([{ type: 'definition', definitionId: row.id, status: row.status, version: row.version }]);
  return infoOf(row);
}

export async function testDraft(ctx: ServiceContext, definition: Definition, recordIds: string[], asOf?: string): Promise<ScoreResult[]> {
  const compiled = ctx.compile(validated(definition));
  if (!Array.isArray(recordIds) || recordIds.some((id) => typeof id !== 'string' || id === '')) {
    throw invalidAt('recordIds', 'must be a list of record ids (non-empty text)');
  }
  const store = ctx.opened();
  const index = await inTransaction(store, allStores, 'readonly', async (tx) => {
    const dataset = await neighbourhood(tx, recordIds, listsReachTwoHops(await tx.lists.all()) ? 2 : 1);
    return withScoresRead(tx, compiled.definition, indexDataset(dataset));
  });
  const missing = recordIds.filter((id) => !index.records.has(id));
  if (missing.length > 0) throw new ServiceError({ code: 'not_found', message: `no record with the id ${missing.map((id) => `"${id}"`).join(', ')}` });
  return compiled.scoreAll(index, { asOf: asOf ?? ctx.now(), recordIds });
}

export async function activate(ctx: ServiceContext, definitionId: string, onProgress?: (progress: Progress) => void, options?: ActivateOptions): Promise<DefinitionInfo> {
  const backfillDays = backfillOption(options);
  const store = ctx.opened();
  const { row, pending } = await ctx.serial(() => inTransaction(store, ['definitions', 'lists', 'meta', 'scoreHistory'], 'readwrite', async (tx) => {
    const latest = await tx.definitions.latest(definitionId);
    if (!latest) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
    checkReferences(ctx, [latest.definition], await tx.lists.all());
    await checkActivation(tx, latest.definition);
    // A retried activation joins the pending one as first asked; a new one backfills only an empty history.
    const resuming = (await pendingActivation(tx, definitionId))?.version === latest.version;
    if (backfillDays !== undefined && !resuming && await tx.scoreHistory.hasChanges(definitionId)) {
      throw new ServiceError({ code: 'conflict', message: `the definition "${definitionId}" has a score history already: a backfill fills in only an empty one` });
    }
    // Active before the re-score: writes during it keep the new version's scores current too.
    const at = ctx.now();
    const row = latest.status === 'active' ? latest : await tx.definitions.setStatus(definitionId, latest.version, 'active', at);
    return { row, pending: await notePending(tx, row, at, backfillDays) };
  }));
  return ctx.activations.run(row, pending, onProgress);
}

/** The days `options.backfill` asks for (undefined: no backfill), or an `invalid_input` saying what is wrong. */
function backfillOption(options: ActivateOptions | undefined): number | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) throw invalidAt('options', 'must be an object such as { backfill: { days: 90 } }');
  const backfill = options.backfill;
  if (backfill === undefined) return undefined;
  if (typeof backfill !== 'object' || backfill === null) throw invalidAt('options.backfill', 'must be an object such as { days: 90 }');
  const days = backfill.days;
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > backfillDaysMax)) {
    throw invalidAt('options.backfill.days', `must be a whole number of days from 1 to ${backfillDaysMax}`);
  }
  return days ?? backfillDaysDefault;
}

export async function updateActive(ctx: ServiceContext, definition: Definition, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> {
  const valid = validated(definition);
  const store = ctx.opened();
  const { row, pending } = await ctx.serial(() => inTransaction(store, ['definitions', 'lists', 'meta'], 'readwrite', async (tx) => {
    const versions = await tx.definitions.versions(valid.id);
    const active = versions.find((version) => version.status === 'active');
    if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${valid.id}" is not active: save it as a draft and activate it` });
    checkReferences(ctx, [valid], await tx.lists.all());
    await checkActivation(tx, valid);
    // The same definition again (a retried call) re-scores under the active version, adding none.
    const at = ctx.now();
    if (sameJson(active.definition, valid)) return { row: active, pending: await notePending(tx, active, at) };
    const latest = versions.at(-1)!;
    const version = latest.status === 'draft' ? latest.version : latest.version + 1;
    await tx.definitions.put([{ id: valid.id, version, status: 'draft', definition: valid, createdAt: at, updatedAt: at }]);
    const row = await tx.definitions.setStatus(valid.id, version, 'active', at);
    return { row, pending: await notePending(tx, row, at) };
  }));
  return ctx.activations.run(row, pending, onProgress);
}

export async function deactivate(ctx: ServiceContext, definitionId: string, options: { force?: boolean } = {}): Promise<DefinitionInfo> {
  const store = ctx.opened();
  const notices: ChangeNotice[] = [];
  const row = await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
    const active = (await tx.definitions.versions(definitionId)).find((version) => version.status === 'active');
    if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
    if (!options?.force) await refuseIfUsed(tx, definitionId, 'deactivated');
    const retired = await tx.definitions.setStatus(definitionId, active.version, 'inactive', ctx.now());
    // An inactive definition's values are no longer kept current, so none are shown (§9.2).
    await retireScores(ctx, tx, active.definition, notices);
    await clearPending(tx, definitionId);
    return retired;
  }));
  ctx.publish([...notices, { type: 'definition', definitionId, status: 'inactive', version: row.version }]);
  await ctx.armTimer();
  return infoOf(row);
}

export async function deleteDefinition(ctx: ServiceContext, definitionId: string, options: { force?: boolean } = {}): Promise<void> {
  const store = ctx.opened();
  const notices: ChangeNotice[] = [];
  const active = await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
    const versions = await tx.definitions.versions(definitionId);
    if (versions.length === 0) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
    if (!options?.force) await refuseIfUsed(tx, definitionId, 'deleted');
    const active = versions.find((version) => version.status === 'active');
    await tx.definitions.delete(definitionId);
    if (active) await retireScores(ctx, tx, active.definition, notices);
    else await tx.scores.deleteForDefinition(definitionId);
    await tx.scoreHistory.deleteForDefinition(definitionId);
    await clearPending(tx, definitionId);
    return active;
  }));
  if (active) ctx.publish([...notices, { type: 'definition', definitionId, status: 'inactive', version: active.version }]);
  await ctx.armTimer();
}

/** "Used in" (decision D28): what reads the definition's score. */
export async function getUsage(ctx: ServiceContext, definitionId: string): Promise<DefinitionUsage[]> {
  const store = ctx.opened();
  return inTransaction(store, ['definitions', 'lists', 'meta'], 'readonly', (tx) => usageOf(tx, definitionId));
}

/**
 * Removes a retired definition's scores; what read them (a forced retirement) is re-scored where
 * they were, in the same transaction, with the score rules that fires.
 */
async function retireScores(ctx: ServiceContext, tx: StoreModules, retired: Definition, notices: ChangeNotice[]): Promise<void> {
  const scored: string[] = [];
  for (let after: string | undefined; ;) {
    const page = await tx.scores.ofDefinition(retired.id, { after, limit: 5_000 });
    for (const score of page) if (score.value !== null) scored.push(score.recordId);
    if (page.length < 5_000) break;
    after = page.at(-1)!.recordId;
  }
  await tx.scores.deleteForDefinition(retired.id);
  const moves: ScoreMove[] = [];
  await rescoreAfterRetirement(ctx, tx, retired, scored, await writeScopeIn(tx, notices), moves);
  await runScoreRules(ctx, tx, moves, notices);
}

export async function listDefinitions(ctx: ServiceContext): Promise<DefinitionInfo[]> {
  const latest = new Map<string, DefinitionRow>();
  for (const row of await ctx.opened().definitions.all()) {
    const known = latest.get(row.id);
    // The active version represents a definition even while a newer draft is being edited.
    if (!known || (row.status === 'active') || (known.status !== 'active' && row.version > known.version)) latest.set(row.id, row);
  }
  return [...latest.values()].map(infoOf).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The pending re-score of the version just made active, noted in the same transaction. A version
 * already pending (an activation interrupted, then asked for again) keeps its note, so the re-score
 * resumes; otherwise every record is re-scored from now (a retried call after a finished one).
 */
async function notePending(tx: Parameters<typeof markPending>[0], row: DefinitionRow, now: number, backfillDays?: number): Promise<PendingActivation> {
  const known = await pendingActivation(tx, row.id);
  if (known?.version === row.version) return known;
  const pending: PendingActivation = backfillDays === undefined ? { version: row.version, startedAt: now } : { version: row.version, startedAt: now, backfillDays };
  await markPending(tx, row.id, pending);
  return pending;
}
