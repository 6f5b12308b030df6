/// <reference lib="dom" />
// The worker's one service object (DESIGN.md): validates input, writes through the store, finds the
// records a change affects, re-scores them, records score history, keeps every score current as time
// passes, and notifies subscribers. An ordinary class: tests call it without a worker.
import { compileDefinition, indexDataset, type CompiledDefinition } from './engine/evaluate.ts';
import { importCsv as parseCsv } from './import/csv.ts';
import type { CrmEvent, CrmList, CrmRecord, Dataset } from './model/dataset.ts';
import type { Definition, ObjectType } from './model/definition.ts';
import { isScored, type ScoredResult, type ScoreResult } from './model/result.ts';
import { toIso } from './model/time.ts';
import { validateDataset, validateDefinition } from './model/validate.ts';
import type {
  AssociationLink, ChangeCause, ChangeNotice, DefinitionInfo, Distribution, ImportReport, LeadscoreServiceApi,
  Page, Progress, RecordQuery, ScoreChange, SubscriptionTarget, WriteReceipt,
} from './service-api.ts';
import { distributionOf } from './service/distribution.ts';
import { affectedBy, neighbourhood } from './service/neighbourhood.ts';
import { Notifier } from './service/notifier.ts';
import { ServiceError } from './service/service-error.ts';
import type { DefinitionRow, ScoreChangeRow } from './store/schema.ts';
import { allStores, openStore, type Store, type StoreModules } from './store/store.ts';

export interface ServiceOptions {
  /** The clock; tests pass their own. The engine itself never reads it. */
  now?: () => number;
  /** Records scored per batch (and per transaction) in a full re-score. */
  batchSize?: number;
}

/** setTimeout cannot wait longer than this; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class LeadscoreService implements LeadscoreServiceApi {
  private store: Store | undefined;
  private notifier: Notifier | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
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
    if (this.store) return;
    if (options.lifeLock) await holdLock(options.lifeLock);
    this.store = await openStore(options.dbName, { onClose: () => this.stopTimer() });
    this.notifier = new Notifier(options.dbName);
    await this.catchUp();
  }

  async close(): Promise<void> {
    this.stopTimer();
    await this.queue.catch(() => undefined);
    this.notifier?.close();
    this.store?.close();
    this.store = undefined;
  }

  // ── Data in ──────────────────────────────────────────────────────────────────────────────────

  upsertRecords(records: CrmRecord[]): Promise<WriteReceipt> {
    return this.write(async (tx) => {
      await tx.records.put(records);
      return { written: records.length, ids: records.map((record) => record.id), cause: { kind: 'property', ref: records[0]?.id ?? '' } };
    });
  }

  deleteRecords(ids: string[]): Promise<WriteReceipt> {
    return this.write(async (tx) => {
      const neighbours = await affectedBy(tx, ids);
      await tx.records.delete(ids);
      await tx.events.deleteForContacts(ids);
      await tx.scores.deleteForRecords(ids);
      const gone = new Set(ids);
      return { written: ids.length, ids: [...neighbours].filter((id) => !gone.has(id)), cause: { kind: 'association', ref: ids[0] ?? '' } };
    });
  }

  associate(links: AssociationLink[]): Promise<WriteReceipt> {
    return this.write(async (tx) => {
      await tx.associations.link(links);
      return { written: links.length, ids: links.flatMap((link) => [link.from, link.to]), cause: { kind: 'association', ref: links[0]?.from ?? '' } };
    });
  }

  dissociate(links: AssociationLink[]): Promise<WriteReceipt> {
    return this.write(async (tx) => {
      await tx.associations.unlink(links.map((link) => ({ a: link.from, b: link.to })));
      return { written: links.length, ids: links.flatMap((link) => [link.from, link.to]), cause: { kind: 'association', ref: links[0]?.from ?? '' } };
    });
  }

  trackEvents(events: CrmEvent[]): Promise<WriteReceipt> {
    return this.write(async (tx) => {
      const appended = await tx.events.append(events);
      return { written: appended.added + appended.replaced, ids: appended.contacts, cause: { kind: 'event', ref: events[0]?.id ?? '' } };
    });
  }

  async saveLists(lists: CrmList[]): Promise<WriteReceipt> {
    await this.serial(() => this.opened().lists.put(lists));
    const rescored = await this.rescoreAll({ kind: 'list', ref: lists[0]?.id ?? '' });
    return { written: lists.length, rescored };
  }

  async importCsv(csv: string, options: { objectType: ObjectType; idColumn?: string }): Promise<ImportReport> {
    const parsed = parseCsv(csv, options);
    if (!parsed.ok) {
      throw new ServiceError({
        code: 'invalid_input',
        message: `the CSV was not imported: ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}`,
        issues: parsed.issues.map((issue) => ({ path: `line ${issue.line}`, message: `line ${issue.line}: ${issue.message}` })),
      });
    }
    const receipt = await this.importDataset(parsed.dataset);
    return { ...receipt, rows: parsed.report.rows, columns: parsed.report.columns };
  }

  async importDataset(dataset: Dataset): Promise<WriteReceipt> {
    const checked = validateDataset(dataset);
    if (!checked.ok) {
      throw new ServiceError({ code: 'invalid_input', message: `the dataset was not imported: ${checked.issues.length} problems`, issues: checked.issues });
    }
    const data = checked.value;
    await this.serial(() => this.opened().transaction(allStores, 'readwrite', async (tx) => {
      await tx.records.put(data.records);
      await tx.events.append(data.events ?? []);
      await tx.lists.put(data.lists ?? []);
      await tx.propertyHistory.append(data.propertyHistory ?? []);
      if (data.propertyTypes) await tx.meta.put('propertyTypes', mergeTypes((await tx.meta.get('propertyTypes')) ?? {}, data.propertyTypes));
    }));
    const rescored = await this.rescoreAll({ kind: 'property', ref: 'import' });
    return { written: data.records.length + (data.events?.length ?? 0), rescored };
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
    return this.serial(async () => {
      const store = this.opened();
      const latest = await store.definitions.latest(valid.id);
      const at = this.now();
      const version = latest === undefined ? 1 : latest.status === 'draft' ? latest.version : latest.version + 1;
      const row: DefinitionRow = { id: valid.id, version, status: 'draft', definition: valid, createdAt: latest?.status === 'draft' ? latest.createdAt : at, updatedAt: at };
      await store.definitions.put([row]);
      this.publish([{ type: 'definition', definitionId: row.id, status: row.status, version: row.version }]);
      return infoOf(row);
    });
  }

  async testDraft(definition: Definition, recordIds: string[], asOf?: string): Promise<ScoreResult[]> {
    const compiled = this.compile(this.validated(definition));
    const store = this.opened();
    const dataset = await store.transaction(allStores, 'readonly', (tx) => neighbourhood(tx, recordIds));
    const missing = recordIds.filter((id) => !dataset.records.some((record) => record.id === id));
    if (missing.length > 0) throw new ServiceError({ code: 'not_found', message: `no record with the id ${missing.map((id) => `"${id}"`).join(', ')}` });
    return compiled.scoreAll(indexDataset(dataset), { asOf: asOf ?? this.now(), recordIds });
  }

  async previewDistribution(definition: Definition, options: { buckets?: number; asOf?: string } = {}): Promise<Distribution> {
    const valid = this.validated(definition);
    const compiled = this.compile(valid);
    const index = indexDataset(await this.exportDataset());
    const asOf = options.asOf ?? this.now();
    const results = compiled.scoreAll(index, { asOf, explain: false });
    return distributionOf(valid, results, options.buckets);
  }

  async activate(definitionId: string, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> {
    const store = this.opened();
    const latest = await store.definitions.latest(definitionId);
    if (!latest) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
    const row = latest.status === 'active' ? latest : await this.serial(() => store.definitions.setStatus(definitionId, latest.version, 'active', this.now()));
    await this.rescoreAll({ kind: 'definition', ref: `${definitionId}@${row.version}` }, [row], onProgress);
    this.publish([{ type: 'definition', definitionId, status: 'active', version: row.version }]);
    return infoOf(row);
  }

  async updateActive(definition: Definition, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> {
    await this.saveDraft(definition);
    return this.activate(definition.id, onProgress);
  }

  async deactivate(definitionId: string): Promise<DefinitionInfo> {
    return this.serial(async () => {
      const store = this.opened();
      const active = (await store.definitions.versions(definitionId)).find((row) => row.status === 'active');
      if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
      const row = await store.definitions.setStatus(definitionId, active.version, 'inactive', this.now());
      // An inactive definition's values are no longer kept current, so none are shown (§9.2).
      await store.scores.deleteForDefinition(definitionId);
      this.publish([{ type: 'definition', definitionId, status: 'inactive', version: row.version }]);
      return infoOf(row);
    });
  }

  async deleteDefinition(definitionId: string): Promise<void> {
    await this.serial(async () => {
      const store = this.opened();
      if (!(await store.definitions.latest(definitionId))) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
      await store.scores.deleteForDefinition(definitionId);
      await store.scoreHistory.deleteForDefinition(definitionId);
      await store.definitions.delete(definitionId);
    });
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
    const store = this.opened();
    const active = (await store.definitions.versions(definitionId)).find((row) => row.status === 'active');
    if (!active) throw new ServiceError({ code: 'not_found', message: `the definition "${definitionId}" is not active` });
    const results: ScoreResult[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await store.scores.ofDefinition(definitionId, { after, limit: 5_000 });
      results.push(...rows.map((row) => row.result));
      if (rows.length < 5_000) break;
      after = rows.at(-1)!.recordId;
    }
    return distributionOf(active.definition, results, options.buckets);
  }

  async queryRecords(query: RecordQuery): Promise<Page<ScoredResult>> {
    const store = this.opened();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
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

  /** Re-scores every record whose nextChangeAt has passed, also after days with the page closed. */
  async catchUp(): Promise<number> {
    const store = this.opened();
    let moved = 0;
    for (;;) {
      const due = await store.schedule.due(this.now(), this.batchSize);
      if (due.length === 0) break;
      const byDefinition = new Map<string, Set<string>>();
      for (const entry of due) byDefinition.set(entry.definitionId, (byDefinition.get(entry.definitionId) ?? new Set()).add(entry.recordId));
      for (const [definitionId, recordIds] of byDefinition) {
        const row = (await store.definitions.versions(definitionId)).find((version) => version.status === 'active');
        if (!row) {
          await store.schedule.delete([...recordIds].map((recordId) => ({ definitionId, recordId })));
          continue;
        }
        // Re-scoring moves each entry past now (nextChangeAt is after asOf) or drops it: the loop ends.
        moved += await this.serial(() => store.transaction(allStores, 'readwrite', (tx) => this.rescoreIn(tx, recordIds, { kind: 'time' }, [row])));
      }
    }
    await store.meta.put('lastTickAt', this.now());
    await this.armTimer();
    return moved;
  }

  // ── Subscriptions ────────────────────────────────────────────────────────────────────────────

  async subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string> {
    return this.opened() && this.notifier!.subscribe(target, listener);
  }

  async unsubscribe(subscriptionId: string): Promise<void> {
    this.notifier?.unsubscribe(subscriptionId);
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────

  /**
   * One data write and the re-scoring it causes, in one transaction (DESIGN.md, the data flow of
   * one event): the data, the affected records' new scores and their history are stored together
   * or not at all.
   */
  private async write(change: (tx: StoreModules) => Promise<{ written: number; ids: string[]; cause: ChangeCause }>): Promise<WriteReceipt> {
    const store = this.opened();
    const active = await store.definitions.withStatus('active');
    const receipt = await this.serial(() => store.transaction(allStores, 'readwrite', async (tx) => {
      const { written, ids, cause } = await change(tx);
      const rescored = await this.rescoreIn(tx, await affectedBy(tx, ids), cause, active);
      return { written, rescored };
    }));
    await this.armTimer();
    return receipt;
  }

  /**
   * Scores `ids` from what `tx` holds, stores the rows that moved and their history. Schedule
   * entries of records that are gone (or of another type) are dropped, so none stays due forever.
   */
  private async rescoreIn(tx: StoreModules, ids: Set<string>, cause: ChangeCause, definitions: DefinitionRow[]): Promise<number> {
    if (definitions.length === 0 || ids.size === 0) return 0;
    const dataset = await neighbourhood(tx, ids);
    const index = indexDataset(dataset);
    const asOf = this.now();
    const results: ScoreResult[] = [];
    const stale: { definitionId: string; recordId: string }[] = [];
    for (const row of definitions) {
      const targets = new Set(dataset.records.filter((record) => ids.has(record.id) && record.objectType === row.definition.objectType).map((record) => record.id));
      for (const id of ids) if (!targets.has(id)) stale.push({ definitionId: row.id, recordId: id });
      if (targets.size > 0) results.push(...this.compile(row.definition).scoreAll(index, { asOf, recordIds: [...targets] }));
    }
    if (stale.length > 0) await tx.schedule.delete(stale);
    return this.storeResults(tx, results, cause, asOf);
  }

  /** Writes results, the history of those whose value moved, and queues their notices. */
  private async storeResults(tx: StoreModules, results: ScoreResult[], cause: ChangeCause, asOf: number): Promise<number> {
    if (results.length === 0) return 0;
    const updates = await tx.scores.put(results);
    const moved = updates.filter((update) => (update.oldValue ?? null) !== update.newValue || update.oldValue === undefined);
    const history: ScoreChangeRow[] = moved.map((update) => ({
      definitionId: update.definitionId,
      recordId: update.recordId,
      at: asOf,
      oldValue: update.oldValue ?? null,
      newValue: update.newValue,
      cause: cause.kind === 'time' ? { kind: 'time' } : { kind: cause.kind, ref: cause.ref },
    }));
    if (history.length > 0) await tx.scoreHistory.add(history);
    const byKey = new Map(results.map((result) => [`${result.definitionId}\u0000${result.recordId}`, result]));
    this.publish(moved.map((update) => {
      const result = byKey.get(`${update.definitionId}\u0000${update.recordId}`);
      return { type: 'score', definitionId: update.definitionId, recordId: update.recordId, value: update.newValue, label: result && isScored(result) ? result.label : null };
    }));
    return moved.length;
  }

  /**
   * A full, retroactive re-score (scoring.md §9.2, §9.3) of every record under `definitions`
   * (default: every active one), in batches of its own transactions, reporting progress and
   * yielding between batches so the worker keeps answering.
   */
  private async rescoreAll(cause: ChangeCause, definitions?: DefinitionRow[], onProgress?: (progress: Progress) => void): Promise<number> {
    const store = this.opened();
    const rows = definitions ?? (await store.definitions.withStatus('active'));
    if (rows.length === 0) return 0;
    const index = indexDataset(await this.exportDataset());
    const asOf = this.now();
    let moved = 0;
    for (const row of rows) {
      const compiled = this.compile(row.definition);
      const ids = index.recordsInOrder.filter((record) => record.objectType === row.definition.objectType).map((record) => record.id);
      const report = (done: number) => {
        const progress = { definitionId: row.id, done, total: ids.length };
        onProgress?.(progress);
        this.publish([{ type: 'progress', progress }]);
      };
      report(0);
      for (let start = 0; start < ids.length; start += this.batchSize) {
        const batch = ids.slice(start, start + this.batchSize);
        const results = compiled.scoreAll(index, { asOf, recordIds: batch });
        moved += await this.serial(() => store.transaction(allStores, 'readwrite', (tx) => this.storeResults(tx, results, cause, asOf)));
        report(Math.min(ids.length, start + batch.length));
        await yieldToEvents();
      }
    }
    await this.armTimer();
    return moved;
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

  /** Wakes up when the next score is due (DESIGN.md, Time). */
  private async armTimer(): Promise<void> {
    this.stopTimer();
    const store = this.store;
    if (!store || store.closed) return;
    const next = await store.schedule.next();
    if (!next) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next.dueAt - this.now()));
    this.timer = setTimeout(() => void this.catchUp().catch(() => undefined), wait);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
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
