import { csvFormats } from '../import/crm/crm-format.ts';
import { csvColumnTargets } from '../import/column-targets.ts';
import { importCsv as parseCsv, type CsvImportResult } from '../import/csv.ts';
import { dateOrders } from '../import/date-forms.ts';
import { delimiters } from '../import/delimiter.ts';
import type { CsvInput } from '../import/text-encoding.ts';
import { canonicalTimeZone } from '../import/time-zone.ts';
import { propertyTypeSchema, type CrmList, type CrmRecord, type Dataset } from '../model/dataset.ts';
import { objectTypes, type ObjectType } from '../model/definition.ts';
import { leadStatusProperty, stageProperty } from '../lifecycle/stages.ts';
import { applyPatch, validatePatches } from '../model/record-patch.ts';
import type { AssociationLink, DataApi, ImportCsvOptions, ImportReport, RecordPatch, WriteProgress, WriteReceipt } from '../contract/index.ts';
import { describeCall, validateBatch } from '../store/batch-validation.ts';
import type { StoreModules } from '../store/store.ts';
import { idsOf, merge } from './collections.ts';
import type { ServiceContext, WriteScope } from './context.ts';
import type { Handlers } from './handlers.ts';
import { exportDataset } from './reads.ts';
import { checkedDataset } from './checked-dataset.ts';
import { causeOfUpsert, changedMembers, linkEnds } from './dirty-records.ts';
import { sameJson } from './json.ts';
import { checkReferences } from './list-references.ts';
import { checkListReads } from './score-usage.ts';
import { affectedBy } from './neighbourhood.ts';
import { invalidAt, quoted, ServiceError } from './service-error.ts';
import { LifecycleRun } from './lifecycle-run.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { dealLinks, importedLifecycleHistory, lifecycleOfWrite, runDealAutomations } from './lifecycle-writes.ts';
import { rescoreIn, type ScoreMove } from './store-results.ts';
import { upsertHistory } from './upsert-history.ts';
import { WriteProgressReport } from './write-progress.ts';
import { afterScoreMoves, receipt } from './after-score-moves.ts';
import { trackEvents } from './track-events.ts';
import { pushRecordNotices, writeTransaction } from './write-transaction.ts';

/**
 * The data writes (scoring.md §6, §7): each stores its data and re-scores the records it makes
 * dirty — the ones it names and the records associated with them — in the same transaction.
 */

export const dataHandlers: Handlers<DataApi> = {
  upsertRecords, updateRecords, deleteRecords, associate, dissociate, trackEvents, saveLists, importCsv, readCsv, importDataset, exportDataset,
  catchUp: (ctx) => ctx.catchUp(),
};

export async function upsertRecords(ctx: ServiceContext, records: CrmRecord[], options: { source?: string; createdVia?: string } = {}, onProgress?: (progress: WriteProgress) => void): Promise<WriteReceipt> {
  const progress = new WriteProgressReport(Array.isArray(records) ? records.length : 0, onProgress);
  const written = await writeTransaction(ctx, async (tx, scope) => {
    progress.start();
    // Checked before anything reads them (the put checks them again, as it checks every batch).
    validateBatch('records', records, describeCall('records.put', records, 'record'));
    const ids = idsOf(records, 'id');
    const before = await tx.records.getMany(ids);
    return storeRecords(ctx, tx, scope, keepAssociations(records, ids, before), ids, before, { source: options.source ?? 'api', createdVia: options.createdVia }, progress);
  }).finally(() => progress.delivered());
  progress.finish();
  await progress.delivered();
  return written;
}

export async function updateRecords(ctx: ServiceContext, patches: RecordPatch[], options: { source?: string } = {}): Promise<WriteReceipt> {
  const checked = validatePatches(patches);
  if (!checked.ok) {
    throw new ServiceError({ code: 'invalid_input', message: `updateRecords was refused, nothing was stored: ${checked.issues.map((issue) => issue.message).join('; ')}`, issues: checked.issues });
  }
  return writeTransaction(ctx, async (tx, scope) => {
    const ids = [...new Set(checked.value.map((patch) => patch.id))];
    const before = await tx.records.getMany(ids);
    const patched = new Map(ids.flatMap((id, i) => (before[i] ? [[id, before[i]!] as const] : [])));
    const missing = checked.value.flatMap((patch, index) => (patched.has(patch.id) ? [] : [{ index, id: patch.id, message: `patches[${index}]: no record "${patch.id}"` }]));
    if (missing.length > 0) {
      throw new ServiceError({ code: 'not_found', message: `updateRecords was refused, nothing was stored: ${missing.map((item) => item.message).join('; ')}`, items: missing });
    }
    // Patches of one record apply in order; the lifecycle's own properties keep their null (a clear).
    for (const patch of checked.value) patched.set(patch.id, applyPatch(patched.get(patch.id)!, patch, [stageProperty, leadStatusProperty]));
    return storeRecords(ctx, tx, scope, ids.map((id) => patched.get(id)!), ids, before, { source: options.source ?? 'api' });
  });
}

/**
 * What an upsert and an update share: `records` (one per id of `ids`, or the upsert's batch as given,
 * validated by the put) replace `before`, through the stage rules (lifecycle.md §2) and with the
 * property history that keeps the old values readable at past instants (D20). Only the records
 * whose data changed, and the records associated with them, are re-scored.
 */
async function storeRecords(ctx: ServiceContext, tx: StoreModules, scope: WriteScope, records: CrmRecord[], ids: string[], before: (CrmRecord | undefined)[], options: { source: string; createdVia?: string }, progress?: WriteProgressReport): Promise<WriteReceipt> {
  const scoring = scope.active.length > 0;
  const run = await LifecycleRun.open(ctx, tx, scope);
  run.holdNew(ids.filter((_, i) => before[i] === undefined));
  // Stages go through the stage rules (lifecycle.md §2): stored as they are, changed by the run.
  const lifecycle = lifecycleOfWrite(run.settings, records, before, { source: options.source, createdVia: options.createdVia, at: ctx.now() });
  const latest = new Map(lifecycle.records.map((record) => [record.id, record]));
  const changed = ids.filter((id, i) => before[i] === undefined || !sameJson(before[i], latest.get(id)));
  const dealIds = ids.filter((id) => latest.get(id)?.objectType === 'deal');
  const dealLinksBefore = await dealLinks(tx, dealIds);
  // A record that drops an association no longer names its old neighbour: find it first.
  const linkedBefore = scoring ? await affectedBy(tx, changed, scope.hops) : new Map<string, string>();
  // The stages are decided first, so each record is stored once, as decided, and scored once, in
  // the run's first round, with its stage and lifecycle history written (a bulk load of new
  // contacts, each given its stage on creation, would otherwise be written and scored twice).
  pushRecordNotices(scope, changed);
  run.hold(lifecycle.records);
  await run.decide(lifecycle.requests);
  const toStore = run.current(lifecycle.records);
  await tx.records.put(toStore, progress && ((count) => progress.add(count)));
  // Validated by the put: the old values stay readable at past instants (decision D20).
  const changes = await upsertHistory(tx, before, ids.map((id) => latest.get(id)!), ctx.now());
  if (changes.length > 0) await tx.propertyHistory.append(changes);
  if (scoring && changed.length > 0) {
    // A record that became another kind of record keeps no score of its old kind.
    const retyped = ids.filter((id, i) => before[i] !== undefined && before[i]!.objectType !== latest.get(id)!.objectType);
    if (retyped.length > 0) await tx.scores.deleteForRecords(retyped);
    const causes = new Map(ids.map((id, i) => [id, causeOfUpsert(before[i], latest.get(id)!)]));
    const affected = merge(linkedBefore, await affectedBy(tx, changed, scope.hops));
    run.rescoreWithFirstRound(affected.keys(), (id) => causes.get(affected.get(id)!)!);
  }
  run.know(toStore);
  const deals = dealIds.map((id) => ({ before: before[ids.indexOf(id)], after: latest.get(id)! }));
  runDealAutomations(run, deals, dealLinksBefore, await dealLinks(tx, dealIds));
  await run.finish();
  return receipt(records.length, 0, run);
}

/**
 * An upserted record without `associations` keeps the stored ones: associations change through
 * `associate` and `dissociate`, or when a record gives them (contract/data.ts). The batch is not
 * validated yet, so anything that is not such a record passes as it is, for the put to refuse.
 */
function keepAssociations(records: CrmRecord[], ids: string[], before: (CrmRecord | undefined)[]): CrmRecord[] {
  if (!Array.isArray(records)) return records;
  const stored = new Map(ids.map((id, i) => [id, before[i]?.associations]));
  return records.map((record) => {
    if (typeof record !== 'object' || record === null || record.associations !== undefined) return record;
    const associations = stored.get(record.id);
    return associations ? { ...record, associations } : record;
  });
}

export function deleteRecords(ctx: ServiceContext, ids: string[]): Promise<WriteReceipt> {
  return writeTransaction(ctx, async (tx, scope) => {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
      throw invalidAt('ids', 'must be a list of record ids (non-empty text)');
    }
    const unique = [...new Set(ids)];
    const neighbours = scope.active.length > 0 ? await affectedBy(tx, unique, 1) : new Map<string, string>();
    const rows = (await Promise.all(unique.map((id) => tx.scores.forRecord(id)))).flat();
    await tx.records.delete(unique);
    await tx.events.deleteForContacts(unique);
    await tx.scores.deleteForRecords(unique);
    await tx.propertyHistory.deleteForRecords(unique);
    await tx.scoreHistory.deleteForRecords(unique);
    await tx.lifecycleHistory.deleteForRecords(unique);
    await tx.automations.deleteForRecords(unique);
    pushRecordNotices(scope, unique);
    for (const row of rows) {
      if (row.value !== null) scope.notices.push({ type: 'score', definitionId: row.definitionId, recordId: row.recordId, value: null, label: null, engagement: null, fit: null });
    }
    const gone = new Set(unique);
    for (const id of gone) neighbours.delete(id);
    // The neighbours lost an association; with two hops, their neighbours may read it too.
    const affected = scope.hops > 1 ? merge(neighbours, await affectedBy(tx, neighbours.keys(), scope.hops - 1)) : neighbours;
    for (const id of gone) affected.delete(id);
    const rescored = await rescoreIn(ctx, tx, affected.keys(), (id) => ({ kind: 'association', ref: neighbours.get(id) ?? affected.get(id) ?? '' }), scope);
    return { written: unique.length, rescored };
  });
}

export function associate(ctx: ServiceContext, links: AssociationLink[]): Promise<WriteReceipt> {
  return writeTransaction(ctx, async (tx, scope) => {
    const ends = Array.isArray(links) ? [...new Set(links.flatMap((link) => [link?.from, link?.to]).filter((id): id is string => typeof id === 'string'))] : [];
    const deals = (await tx.records.getMany(ends)).filter((record): record is CrmRecord => record?.objectType === 'deal');
    const dealIds = deals.map((deal) => deal.id);
    const linksBefore = await dealLinks(tx, dealIds);
    await tx.associations.link(links);
    const moves: ScoreMove[] = [];
    const rescored = await rescoreLinkEnds(ctx, tx, links, scope, moves);
    if (deals.length === 0 && moves.length === 0) return { written: links.length, rescored };
    // lifecycle.md §6.1: contacts and companies newly linked to a deal become opportunities (or customers).
    const run = await LifecycleRun.open(ctx, tx, scope);
    run.onScoreMoves(moves);
    runDealAutomations(run, deals.map((deal) => ({ before: deal, after: deal })), linksBefore, await dealLinks(tx, dealIds));
    await run.finish();
    return receipt(links.length, rescored, run);
  });
}

export function dissociate(ctx: ServiceContext, links: AssociationLink[]): Promise<WriteReceipt> {
  return writeTransaction(ctx, async (tx, scope) => {
    await tx.associations.unlink(Array.isArray(links) ? links.map((link) => ({ a: link?.from, b: link?.to })) : links);
    return { written: links.length, rescored: await rescoreLinkEnds(ctx, tx, links, scope) };
  });
}

export function saveLists(ctx: ServiceContext, lists: CrmList[]): Promise<WriteReceipt> {
  return writeTransaction(ctx, async (tx, scope) => {
    const ids = idsOf(lists, 'id');
    const before = await Promise.all(ids.map((id) => tx.lists.get(id)));
    await tx.lists.put(lists);
    await checkListReads(tx, lists);
    if (scope.active.length === 0) return { written: lists.length, rescored: 0 };
    const stored = await tx.lists.all();
    // A list an active definition needs must stay usable: otherwise the save is refused whole.
    checkReferences(ctx, scope.active.map((row) => row.definition), stored);
    const byId = new Map(stored.map((list) => [list.id, list]));
    const members = new Map<string, string>();
    for (const [i, id] of ids.entries()) {
      for (const member of await changedMembers(tx, before[i], byId.get(id)!)) if (!members.has(member)) members.set(member, id);
    }
    const affected = await affectedBy(tx, members.keys(), scope.hops);
    const moves: ScoreMove[] = [];
    const rescored = await rescoreIn(ctx, tx, affected.keys(), (id) => ({ kind: 'list', ref: members.get(affected.get(id)!) ?? '' }), scope, moves);
    return afterScoreMoves(ctx, tx, scope, moves, { written: lists.length, rescored });
  });
}

export async function importCsv(ctx: ServiceContext, csv: CsvInput, options: ImportCsvOptions = {}, onProgress?: (progress: WriteProgress) => void): Promise<ImportReport> {
  const parsed = await parseCsvAs(ctx, csv, options, 'importCsv');
  if (!parsed.ok) {
    throw new ServiceError({
      code: 'invalid_input',
      message: `the CSV was not imported: ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}:\n${parsed.issues.slice(0, 10).map((issue) => `  line ${issue.line}: ${issue.message}`).join('\n')}`,
      issues: parsed.issues.map((issue) => ({ path: `line ${issue.line}`, message: `line ${issue.line}: ${issue.message}` })),
    });
  }
  const receipt = await importDataset(ctx, parsed.dataset, onProgress);
  const { format, exportKind, objectType, delimiter, encoding, timezone, rows, history, unreadable, columns } = parsed.report;
  return {
    ...receipt, format, ...(exportKind === undefined ? {} : { exportKind }), objectType, delimiter, encoding, timezone, rows, history, unreadable,
    columns: columns.map(({ name, type }) => ({ name, type })),
  };
}

export function readCsv(ctx: ServiceContext, csv: CsvInput, options: ImportCsvOptions = {}): Promise<CsvImportResult> {
  return parseCsvAs(ctx, csv, options, 'readCsv');
}

/** The file read with the saved lifecycle settings; a wrong argument is refused naming `method`. */
async function parseCsvAs(ctx: ServiceContext, csv: CsvInput, options: ImportCsvOptions, method: string): Promise<CsvImportResult> {
  if (typeof csv !== 'string' && !(csv instanceof Uint8Array) && !(csv instanceof ArrayBuffer)) {
    throw invalidAt('csv', 'must be the CSV file\'s text, or its bytes as a Uint8Array or an ArrayBuffer');
  }
  const problem = csvOptionProblem(options ?? {});
  if (problem) throw invalidAt(problem.path, problem.detail);
  const { stages, leadStatuses } = await getLifecycleSettings(ctx);
  return parseCsv(csv, { ...options, lifecycle: { stages, leadStatuses } });
}

/** What is wrong with importCsv's options, said for the caller; undefined when nothing is. */
function csvOptionProblem(options: ImportCsvOptions): { path: string; detail: string } | undefined {
  if (typeof options !== 'object' || options === null) return { path: 'options', detail: 'must be an object' };
  if (options.objectType !== undefined && !objectTypes.includes(options.objectType)) return { path: 'options.objectType', detail: `must be one of ${objectTypes.join(', ')}, not ${quoted(options.objectType)}` };
  if (options.format !== undefined && !csvFormats.includes(options.format)) return { path: 'options.format', detail: `must be one of ${csvFormats.join(', ')}, not ${quoted(options.format)}` };
  if (options.delimiter !== undefined && !delimiters.includes(options.delimiter)) return { path: 'options.delimiter', detail: `must be ",", ";" or "\\t", not ${quoted(options.delimiter)}` };
  if (options.dateOrder !== undefined && !dateOrders.includes(options.dateOrder)) return { path: 'options.dateOrder', detail: `must be "dmy" or "mdy", not ${quoted(options.dateOrder)}` };
  if (options.timezone !== undefined && (typeof options.timezone !== 'string' || canonicalTimeZone(options.timezone) === undefined)) return { path: 'options.timezone', detail: `must be an IANA time zone such as "UTC" or "Europe/Copenhagen", not ${quoted(options.timezone)}` };
  if (options.idColumn !== undefined && typeof options.idColumn !== 'string') return { path: 'options.idColumn', detail: 'must be the header name of a column' };
  const badType = Object.entries(options.types ?? {}).find(([, type]) => !propertyTypeSchema.safeParse(type).success);
  if (badType) return { path: `options.types["${badType[0]}"]`, detail: `must be one of ${propertyTypeSchema.options.join(', ')}, not ${quoted(badType[1])}` };
  const badTarget = Object.entries(options.mapping ?? {}).find(([, target]) => !csvColumnTargets.includes(target));
  if (badTarget) return { path: `options.mapping["${badTarget[0]}"]`, detail: `must be one of ${csvColumnTargets.join(', ')}, not ${quoted(badTarget[1])}` };
  return undefined;
}

export async function importDataset(ctx: ServiceContext, dataset: Dataset, onProgress?: (progress: WriteProgress) => void): Promise<WriteReceipt> {
  const { data, events, eventCount } = checkedDataset(dataset);
  const progress = new WriteProgressReport(data.records.length + eventCount + (data.propertyHistory?.length ?? 0), onProgress);
  const result = await writeTransaction(ctx, async (tx, scope) => {
    progress.start();
    const scoring = scope.active.length > 0;
    const recordIds = data.records.map((record) => record.id);
    const linkedBefore = scoring ? await affectedBy(tx, recordIds, scope.hops) : new Map<string, string>();
    const listsBefore = scoring ? await Promise.all((data.lists ?? []).map((list) => tx.lists.get(list.id))) : [];
    const typesBefore = (await tx.meta.get('propertyTypes')) ?? {};
    // Stages: an imported history is replayed as recorded (L2, L3); otherwise a new value is an
    // `import` change, forward only (lifecycle.md §2.2).
    const run = await LifecycleRun.open(ctx, tx, scope);
    const storedRecords = await tx.records.getMany(recordIds);
    run.holdNew(recordIds.filter((_, i) => storedRecords[i] === undefined));
    const staged = new Set(data.records.filter((record) => record.objectType !== 'deal').map((record) => record.id));
    const imported = await importedLifecycleHistory(tx, data.propertyHistory ?? [], staged);
    const lifecycle = lifecycleOfWrite(run.settings, data.records.map((record) => (imported.replayed.has(record.id) ? withoutStage(record) : record)), storedRecords, { source: 'import', at: ctx.now() });
    const dealIds = data.records.filter((record) => record.objectType === 'deal').map((record) => record.id);
    const dealLinksBefore = await dealLinks(tx, dealIds);
    const appended = await tx.events.appendChecked(events, eventCount, (count) => progress.add(count));
    await tx.lists.put(data.lists ?? []);
    await checkListReads(tx, data.lists ?? [], true);
    const changes = data.propertyHistory ?? [];
    // With nothing re-scored in between, the imported history is stored with the lifecycle's own
    // changes to the same records (their stages, replayed), one write per record rather than two.
    if (scoring) await tx.propertyHistory.append(changes);
    else run.recordChanges(changes);
    progress.add(scoring ? changes.length : 0);
    const history = { records: new Set(changes.map((change) => change.recordId)) };
    const types = data.propertyTypes ? mergeTypes(typesBefore, data.propertyTypes) : typesBefore;
    if (data.propertyTypes) await tx.meta.put('propertyTypes', types);
    pushRecordNotices(scope, new Set([...recordIds, ...appended.contacts, ...history.records]));
    const written = data.records.length + appended.added + appended.replaced;
    // Stages decided first, so each record is stored once, as decided (the run writes only what moves after).
    run.hold(lifecycle.records);
    await run.decide([...imported.requests, ...lifecycle.requests]);
    const decided = run.current(lifecycle.records);
    await tx.records.putChecked(decided, (count) => progress.add(count));
    run.know(decided);
    const latest = new Map(lifecycle.records.map((record) => [record.id, record]));
    runDealAutomations(run, dealIds.map((id) => ({ before: storedRecords[recordIds.indexOf(id)], after: latest.get(id)! })), dealLinksBefore, await dealLinks(tx, dealIds));
    if (!scoring) {
      await run.finish();
      return receipt(written, 0, run);
    }
    const stored = await tx.lists.all();
    checkReferences(ctx, scope.active.map((row) => row.definition), stored);
    const changed = new Set([...recordIds, ...appended.contacts, ...history.records]);
    const byId = new Map(stored.map((list) => [list.id, list]));
    for (const [i, list] of (data.lists ?? []).entries()) for (const member of await changedMembers(tx, listsBefore[i], byId.get(list.id)!)) changed.add(member);
    // A newly declared property type reads every stored value of that property anew (D7).
    for (const objectType of objectTypes) {
      if (JSON.stringify(typesBefore[objectType] ?? {}) === JSON.stringify(types[objectType] ?? {})) continue;
      for (const record of await tx.records.ofType(objectType)) changed.add(record.id);
    }
    const affected = merge(linkedBefore, await affectedBy(tx, changed, scope.hops));
    // Scored once, with the stages the run moved and their histories written (as storeRecords does).
    run.rescoreWithFirstRound(affected.keys(), () => ({ kind: 'property', ref: 'import' }));
    await run.finish();
    return receipt(written, 0, run);
  }).finally(() => progress.delivered());
  progress.finish();
  await progress.delivered();
  return result;
}

/** A record whose stage history is imported takes its stage from that history, not its property. */
function withoutStage(record: CrmRecord): CrmRecord {
  const { lifecyclestage: _stage, hs_lead_status: _status, ...properties } = record.properties ?? {};
  return { ...record, properties };
}

/** Both ends of each link, and with two hops the records that read them. */
async function rescoreLinkEnds(ctx: ServiceContext, tx: StoreModules, links: AssociationLink[], scope: WriteScope, moves?: ScoreMove[]): Promise<number> {
  const other = linkEnds(links);
  pushRecordNotices(scope, other.keys());
  if (scope.active.length === 0) return 0;
  const affected = await affectedBy(tx, other.keys(), scope.hops - 1);
  return rescoreIn(ctx, tx, affected.keys(), (id) => ({ kind: 'association', ref: other.get(id) ?? affected.get(id)! }), scope, moves);
}

function mergeTypes(known: NonNullable<Dataset['propertyTypes']>, added: NonNullable<Dataset['propertyTypes']>): NonNullable<Dataset['propertyTypes']> {
  return {
    contact: { ...known.contact, ...added.contact },
    company: { ...known.company, ...added.company },
    deal: { ...known.deal, ...added.deal },
  };
}
