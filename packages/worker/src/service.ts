/// <reference lib="dom" />
// The worker's one service object (DESIGN.md): validates input, writes through the store, finds the
// records a change affects, re-scores them, records score history, keeps every score current as time
// passes, and notifies subscribers. An ordinary class: tests call it without a worker.
import { compileDefinition, indexDataset, type CompiledDefinition } from './engine/evaluate.ts';
import { InvalidInputError } from './engine/errors.ts';
import { importCsv as parseCsv } from './import/csv.ts';
import type { CrmEvent, CrmList, CrmRecord, Dataset, Properties } from './model/dataset.ts';
import { objectTypes, type Definition, type ObjectType } from './model/definition.ts';
import { isScored, type ScoredResult, type ScoreResult } from './model/result.ts';
import { toEpochMs, toIso } from './model/time.ts';
import { validateDataset, validateDefinition } from './model/validate.ts';
import type {
  AssociationLink, ChangeCause, ChangeNotice, DefinitionInfo, Distribution, ImportReport, LeadscoreServiceApi,
  Page, Progress, RecordQuery, ScoreChange, SubscriptionTarget, WriteReceipt,
} from './service-api.ts';
import { distributionOf } from './service/distribution.ts';
import { affectedBy, listsReachTwoHops, neighbourhood } from './service/neighbourhood.ts';
import { Notifier } from './service/notifier.ts';
import { ServiceError } from './service/service-error.ts';
import { StoreError } from './store/errors.ts';
import type { DefinitionRow, ScoreChangeRow, StoreName } from './store/schema.ts';
import { allStores, openStore, type Store, type StoreModules } from './store/store.ts';

export interface ServiceOptions {
  /** The clock; tests pass their own. The engine itself never reads it. */
  now?: () => number;
  /** Records scored per batch (and per transaction) in a full re-score and in a catch-up pass. */
  batchSize?: number;
}

/** setTimeout cannot wait longer than this; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a failed time-driven pass, the next try waits this long. */
const RETRY_TIMER_MS = 60_000;
/** A record's decay steps replayed one by one in a catch-up, at most this many (then it jumps to now). */
const MAX_REPLAYED_STEPS = 100;

/** What made each re-scored record's score change, by record id. */
type CauseOf = (recordId: string) => ChangeCause;

/** What one write transaction knows and collects: the active definitions, and notices to send once it commits. */
interface WriteScope {
  active: DefinitionRow[];
  /** How many associations deep a change reaches (neighbourhood.ts, listsReachTwoHops). */
  hops: number;
  notices: ChangeNotice[];
}

export class LeadscoreService implements LeadscoreServiceApi {
  private store: Store | undefined;
  private notifier: Notifier | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every armTimer call, so only the latest one sets the timer. */
  private timerGeneration = 0;
  private catching: Promise<number> | undefined;
  private lockHeld = false;
  private readonly compiled = new Map<string, CompiledDefinition>();
  private readonly now: () => number;
  private readonly batchSize: number;
  /** One write at a time: scores read what the previous write committed. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: ServiceOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.batchSize = options.batchSize ?? 1_000;
  }

  async open(options: { dbName: string; lifeLock?: string }): Promise<void> {
    if (this.store && !this.store.closed) return;
    if (options.lifeLock && !this.lockHeld) {
      await holdLock(options.lifeLock);
      this.lockHeld = true;
    }
    this.store = await openStore(options.dbName, { onClose: () => this.stopTimer() });
    if (!this.notifier) this.notifier = new Notifier(options.dbName, () => void this.armTimer());
    // Time that passed while no page had the database open (DESIGN.md, Time).
    await this.catchUp();
  }

  async close(): Promise<void> {
    this.stopTimer();
    this.timerGeneration++;
    await this.queue.catch(() => undefined);
    this.notifier?.close();
    this.notifier = undefined;
    this.store?.close();
    this.store = undefined;
  }

  // ── Data in ──────────────────────────────────────────────────────────────────────────────────

  upsertRecords(records: CrmRecord[]): Promise<WriteReceipt> {
    return this.write(async (tx, scope) => {
      const ids = idsOf(records, 'id');
      const scoring = scope.active.length > 0;
      const before = scoring ? await tx.records.getMany(ids) : [];
      // A record that drops an association no longer names its old neighbour: find it first.
      const linkedBefore = scoring ? await affectedBy(tx, ids, scope.hops) : new Map<string, string>();
      await tx.records.put(records);
      pushRecordNotices(scope, ids);
      if (!scoring) return { written: records.length, rescored: 0 };
      const latest = new Map(records.map((record) => [record.id, record]));
      // A record that became another kind of record keeps no score of its old kind.
      const retyped = ids.filter((id, i) => before[i] !== undefined && before[i]!.objectType !== latest.get(id)!.objectType);
      if (retyped.length > 0) await tx.scores.deleteForRecords(retyped);
      const causes = new Map(ids.map((id, i) => [id, causeOfUpsert(before[i], latest.get(id)!)]));
      const affected = merge(linkedBefore, await affectedBy(tx, ids, scope.hops));
      const rescored = await this.rescoreIn(tx, affected.keys(), (id) => causes.get(affected.get(id)!)!, scope);
      return { written: records.length, rescored };
    });
  }

  deleteRecords(ids: string[]): Promise<WriteReceipt> {
    return this.write(async (tx, scope) => {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
        throw new ServiceError({ code: 'invalid_input', message: 'deleteRecords takes a list of record ids (non-empty text)' });
      }
      const unique = [...new Set(ids)];
      const neighbours = scope.active.length > 0 ? await affectedBy(tx, unique, 1) : new Map<string, string>();
      const rows = (await Promise.all(unique.map((id) => tx.scores.forRecord(id)))).flat();
      await tx.records.delete(unique);
      await tx.events.deleteForContacts(unique);
      await tx.scores.deleteForRecords(unique);
      await tx.propertyHistory.deleteForRecords(unique);
      await tx.scoreHistory.deleteForRecords(unique);
      pushRecordNotices(scope, unique);
      for (const row of rows) {
        if (row.value !== null) scope.notices.push({ type: 'score', definitionId: row.definitionId, recordId: row.recordId, value: null, label: null });
      }
      const gone = new Set(unique);
      for (const id of gone) neighbours.delete(id);
      // The neighbours lost an association; with two hops, their neighbours may read it too.
      const affected = scope.hops > 1 ? merge(neighbours, await affectedBy(tx, neighbours.keys(), scope.hops - 1)) : neighbours;
      for (const id of gone) affected.delete(id);
      const rescored = await this.rescoreIn(tx, affected.keys(), (id) => ({ kind: 'association', ref: neighbours.get(id) ?? affected.get(id) ?? '' }), scope);
      return { written: unique.length, rescored };
    });
  }

  associate(links: AssociationLink[]): Promise<WriteReceipt> {
    return this.write(async (tx, scope) => {
      await tx.associations.link(links);
      return { written: links.length, rescored: await this.rescoreLinkEnds(tx, links, scope) };
    });
  }

  dissociate(links: AssociationLink[]): Promise<WriteReceipt> {
    return this.write(async (tx, scope) => {
      await tx.associations.unlink(Array.isArray(links) ? links.map((link) => ({ a: link?.from, b: link?.to })) : links);
      return { written: links.length, rescored: await this.rescoreLinkEnds(tx, links, scope) };
    });
  }

  trackEvents(events: CrmEvent[]): Promise<WriteReceipt> {
    return this.write(async (tx, scope) => {
      const appended = await tx.events.append(events);
      pushRecordNotices(scope, appended.contacts);
      if (scope.active.length === 0 || appended.contacts.length === 0) return { written: appended.added + appended.replaced, rescored: 0 };
      // Each contact's score names the last of its events in the batch; its companies' and deals' too.
      const lastEvent = new Map<string, string>();
      for (const event of events) lastEvent.set(event.recordId, event.id);
      const affected = await affectedBy(tx, appended.contacts, scope.hops);
      const rescored = await this.rescoreIn(tx, affected.keys(), (id) => ({ kind: 'event', ref: lastEvent.get(affected.get(id)!) ?? '' }), scope);
      return { written: appended.added + appended.replaced, rescored };
    });
  }

  saveLists(lists: CrmList[]): Promise<WriteReceipt> {
    return this.write(async (tx, scope) => {
      const ids = idsOf(lists, 'id');
      const before = await Promise.all(ids.map((id) => tx.lists.get(id)));
      await tx.lists.put(lists);
      if (scope.active.length === 0) return { written: lists.length, rescored: 0 };
      const stored = await tx.lists.all();
      // A list an active definition needs must stay usable: otherwise the save is refused whole.
      this.checkReferences(scope.active.map((row) => row.definition), stored);
      const byId = new Map(stored.map((list) => [list.id, list]));
      const members = new Map<string, string>();
      for (const [i, id] of ids.entries()) {
        for (const member of await changedMembers(tx, before[i], byId.get(id)!)) if (!members.has(member)) members.set(member, id);
      }
      const affected = await affectedBy(tx, members.keys(), scope.hops);
      const rescored = await this.rescoreIn(tx, affected.keys(), (id) => ({ kind: 'list', ref: members.get(affected.get(id)!) ?? '' }), scope);
      return { written: lists.length, rescored };
    });
  }

  async importCsv(csv: string, options: { objectType: ObjectType; idColumn?: string }): Promise<ImportReport> {
    if (typeof csv !== 'string') throw new ServiceError({ code: 'invalid_input', message: 'importCsv takes the CSV file\'s text' });
    if (!objectTypes.includes(options?.objectType)) {
      throw new ServiceError({ code: 'invalid_input', message: `importCsv: objectType must be one of ${objectTypes.join(', ')}, not ${JSON.stringify(options?.objectType)}` });
    }
    const parsed = parseCsv(csv, options);
    if (!parsed.ok) {
      throw new ServiceError({
        code: 'invalid_input',
        message: `the CSV was not imported: ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}:\n${parsed.issues.slice(0, 10).map((issue) => `  line ${issue.line}: ${issue.message}`).join('\n')}`,
        issues: parsed.issues.map((issue) => ({ path: `line ${issue.line}`, message: `line ${issue.line}: ${issue.message}` })),
      });
    }
    const receipt = await this.importDataset(parsed.dataset);
    return { ...receipt, rows: parsed.report.rows, columns: parsed.report.columns.map(({ name, type }) => ({ name, type })) };
  }

  async importDataset(dataset: Dataset): Promise<WriteReceipt> {
    const checked = validateDataset(dataset);
    if (!checked.ok) {
      throw new ServiceError({ code: 'invalid_input', message: `the dataset was not imported: ${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'}`, issues: checked.issues });
    }
    const data = checked.value;
    return this.write(async (tx, scope) => {
      const scoring = scope.active.length > 0;
      const recordIds = data.records.map((record) => record.id);
      const linkedBefore = scoring ? await affectedBy(tx, recordIds, scope.hops) : new Map<string, string>();
      const listsBefore = scoring ? await Promise.all((data.lists ?? []).map((list) => tx.lists.get(list.id))) : [];
      const typesBefore = (await tx.meta.get('propertyTypes')) ?? {};
      await tx.records.put(data.records);
      const appended = await tx.events.append(data.events ?? []);
      await tx.lists.put(data.lists ?? []);
      const history = await tx.propertyHistory.append(data.propertyHistory ?? []);
      const types = data.propertyTypes ? mergeTypes(typesBefore, data.propertyTypes) : typesBefore;
      if (data.propertyTypes) await tx.meta.put('propertyTypes', types);
      pushRecordNotices(scope, new Set([...recordIds, ...appended.contacts, ...history.records]));
      const written = data.records.length + appended.added + appended.replaced;
      if (!scoring) return { written, rescored: 0 };
      const stored = await tx.lists.all();
      this.checkReferences(scope.active.map((row) => row.definition), stored);
      const changed = new Set([...recordIds, ...appended.contacts, ...history.records]);
      const byId = new Map(stored.map((list) => [list.id, list]));
      for (const [i, list] of (data.lists ?? []).entries()) for (const member of await changedMembers(tx, listsBefore[i], byId.get(list.id)!)) changed.add(member);
      // A newly declared property type reads every stored value of that property anew (D7).
      for (const objectType of objectTypes) {
        if (JSON.stringify(typesBefore[objectType] ?? {}) === JSON.stringify(types[objectType] ?? {})) continue;
        for (const record of await tx.records.ofType(objectType)) changed.add(record.id);
      }
      const affected = merge(linkedBefore, await affectedBy(tx, changed, scope.hops));
      return { written, rescored: await this.rescoreIn(tx, affected.keys(), () => ({ kind: 'property', ref: 'import' }), scope) };
    });
  }

  async exportDataset(): Promise<Dataset> {
    const store = this.opened();
    const dataset = await store.loadDataset();
    const propertyTypes = await store.meta.get('propertyTypes');
    return propertyTypes ? { ...dataset, propertyTypes } : dataset;
  }

  // ── Definitions (scoring.md §9) ─────────────────────────────────────────────────────────────

  async saveDraft(definition: Definition): Promise<DefinitionInfo> {
    const valid = this.validated(definition);
    const store = this.opened();
    const row = await this.serial(() => inTransaction(store, ['definitions'], 'readwrite', async (tx) => {
      const latest = await tx.definitions.latest(valid.id);
      const at = this.now();
      // Editing a draft keeps its version; a change to an active or retired one starts the next.
      const version = latest === undefined ? 1 : latest.status === 'draft' ? latest.version : latest.version + 1;
      const draft: DefinitionRow = { id: valid.id, version, status: 'draft', definition: valid, createdAt: latest?.status === 'draft' ? latest.createdAt : at, updatedAt: at };
      await tx.definitions.put([draft]);
      return draft;
    }));
    this.publish([{ type: 'definition', definitionId: row.id, status: row.status, version: row.version }]);
    return infoOf(row);
  }

  async testDraft(definition: Definition, recordIds: string[], asOf?: string): Promise<ScoreResult[]> {
    const compiled = this.compile(this.validated(definition));
    if (!Array.isArray(recordIds) || recordIds.some((id) => typeof id !== 'string' || id === '')) {
      throw new ServiceError({ code: 'invalid_input', message: 'testDraft takes a list of record ids (non-empty text)' });
    }
    const store = this.opened();
    const dataset = await inTransaction(store, allStores, 'readonly', async (tx) => neighbourhood(tx, recordIds, listsReachTwoHops(await tx.lists.all()) ? 2 : 1));
    const stored = new Set(dataset.records.map((record) => record.id));
    const missing = recordIds.filter((id) => !stored.has(id));
    if (missing.length > 0) throw new ServiceError({ code: 'not_found', message: `no record with the id ${missing.map((id) => `"${id}"`).join(', ')}` });
    return compiled.scoreAll(indexDataset(dataset), { asOf: asOf ?? this.now(), recordIds });
  }

  async previewDistribution(definition: Definition, options: { buckets?: number; asOf?: string } = {}): Promise<Distribution> {
    const valid = this.validated(definition);
    const buckets = bucketCount(options.buckets);
    const compiled = this.compile(valid);
    const index = indexDataset(await this.exportDataset());
    const results = compiled.scoreAll(index, { asOf: options.asOf ?? this.now(), explain: false });
    return distributionOf(valid, results, buckets);
  }

  async activate(definitionId: string, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> {
    const store = this.opened();
    const row = await this.serial(() => inTransaction(store, ['definitions', 'lists'], 'readwrite', async (tx) => {
      const latest = await tx.definitions.latest(definitionId);
      if (!latest) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
      this.checkReferences([latest.definition], await tx.lists.all());
      // Active before the re-score: writes during it keep the new version's scores current too.
      return latest.status === 'active' ? latest : tx.definitions.setStatus(definitionId, latest.version, 'active', this.now());
    }));
    return this.rescoreActivated(row, onProgress);
  }

  async updateActive(definition: Definition, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> {
    const valid = this.validated(definition);
    const store = this.opened();
    const row = await this.serial(() => inTransaction(store, ['definitions', 'lists'], 'readwrite', async (tx) => {
      const versions = await tx.definitions.versions(valid.id);
      const active = versions.find((version) => version.status === 'active');
      if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${valid.id}" is not active: save it as a draft and activate it` });
      this.checkReferences([valid], await tx.lists.all());
      // The same definition again (a retried call) re-scores under the active version, adding none.
      if (sameJson(active.definition, valid)) return active;
      const latest = versions.at(-1)!;
      const at = this.now();
      const version = latest.status === 'draft' ? latest.version : latest.version + 1;
      await tx.definitions.put([{ id: valid.id, version, status: 'draft', definition: valid, createdAt: at, updatedAt: at }]);
      return tx.definitions.setStatus(valid.id, version, 'active', at);
    }));
    return this.rescoreActivated(row, onProgress);
  }

  async deactivate(definitionId: string): Promise<DefinitionInfo> {
    const store = this.opened();
    const row = await this.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const active = (await tx.definitions.versions(definitionId)).find((version) => version.status === 'active');
      if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
      const retired = await tx.definitions.setStatus(definitionId, active.version, 'inactive', this.now());
      // An inactive definition's values are no longer kept current, so none are shown (§9.2).
      await tx.scores.deleteForDefinition(definitionId);
      return retired;
    }));
    this.publish([{ type: 'definition', definitionId, status: 'inactive', version: row.version }]);
    await this.armTimer();
    return infoOf(row);
  }

  async deleteDefinition(definitionId: string): Promise<void> {
    const store = this.opened();
    const active = await this.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const versions = await tx.definitions.versions(definitionId);
      if (versions.length === 0) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
      await tx.scores.deleteForDefinition(definitionId);
      await tx.scoreHistory.deleteForDefinition(definitionId);
      await tx.definitions.delete(definitionId);
      return versions.find((version) => version.status === 'active');
    }));
    if (active) this.publish([{ type: 'definition', definitionId, status: 'inactive', version: active.version }]);
    await this.armTimer();
  }

  async listDefinitions(): Promise<DefinitionInfo[]> {
    const latest = new Map<string, DefinitionRow>();
    for (const row of await this.opened().definitions.all()) {
      const known = latest.get(row.id);
      // The active version represents a definition even while a newer draft is being edited.
      if (!known || (row.status === 'active') || (known.status !== 'active' && row.version > known.version)) latest.set(row.id, row);
    }
    return [...latest.values()].map(infoOf).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  // ── Reads ────────────────────────────────────────────────────────────────────────────────────

  async getScores(recordId: string): Promise<ScoredResult[]> {
    const rows = await this.opened().scores.forRecord(recordId);
    return rows.map((row) => row.result).filter(isScored);
  }

  async getHistory(recordId: string, definitionId?: string): Promise<ScoreChange[]> {
    const changes: ScoreChange[] = [];
    let before: { at: number; seq: number } | undefined;
    do {
      const page = await this.opened().scoreHistory.forRecord(recordId, { definitionId, before, limit: 500 });
      changes.push(...page.changes.map(changeOf));
      before = page.next;
    } while (before);
    return changes;
  }

  async getDistribution(definitionId: string, options: { buckets?: number } = {}): Promise<Distribution> {
    const buckets = bucketCount(options.buckets);
    const store = this.opened();
    const active = (await store.definitions.versions(definitionId)).find((row) => row.status === 'active');
    if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
    const results: ScoreResult[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await store.scores.ofDefinition(definitionId, { after, limit: 5_000 });
      for (const row of rows) results.push(row.result);
      if (rows.length < 5_000) break;
      after = rows.at(-1)!.recordId;
    }
    return distributionOf(active.definition, results, buckets);
  }

  async queryRecords(query: RecordQuery): Promise<Page<ScoredResult>> {
    const offset = query?.offset ?? 0;
    const limit = query?.limit ?? 50;
    if (typeof query?.definitionId !== 'string' || !Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
      throw new ServiceError({ code: 'invalid_input', message: 'queryRecords needs a definitionId, an offset of 0 or more and a limit of 1 or more (whole numbers)' });
    }
    const store = this.opened();
    const range = { definitionId: query.definitionId, label: query.label, min: query.min, max: query.max };
    const total = await store.scores.count(range);
    const items: ScoredResult[] = [];
    let skipped = 0;
    let after: { value: number; recordId: string } | undefined;
    do {
      const page = await store.scores.page({ ...range, order: query.order ?? 'desc', limit: Math.min(1_000, offset - skipped + limit), after });
      for (const row of page.rows) {
        if (skipped < offset) skipped++;
        else if (items.length < limit && isScored(row.result)) items.push(row.result);
      }
      after = page.next;
    } while (after && items.length < limit);
    return { items, total, offset };
  }

  // ── Time ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Re-scores every record whose nextChangeAt has passed, also after days with the page closed.
   * Each step that passed is recorded at its own instant, so a record whose events decayed twice
   * while no page was open gets two history rows. Calls made while one runs share it.
   */
  catchUp(): Promise<number> {
    this.catching ??= this.runCatchUp().finally(() => (this.catching = undefined));
    return this.catching;
  }

  private async runCatchUp(): Promise<number> {
    const store = this.opened();
    const until = this.now();
    let moved = 0;
    let previous = '';
    for (;;) {
      const notices: ChangeNotice[] = [];
      const pass = await this.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
        const due = await tx.schedule.due(until, this.batchSize);
        if (due.length === 0) return undefined;
        const [active, lists] = await Promise.all([tx.definitions.withStatus('active'), tx.lists.all()]);
        const hops = listsReachTwoHops(lists) ? 2 : 1;
        let count = 0;
        for (const [definitionId, entries] of groupBy(due, (entry) => entry.definitionId)) {
          const row = active.find((candidate) => candidate.id === definitionId);
          if (row) count += await this.replaySteps(tx, row, new Map(entries.map((entry) => [entry.recordId, entry.dueAt])), until, hops, notices);
          else await tx.schedule.delete(entries);
        }
        return { count, key: due.map((entry) => `${entry.definitionId}\u0000${entry.recordId}`).join('\n') };
      }));
      this.publish(notices);
      if (!pass) break;
      moved += pass.count;
      // Re-scoring moves every entry past `until` or drops it; the same entries again mean no progress.
      if (pass.key === previous) break;
      previous = pass.key;
      await yieldToEvents();
    }
    await store.meta.put('lastTickAt', this.now());
    await this.armTimer();
    return moved;
  }

  // ── Subscriptions ────────────────────────────────────────────────────────────────────────────

  async subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string> {
    this.opened();
    return this.notifier!.subscribe(target, listener);
  }

  async unsubscribe(subscriptionId: string): Promise<void> {
    this.notifier?.unsubscribe(subscriptionId);
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────

  /**
   * One data write and the re-scoring it causes, in one transaction (DESIGN.md, the data flow of
   * one event): the data, the affected records' new scores, their history and schedule are stored
   * together or not at all. Notices go out once it has committed; the timer is re-armed after.
   */
  private async write<T>(work: (tx: StoreModules, scope: WriteScope) => Promise<T>): Promise<T> {
    const store = this.opened();
    const notices: ChangeNotice[] = [];
    const result = await this.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const active = await tx.definitions.withStatus('active');
      const hops = active.length > 0 && listsReachTwoHops(await tx.lists.all()) ? 2 : 1;
      return work(tx, { active, hops, notices });
    }));
    this.publish(notices);
    await this.armTimer();
    return result;
  }

  /** Both ends of each link (scoring.md §6.4), and with two hops the records that read them. */
  private async rescoreLinkEnds(tx: StoreModules, links: AssociationLink[], scope: WriteScope): Promise<number> {
    const other = new Map<string, string>();
    for (const link of links) {
      if (!other.has(link.from)) other.set(link.from, link.to);
      if (!other.has(link.to)) other.set(link.to, link.from);
    }
    pushRecordNotices(scope, other.keys());
    if (scope.active.length === 0) return 0;
    const affected = await affectedBy(tx, other.keys(), scope.hops - 1);
    return this.rescoreIn(tx, affected.keys(), (id) => ({ kind: 'association', ref: other.get(id) ?? affected.get(id)! }), scope);
  }

  /** Scores `ids` under the active definitions from what `tx` holds, and stores what moved. */
  private async rescoreIn(tx: StoreModules, ids: Iterable<string>, causeOf: CauseOf, scope: WriteScope): Promise<number> {
    const wanted = new Set(ids);
    if (scope.active.length === 0 || wanted.size === 0) return 0;
    const dataset = await neighbourhood(tx, wanted, scope.hops);
    const index = indexDataset(dataset);
    const asOf = this.now();
    const types = new Map(dataset.records.map((record) => [record.id, record.objectType]));
    const results: ScoreResult[] = [];
    for (const row of scope.active) {
      const targets = [...wanted].filter((id) => types.get(id) === row.definition.objectType);
      if (targets.length === 0) continue;
      for (const result of this.compile(row.definition).scoreAll(index, { asOf, recordIds: targets })) results.push(result);
    }
    return this.storeResults(tx, results, causeOf, asOf, scope.notices);
  }

  /** Writes results (and so their schedule), the history of those whose value moved, and their notices. */
  private async storeResults(tx: StoreModules, results: ScoreResult[], causeOf: CauseOf, asOf: number, notices: ChangeNotice[]): Promise<number> {
    if (results.length === 0) return 0;
    const updates = await tx.scores.put(results);
    const history: ScoreChangeRow[] = [];
    updates.forEach((update, i) => {
      if ((update.oldValue ?? null) === update.newValue) return;
      const result = results[i]!;
      history.push({ definitionId: update.definitionId, recordId: update.recordId, at: asOf, oldValue: update.oldValue ?? null, newValue: update.newValue, cause: storedCause(causeOf(update.recordId)) });
      notices.push({ type: 'score', definitionId: update.definitionId, recordId: update.recordId, value: update.newValue, label: isScored(result) ? result.label : null });
    });
    if (history.length > 0) await tx.scoreHistory.add(history);
    return history.length;
  }

  /**
   * Replays the time steps that passed (scoring.md §9.4: a decay or timeframe step is a cause of its
   * own): each due record is scored at each of its change instants up to `until`, every change
   * recorded at its instant, and its result as of `until` stored.
   */
  private async replaySteps(tx: StoreModules, row: DefinitionRow, dueAt: Map<string, number>, until: number, hops: number, notices: ChangeNotice[]): Promise<number> {
    const dataset = await neighbourhood(tx, dueAt.keys(), hops);
    const present = new Set(dataset.records.filter((record) => record.objectType === row.definition.objectType).map((record) => record.id));
    const gone = [...dueAt.keys()].filter((id) => !present.has(id));
    if (gone.length > 0) await tx.schedule.delete(gone.map((recordId) => ({ definitionId: row.id, recordId })));
    const ids = [...present];
    if (ids.length === 0) return 0;
    const compiled = this.compile(row.definition);
    const index = indexDataset(dataset);
    const before = await Promise.all(ids.map((id) => tx.scores.get(row.id, id)));
    const history: ScoreChangeRow[] = [];
    const results: ScoreResult[] = [];
    ids.forEach((id, i) => {
      const old = before[i]?.value ?? null;
      let value = old;
      const record = (at: number, next: number | null) => {
        if (next === value) return;
        history.push({ definitionId: row.id, recordId: id, at, oldValue: value, newValue: next, cause: { kind: 'time' } });
        value = next;
      };
      let at = dueAt.get(id)!;
      for (let step = 0; at < until && step < MAX_REPLAYED_STEPS; step++) {
        const result = compiled.score(index, id, at, { explain: false });
        record(at, result.value);
        const next = isScored(result) && result.nextChangeAt !== null ? toEpochMs(result.nextChangeAt) : Infinity;
        if (!(next > at)) break;
        at = next;
      }
      const current = compiled.score(index, id, until);
      record(Math.min(at, until), current.value);
      results.push(current);
      if (current.value !== old) notices.push({ type: 'score', definitionId: row.id, recordId: id, value: current.value, label: isScored(current) ? current.label : null });
    });
    await tx.scores.put(results);
    if (history.length > 0) await tx.scoreHistory.add(history);
    return results.filter((result, i) => result.value !== (before[i]?.value ?? null)).length;
  }

  /**
   * The retroactive re-score of activation and update (scoring.md §9.2, §9.3), in batches of their
   * own transactions with progress, yielding between them so the worker keeps answering. The data
   * is read once, up front; a record that a write re-scored after that (its row is newer than the
   * snapshot: the write saw the definition active) or that was deleted keeps what the write left.
   */
  private async rescoreActivated(row: DefinitionRow, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> {
    const store = this.opened();
    const definition = row.definition;
    const cause: ChangeCause = { kind: 'definition', ref: `${row.id}@${row.version}` };
    const snapshotAt = this.now();
    const index = indexDataset(await this.exportDataset());
    const compiled = this.compile(definition);
    const ids = index.recordsInOrder.filter((record) => record.objectType === definition.objectType).map((record) => record.id);
    const report = (done: number, total: number) => {
      const progress = { definitionId: row.id, done, total };
      try {
        onProgress?.(progress);
      } catch {
        // A caller's progress callback must not stop the activation.
      }
      this.publish([{ type: 'progress', progress }]);
    };
    report(0, ids.length);
    for (let start = 0; start < ids.length; start += this.batchSize) {
      const batch = ids.slice(start, start + this.batchSize);
      const asOf = Math.max(snapshotAt, this.now());
      const results = compiled.scoreAll(index, { asOf, recordIds: batch });
      const notices: ChangeNotice[] = [];
      await this.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
        const current = await tx.definitions.get(row.id, row.version);
        if (current?.status !== 'active') {
          throw new ServiceError({ code: 'conflict', message: `the definition "${row.id}" version ${row.version} was ${current ? 'deactivated' : 'deleted'} or replaced while it was being activated` });
        }
        // The batch is a span of ids in key order: two range reads, not a get per record.
        const after = start === 0 ? undefined : ids[start - 1];
        const last = batch.at(-1)!;
        const [records, rows] = await Promise.all([
          readSpan(after, last, (from, limit) => tx.records.ofType(definition.objectType, { after: from, limit }), (record) => record.id),
          readSpan(after, last, (from, limit) => tx.scores.ofDefinition(row.id, { after: from, limit }), (score) => score.recordId),
        ]);
        const keep = new Set(batch.filter((id) => records.has(id) && (rows.get(id)?.asOf ?? -Infinity) < snapshotAt));
        const fresh = results.filter((result) => keep.has(result.recordId));
        await this.storeResults(tx, fresh, () => cause, asOf, notices);
      }));
      this.publish(notices);
      report(start + batch.length, ids.length);
      await yieldToEvents();
    }
    this.publish([{ type: 'definition', definitionId: row.id, status: 'active', version: row.version }]);
    await this.armTimer();
    return infoOf(row);
  }

  /**
   * Decision D16 before anything is stored: every list an active definition names exists and holds
   * the right records, and no list refers to itself. A definition that cannot score would make every
   * later write fail.
   */
  private checkReferences(definitions: readonly Definition[], lists: CrmList[]): void {
    const index = indexDataset({ records: [], lists });
    for (const definition of definitions) {
      try {
        this.compile(definition).scoreAll(index, { asOf: this.now(), recordIds: [] });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        throw new ServiceError({
          code: 'invalid_input',
          message: `the definition "${definition.id}" cannot score with these lists: ${error.issues.map((issue) => issue.message).join('; ')}`,
          issues: error.issues,
        });
      }
    }
  }

  private publish(notices: ChangeNotice[]): void {
    this.notifier?.publish(notices);
  }

  /** Writes run one after another, each seeing what the previous one committed. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private validated(definition: Definition): Definition {
    const checked = validateDefinition(definition);
    if (!checked.ok) {
      throw new ServiceError({ code: 'invalid_input', message: `the definition is not valid: ${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'}`, issues: checked.issues });
    }
    return checked.value;
  }

  private compile(definition: Definition): CompiledDefinition {
    const key = JSON.stringify(definition);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileDefinition(definition);
      if (this.compiled.size > 32) this.compiled.clear();
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private opened(): Store {
    if (!this.store || this.store.closed) throw new ServiceError({ code: 'closed', message: 'the database is not open: call open() first' });
    return this.store;
  }

  /** Wakes up when the next score is due (DESIGN.md, Time). Only the latest call sets the timer. */
  private async armTimer(): Promise<void> {
    const generation = ++this.timerGeneration;
    const store = this.store;
    if (!store || store.closed) return this.stopTimer();
    let next: { dueAt: number } | undefined;
    try {
      next = await store.schedule.next();
    } catch {
      next = { dueAt: this.now() + RETRY_TIMER_MS };
    }
    if (generation !== this.timerGeneration) return;
    this.stopTimer();
    if (!next) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next.dueAt - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.catchUp().catch(() => {
        // Try again later rather than never: a closed database stops this in armTimer.
        if (this.timer === undefined && this.store && !this.store.closed) this.timer = setTimeout(() => void this.armTimer(), RETRY_TIMER_MS);
      });
    }, wait);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * The items with ids after `after` (exclusive; from the first when undefined) up to `last`
 * (inclusive), read a page at a time from a source ordered by id.
 */
async function readSpan<T>(after: string | undefined, last: string, page: (after: string | undefined, limit: number) => Promise<T[]>, idOf: (item: T) => string): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const limit = 1_000;
  for (let from = after; ;) {
    const items = await page(from, limit);
    for (const item of items) {
      const id = idOf(item);
      if (id > last) return out;
      out.set(id, item);
    }
    if (items.length < limit) return out;
    from = idOf(items.at(-1)!);
  }
}

/**
 * `store.transaction`, except that an error thrown by `work` (a ServiceError, the engine's
 * InvalidInputError) is rethrown as it was: the store reports anything that is not its own error as
 * `internal`, which would lose the code. The transaction is aborted either way.
 */
async function inTransaction<T>(store: Store, stores: readonly StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreModules) => Promise<T>): Promise<T> {
  let thrown: { error: unknown } | undefined;
  try {
    return await store.transaction(stores, mode, async (tx) => {
      try {
        return await work(tx);
      } catch (error) {
        thrown = { error };
        throw error;
      }
    });
  } catch (error) {
    if (thrown && !(thrown.error instanceof StoreError)) throw thrown.error;
    throw error;
  }
}

/** The records a changed list's membership can move: every record of its kind for a changed condition. */
async function changedMembers(tx: StoreModules, before: CrmList | undefined, after: CrmList): Promise<Set<string>> {
  const changed = new Set<string>();
  const dynamic = before?.condition !== undefined || after.condition !== undefined;
  if (dynamic && (before?.objectType !== after.objectType || !sameJson(before?.condition, after.condition) || !sameJson(before?.recordIds, after.recordIds))) {
    for (const objectType of new Set([before?.objectType ?? after.objectType, after.objectType])) {
      for (const record of await tx.records.ofType(objectType)) changed.add(record.id);
    }
    return changed;
  }
  const old = new Set(before?.objectType === after.objectType ? before.recordIds ?? [] : []);
  const now = new Set(after.recordIds ?? []);
  for (const id of old) if (!now.has(id)) changed.add(id);
  for (const id of now) if (!old.has(id)) changed.add(id);
  if (before && before.objectType !== after.objectType) for (const id of before.recordIds ?? []) changed.add(id);
  return changed;
}

/** What an upsert changed about a record: its properties (named), else its associations. */
function causeOfUpsert(before: CrmRecord | undefined, after: CrmRecord): ChangeCause {
  const changed = changedProperties(before?.properties ?? {}, after.properties ?? {});
  if (changed.length === 0 && before && !sameJson(before.associations ?? {}, after.associations ?? {})) return { kind: 'association', ref: after.id };
  return { kind: 'property', ref: changed.join(',') };
}

function changedProperties(before: Properties, after: Properties): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !sameJson(before[name] ?? null, after[name] ?? null)).sort();
}

/** The string ids of a batch not yet validated (the store validates it and refuses bad items by index). */
function idsOf(items: readonly unknown[], key: 'id'): string[] {
  if (!Array.isArray(items)) return [];
  const ids = items.map((item) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined));
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

function pushRecordNotices(scope: WriteScope, ids: Iterable<string>): void {
  for (const recordId of ids) scope.notices.push({ type: 'record', recordId });
}

/** Both maps' keys; a key in both keeps the first map's value. */
function merge(first: Map<string, string>, second: Map<string, string>): Map<string, string> {
  const out = new Map(first);
  for (const [key, value] of second) if (!out.has(key)) out.set(key, value);
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Equal as JSON with object keys in any order. */
function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function bucketCount(buckets: number | undefined): number | undefined {
  if (buckets === undefined) return undefined;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1_000) throw new ServiceError({ code: 'invalid_input', message: `buckets must be a whole number from 1 to 1000, not ${JSON.stringify(buckets)}` });
  return buckets;
}

function storedCause(cause: ChangeCause): ScoreChangeRow['cause'] {
  return cause.kind === 'time' ? { kind: 'time' } : { kind: cause.kind, ref: cause.ref };
}

function infoOf(row: DefinitionRow): DefinitionInfo {
  return {
    id: row.id,
    name: row.definition.name,
    objectType: row.definition.objectType,
    kind: row.definition.kind,
    status: row.status,
    version: row.version,
    updatedAt: toIso(row.updatedAt),
    definition: row.definition,
  };
}

function changeOf(row: ScoreChangeRow): ScoreChange {
  const cause: ChangeCause = row.cause.kind === 'time' ? { kind: 'time' } : { kind: row.cause.kind, ref: row.cause.ref ?? '' };
  return { definitionId: row.definitionId, recordId: row.recordId, at: toIso(row.at), oldValue: row.oldValue, newValue: row.newValue, cause };
}

function mergeTypes(known: NonNullable<Dataset['propertyTypes']>, added: NonNullable<Dataset['propertyTypes']>): NonNullable<Dataset['propertyTypes']> {
  return {
    contact: { ...known.contact, ...added.contact },
    company: { ...known.company, ...added.company },
    deal: { ...known.deal, ...added.deal },
  };
}

/** Lets messages (other calls, progress) through between batches of a long re-score. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Holds a Web Lock for as long as this worker lives: the client asks for the same lock and is
 * granted it when the worker dies, however it died (decision in packages/sdk's worker session).
 */
function holdLock(name: string): Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Promise.resolve();
  return new Promise((acquired) => {
    void locks.request(name, () => {
      acquired();
      return new Promise<never>(() => undefined);
    });
  });
}
