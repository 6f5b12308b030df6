import { unwrap } from 'idb';
import type { MetaEntries } from './meta.ts';
import type { ScoreRow } from './schema.ts';
import { entriesOfDefinition } from './score-pages.ts';
import type { ReadTx, WriteTx } from './transactions.ts';

/**
 * The orderings the score rows' indexes gave before they were stored in pages (store version 9):
 * per definition, its records sorted by value, by value within each label, by engagement and by fit
 * (ties by record id, as the indexes ordered them), held by the connection in memory. Built from
 * the pages on a definition's first query, kept current with this connection's own writes, and
 * dropped when the stored **scores revision**, which every score write moves in its own transaction,
 * says that a write this connection did not make (another tab's) came in between.
 */
export class ScoreColumns {
  /** The stored revision the held columns are at. */
  private revision: string | undefined;
  private readonly held = new Map<string, DefinitionColumns>();
  /** The definitions whose orderings this connection built from the pages, not kept at rest since. */
  private readonly unkept = new Set<string>();
  /** This connection's committed writes, by the revision each moved the store to. */
  private readonly steps = new Map<string, Step>();
  /** The transactions that moved the revision, with what they changed so far. */
  private readonly writes = new WeakMap<IDBTransaction, Step>();
  private readonly writer = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  private written = 0;
  /** How many rows the kept steps hold. */
  private pendingRows = 0;

  /** `pendingBound`: the most rows the kept steps hold before they are taken into the held columns. */
  constructor(private readonly pendingBound = maxPendingRows) {}

  /**
   * What the held orderings hold: definitions, records, and an estimate of their bytes (per record:
   * its entry, its place in the id map and in up to four sorted lists, and its id's text).
   */
  stats(): { definitions: number; records: number; bytes: number } {
    let records = 0;
    let bytes = 0;
    for (const columns of this.held.values()) {
      const size = columns.size();
      records += size.records;
      bytes += size.records * entryBytes + size.idChars * 2;
    }
    return { definitions: this.held.size, records, bytes };
  }

  /**
   * The columns of `definitionId` as `tx` sees the store: held, or read from the orderings kept at
   * rest (`keep`) and brought up to date with the journal, or built from every page.
   */
  async of(tx: ReadTx, definitionId: string): Promise<DefinitionColumns> {
    const stored = await revisionIn(tx);
    this.catchUp(stored);
    const held = this.held.get(definitionId);
    if (held) return held;
    const meta = tx.objectStore('meta');
    const [snapshot, journal] = await Promise.all([meta.get(snapshotKey(definitionId)), meta.get(JOURNAL_KEY)]) as [Snapshot | undefined, Journal | undefined];
    let columns = snapshot && restored(snapshot, journal, stored, definitionId);
    if (!columns) {
      columns = new DefinitionColumns(await entriesOfDefinition(tx, definitionId));
      this.unkept.add(definitionId);
    }
    // Another read may have moved the held columns on meanwhile: these are as of `tx` only.
    if (this.revision === stored) this.held.set(definitionId, columns);
    return columns;
  }

  /** Whether this connection built the orderings of `definitionId` from the pages since it last kept them: none at rest would serve. */
  builtFromPages(definitionId: string): boolean {
    return this.unkept.has(definitionId);
  }

  /**
   * Keeps the orderings of `definitionId` at rest as `tx` sees them (a snapshot at the stored
   * revision), so that a worker that holds none reads them instead of building them from every
   * page; every later score write is journalled (`wrote`) until the journal outgrows its bound.
   */
  async keep(tx: WriteTx, definitionId: string): Promise<void> {
    const columns = await this.of(tx, definitionId);
    const meta = tx.objectStore('meta');
    const [stored, journal] = await Promise.all([revisionIn(tx), meta.get(JOURNAL_KEY) as Promise<Journal | undefined>]);
    const snapshots = [...new Set([...(journal?.snapshots ?? []), definitionId])];
    this.unkept.delete(definitionId);
    await Promise.all([
      meta.put(columns.snapshot(stored), snapshotKey(definitionId)),
      meta.put(journal ? { ...journal, snapshots } : { snapshots, steps: [], rows: 0 } satisfies Journal, JOURNAL_KEY),
    ]);
  }

  /**
   * In a write transaction: moves the stored revision on (once per transaction) and notes the
   * rows written (null: deleted) or that a whole definition went; the held columns take them in
   * once the transaction has committed, an aborted one leaving them as they were.
   */
  wrote(tx: WriteTx, definitionId: string, rows: ReadonlyMap<string, ScoreRow | null> | 'all'): void {
    const key = unwrap(tx);
    let step = this.writes.get(key);
    if (!step) {
      const token = `${this.writer}.${++this.written}`;
      const opened: Step = { token, prev: undefined, changes: [] };
      step = opened;
      this.writes.set(key, step);
      const meta = tx.objectStore('meta');
      // Not awaited: the write it belongs to runs meanwhile, and the pending request keeps the
      // transaction open until the step is stored (as data-revision.ts does).
      const journal = Promise.all([meta.get(REVISION_KEY), meta.get(JOURNAL_KEY)]).then(([stored, journal]) => {
        opened.prev = stored as string | undefined;
        void meta.put(token, REVISION_KEY).catch(() => undefined);
        return journal as Journal | undefined;
      });
      journals.set(opened, journal);
      journal.catch(() => undefined);
      key.addEventListener('complete', () => this.committed(opened));
    }
    step.changes.push({ definitionId, rows: rows === 'all' ? rows : entriesOf(rows) });
    // Each call puts the journal again with the step so far: the last put holds all of it.
    const journal = journals.get(step)!;
    const noted = step;
    journal.then((kept) => (kept ? journalled(tx.objectStore('meta'), kept, noted) : undefined)).catch(() => undefined);
  }

  private committed(step: Step): void {
    if (this.steps.size >= maxSteps) {
      this.steps.clear();
      this.pendingRows = 0;
    }
    // Rows of a definition not held are not kept (an activation writes every record): dropping,
    // which builds the columns again when read, is the one safe step for columns a read may be
    // building meanwhile.
    for (const change of step.changes) {
      if (change.rows === 'all') continue;
      if (!this.held.has(change.definitionId)) change.rows = 'all';
      else this.pendingRows += change.rows.size;
    }
    this.steps.set(step.token, step);
    // Past the bound, taken in now (the store is at this step's revision as it commits), not
    // dropped: a million-record activation's batches, dropped past 250,000 rows, had the columns
    // built again from every page at its end, each page's text read at once.
    if (this.pendingRows > this.pendingBound) this.catchUp(step.token);
  }

  private catchUp(stored: string | undefined): void {
    if (stored === this.revision) return;
    const chain: Step[] = [];
    for (let at = stored; at !== this.revision;) {
      const step = at === undefined ? undefined : this.steps.get(at);
      if (!step) {
        // A write this connection did not make (or a read that began before one of its own
        // committed): nothing held can be brought up to date.
        this.held.clear();
        this.steps.clear();
        this.pendingRows = 0;
        this.revision = stored;
        return;
      }
      chain.push(step);
      at = step.prev;
    }
    // The steps' rows of each definition together, the later of a record's winning: one merge
    // for all of an activation's batches, not one each.
    const changed = new Map<string, Map<string, Entry | null> | 'all'>();
    for (const step of chain.reverse()) {
      this.steps.delete(step.token);
      for (const { definitionId, rows } of step.changes) {
        if (rows !== 'all') this.pendingRows -= rows.size;
        if (!this.held.has(definitionId)) continue;
        const into = changed.get(definitionId);
        if (rows === 'all') changed.set(definitionId, 'all');
        else if (!into) changed.set(definitionId, new Map(rows));
        else if (into !== 'all') for (const [recordId, entry] of rows) into.set(recordId, entry);
      }
    }
    for (const [definitionId, rows] of changed) {
      const columns = this.held.get(definitionId)!;
      if (rows === 'all') this.held.delete(definitionId);
      else if (rows.size <= spliceAtMost) for (const [recordId, entry] of rows) columns.replace(recordId, entry);
      else columns.merge(rows);
    }
    this.revision = stored;
  }
}

const REVISION_KEY = 'scoresRevision' satisfies keyof MetaEntries;

/**
 * The orderings kept at rest (`ScoreColumns.keep`), in the meta store beside the revision: each
 * definition's snapshot under its own key, and one journal of the score writes since the oldest.
 */
const SNAPSHOT_PREFIX = 'scoreOrderings\u0000';
const JOURNAL_KEY = 'scoreOrderingsJournal';

/** Past this many rows journalled, the journal and the snapshots it serves are deleted: a worker builds from the pages again. */
const maxJournalRows = 2_000;

function snapshotKey(definitionId: string): string {
  return `${SNAPSHOT_PREFIX}${definitionId}`;
}

/** A definition's orderings at rest: its entries as columns (NaN: null), and each sorted list as positions into them. */
interface Snapshot {
  /** The scores revision it is exact at. */
  revision: string | undefined;
  ids: string[];
  value: Float64Array;
  engagement: Float64Array;
  fit: Float64Array;
  labels: string[];
  /** Into `labels`; -1: none. */
  label: Int32Array;
  byValue: Uint32Array;
  byEngagement: Uint32Array;
  byFit: Uint32Array;
}

/** The score writes since the snapshots were kept: each as the revision it moved from and to, with its rows of those definitions. */
interface Journal {
  snapshots: string[];
  steps: JournalStep[];
  rows: number;
}

interface JournalStep {
  token: string;
  prev: string | undefined;
  /** Rows by definition (`[recordId]`: deleted); null: the whole definition went. */
  changes: [definitionId: string, rows: JournalRow[] | null][];
}

type JournalRow = [recordId: string, value: number | null, label: string | null, engagement: number | null, fit: number | null] | [recordId: string];

/** The transactions' journals as read when their first write was noted. */
const journals = new WeakMap<Step, Promise<Journal | undefined>>();

/** Puts `kept` with `step` as it stands appended, or deletes it (and the snapshots it serves) past its bound. */
function journalled(meta: { put(value: unknown, key: string): Promise<unknown>; delete(key: string): Promise<unknown> }, kept: Journal, step: Step): Promise<unknown> {
  const changes: JournalStep['changes'] = [];
  let rows = kept.rows;
  for (const change of step.changes) {
    if (!kept.snapshots.includes(change.definitionId)) continue;
    if (change.rows === 'all') {
      changes.push([change.definitionId, null]);
      continue;
    }
    rows += change.rows.size;
    changes.push([change.definitionId, [...change.rows].map(([recordId, entry]): JournalRow => (entry ? [recordId, entry.value, entry.label, entry.engagement, entry.fit] : [recordId]))]);
  }
  if (rows > maxJournalRows) return Promise.all([meta.delete(JOURNAL_KEY), ...kept.snapshots.map((definitionId) => meta.delete(snapshotKey(definitionId)))]);
  return meta.put({ snapshots: kept.snapshots, steps: [...kept.steps, { token: step.token, prev: step.prev, changes }], rows } satisfies Journal, JOURNAL_KEY);
}

/**
 * The columns `snapshot` holds, brought up to `stored` by the journal's steps since its revision;
 * undefined when the journal does not reach back to it, or a step replaced the whole definition.
 */
function restored(snapshot: Snapshot, journal: Journal | undefined, stored: string | undefined, definitionId: string): DefinitionColumns | undefined {
  const steps = new Map((journal?.steps ?? []).map((step) => [step.token, step]));
  const chain: JournalStep[] = [];
  for (let at = stored; at !== snapshot.revision;) {
    const step = at === undefined ? undefined : steps.get(at);
    if (!step) return undefined;
    chain.push(step);
    at = step.prev;
  }
  const columns = DefinitionColumns.fromSnapshot(snapshot);
  for (const step of chain.reverse()) {
    for (const [changed, rows] of step.changes) {
      if (changed !== definitionId) continue;
      if (!rows) return undefined;
      const entries = new Map(rows.map((row): [string, Entry | null] => [row[0], row.length === 1 ? null : { recordId: row[0], value: row[1], label: row[2], engagement: row[3], fit: row[4] }]));
      if (entries.size <= spliceAtMost) for (const [recordId, entry] of entries) columns.replace(recordId, entry);
      else columns.merge(entries);
    }
  }
  return columns;
}

/** An entry object (five fields), its id map slot and four list slots, without its id's text. */
const entryBytes = 120;

/** Past this many notes unread, the oldest can no longer matter enough to keep. */
const maxSteps = 1024;

/** Past this many rows of one definition in one write, merging them in costs less than splicing each. */
const spliceAtMost = 64;

/** The most rows the kept steps hold; past it they are taken into the held columns at once. */
const maxPendingRows = 250_000;

interface Step {
  token: string;
  prev: string | undefined;
  changes: { definitionId: string; rows: ReadonlyMap<string, Entry | null> | 'all' }[];
}

async function revisionIn(tx: ReadTx): Promise<string | undefined> {
  return (await tx.objectStore('meta').get(REVISION_KEY)) as MetaEntries[typeof REVISION_KEY] | undefined;
}

/** What an ordering needs of a row. */
export interface Entry {
  recordId: string;
  value: number | null;
  label: string | null;
  engagement: number | null;
  fit: number | null;
}

export type Column = 'value' | 'engagement' | 'fit';

/** One definition's records in each order, each list sorted by its column, then record id. */
export class DefinitionColumns {
  /** Every entry, by record id; made when first needed (a write to take in), not when read from a snapshot. */
  private entriesById: Map<string, Entry> | undefined;
  /** The entries a snapshot gave, until `byId` is made from them. */
  private unmapped: Entry[] | undefined;
  private value: Entry[] = [];
  private engagementList: Entry[] = [];
  private fitList: Entry[] = [];
  private labelLists: Map<string, Entry[]> | undefined;
  /** What a snapshot gave for the lists not made yet: most queries read the value order alone. */
  private later: { entries: Entry[]; byEngagement: Uint32Array | undefined; byFit: Uint32Array | undefined } | undefined;

  constructor(entries: readonly Entry[]) {
    this.entriesById = new Map();
    for (const entry of entries) {
      this.entriesById.set(entry.recordId, entry);
      if (entry.value === null) continue;
      this.value.push(entry);
      if (entry.engagement !== null) this.engagementList.push(entry);
      if (entry.fit !== null) this.fitList.push(entry);
    }
    this.value.sort(byColumn.value);
    this.engagementList.sort(byColumn.engagement);
    this.fitList.sort(byColumn.fit);
  }

  private get engagement(): Entry[] {
    return (this.engagementList = this.made('byEngagement') ?? this.engagementList);
  }

  private get fit(): Entry[] {
    return (this.fitList = this.made('byFit') ?? this.fitList);
  }

  /** The list a snapshot gave in `order`, made now if it was not yet. */
  private made(order: 'byEngagement' | 'byFit'): Entry[] | undefined {
    const positions = this.later?.[order];
    if (!positions) return undefined;
    const { entries } = this.later!;
    this.later![order] = undefined;
    return Array.from(positions, (i) => entries[i]!);
  }

  /** Each label's records in the value order: taken from it, not sorted again. */
  private get labels(): Map<string, Entry[]> {
    if (!this.labelLists) {
      this.labelLists = new Map();
      for (const entry of this.value) {
        if (entry.label === null) continue;
        const list = this.labelLists.get(entry.label);
        if (list) list.push(entry);
        else this.labelLists.set(entry.label, [entry]);
      }
    }
    return this.labelLists;
  }

  /**
   * The list a query reads (a label's, or a column's), and the span `[from, to)` of it within the
   * bounds, past the cursor.
   */
  span(column: Column, label: string | undefined, min: number | undefined, max: number | undefined, after: { value: number; recordId: string } | undefined, order: 'asc' | 'desc'): { list: readonly Entry[]; from: number; to: number } {
    const list = label === undefined ? this[column] : this.labels.get(label) ?? [];
    let from = min === undefined ? 0 : firstAtLeast(list, column, min, '');
    let to = max === undefined ? list.length : firstAbove(list, column, max);
    if (after && order === 'asc') from = Math.max(from, firstAfter(list, column, after.value, after.recordId));
    if (after && order === 'desc') to = Math.min(to, firstAtLeast(list, column, after.value, after.recordId));
    return { list, from, to: Math.max(from, to) };
  }

  /** The columns at rest, exact at `revision`. */
  snapshot(revision: string | undefined): Snapshot {
    const entries = this.unmapped ?? [...this.byId.values()];
    const position = new Map(entries.map((entry, i) => [entry, i]));
    const labels: string[] = [];
    const labelNo = new Map<string, number>();
    const label = new Int32Array(entries.length);
    const column = (of: (entry: Entry) => number | null) => Float64Array.from(entries, (entry) => of(entry) ?? Number.NaN);
    entries.forEach((entry, i) => {
      if (entry.label === null) return void (label[i] = -1);
      let no = labelNo.get(entry.label);
      if (no === undefined) labelNo.set(entry.label, (no = labels.push(entry.label) - 1));
      label[i] = no;
    });
    const order = (list: readonly Entry[]) => Uint32Array.from(list, (entry) => position.get(entry)!);
    return {
      revision, ids: entries.map((entry) => entry.recordId), value: column((entry) => entry.value), engagement: column((entry) => entry.engagement), fit: column((entry) => entry.fit),
      labels, label, byValue: order(this.value), byEngagement: order(this.engagement), byFit: order(this.fit),
    };
  }

  /** The columns a snapshot holds, its lists in their stored order: nothing is sorted again. */
  static fromSnapshot(snapshot: Snapshot): DefinitionColumns {
    const entries = snapshot.ids.map((recordId, i): Entry => {
      const no = snapshot.label[i]!;
      return { recordId, value: nullIfNaN(snapshot.value[i]!), label: no < 0 ? null : snapshot.labels[no]!, engagement: nullIfNaN(snapshot.engagement[i]!), fit: nullIfNaN(snapshot.fit[i]!) };
    });
    const columns = new DefinitionColumns([]);
    columns.entriesById = undefined;
    columns.unmapped = entries;
    for (const i of snapshot.byValue) columns.value.push(entries[i]!);
    columns.later = { entries, byEngagement: snapshot.byEngagement, byFit: snapshot.byFit };
    return columns;
  }

  private get byId(): Map<string, Entry> {
    if (!this.entriesById) {
      this.entriesById = new Map((this.unmapped ?? []).map((entry) => [entry.recordId, entry]));
      this.unmapped = undefined;
    }
    return this.entriesById;
  }

  /** The records held and the characters of their ids. */
  size(): { records: number; idChars: number } {
    let idChars = 0;
    const entries = this.unmapped ?? [...this.byId.values()];
    for (const entry of entries) idChars += entry.recordId.length;
    return { records: entries.length, idChars };
  }

  /** Puts `entry` in place of the record's entry (null: removes it). */
  replace(recordId: string, entry: Entry | null): void {
    const old = this.byId.get(recordId);
    if (old) {
      for (const [list, column] of this.listsOf(old)) list.splice(firstAtLeast(list, column, old[column]!, old.recordId), 1);
      this.byId.delete(recordId);
    }
    if (!entry) return;
    this.byId.set(recordId, entry);
    for (const [list, column] of this.listsOf(entry)) list.splice(firstAtLeast(list, column, entry[column]!, entry.recordId), 0, entry);
  }

  /**
   * Puts many entries in place at once (null: removes the record's): each column's list keeps its
   * other entries in order, and the new ones, sorted, are merged in (two sorted runs: one pass).
   * The labels' lists are dropped, to be taken from the value order when next read: sorting each
   * again cost as much as the value order's own sort (an activation's batches taken in at once).
   */
  merge(entries: ReadonlyMap<string, Entry | null>): void {
    const gone = new Set<Entry>();
    const added: Record<Column, Entry[]> = { value: [], engagement: [], fit: [] };
    for (const [recordId, entry] of entries) {
      const old = this.byId.get(recordId);
      if (old) {
        gone.add(old);
        this.byId.delete(recordId);
      }
      if (!entry) continue;
      this.byId.set(recordId, entry);
      if (entry.value === null) continue;
      added.value.push(entry);
      if (entry.engagement !== null) added.engagement.push(entry);
      if (entry.fit !== null) added.fit.push(entry);
    }
    const merged = (list: Entry[], column: Column) => {
      const kept = gone.size === 0 ? list : list.filter((entry) => !gone.has(entry));
      return mergedRuns(kept, added[column].sort(byColumn[column]), byColumn[column]);
    };
    this.value = merged(this.value, 'value');
    this.engagementList = merged(this.engagement, 'engagement');
    this.fitList = merged(this.fit, 'fit');
    this.labelLists = undefined;
  }

  /** The lists `entry` belongs in, with the column each is sorted by. */
  private listsOf(entry: Entry): [Entry[], Column][] {
    const out: [Entry[], Column][] = [];
    if (entry.value === null) return out;
    out.push([this.value, 'value']);
    if (entry.label !== null) {
      let list = this.labels.get(entry.label);
      if (!list) this.labels.set(entry.label, (list = []));
      out.push([list, 'value']);
    }
    if (entry.engagement !== null) out.push([this.engagement, 'engagement']);
    if (entry.fit !== null) out.push([this.fit, 'fit']);
    return out;
  }
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** The entries of rows written (null: deleted), by record id. */
function entriesOf(rows: ReadonlyMap<string, ScoreRow | null>): Map<string, Entry | null> {
  const out = new Map<string, Entry | null>();
  for (const [recordId, row] of rows) out.set(recordId, row && { recordId: row.recordId, value: row.value, label: row.label, engagement: row.engagement, fit: row.fit });
  return out;
}

/**
 * One comparator per column, each reading its property by name: a sort of 100,000 calls it 1.7
 * million times. Each answers -1, 0 or 1: a difference of two fractional scores is a new heap
 * number per call.
 */
const byColumn: Record<Column, (a: Entry, b: Entry) => number> = {
  value: (a, b) => (a.value! < b.value! ? -1 : a.value! > b.value! ? 1 : byId(a, b)),
  engagement: (a, b) => (a.engagement! < b.engagement! ? -1 : a.engagement! > b.engagement! ? 1 : byId(a, b)),
  fit: (a, b) => (a.fit! < b.fit! ? -1 : a.fit! > b.fit! ? 1 : byId(a, b)),
};

/**
 * Two lists sorted by `order` as one: `a` itself when `b` is empty, `b` when `a` is (an activation's
 * first batches taken in), else one pass into a list of their length.
 */
function mergedRuns(a: Entry[], b: Entry[], order: (x: Entry, y: Entry) => number): Entry[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function byId(a: Entry, b: Entry): number {
  return a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0;
}

/** The first position whose (column, record id) is at or past (value, recordId). */
function firstAtLeast(list: readonly Entry[], column: Column, value: number, recordId: string): number {
  return search(list, (entry) => entry[column]! > value || (entry[column] === value && entry.recordId >= recordId));
}

/** The first position past (value, recordId). */
function firstAfter(list: readonly Entry[], column: Column, value: number, recordId: string): number {
  return search(list, (entry) => entry[column]! > value || (entry[column] === value && entry.recordId > recordId));
}

/** The first position whose column is above `value`. */
function firstAbove(list: readonly Entry[], column: Column, value: number): number {
  return search(list, (entry) => entry[column]! > value);
}

/** The first position where `past` holds (it holds from some position on). */
function search(list: readonly Entry[], past: (entry: Entry) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (past(list[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}
