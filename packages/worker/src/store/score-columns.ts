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
  /** This connection's committed writes, by the revision each moved the store to. */
  private readonly steps = new Map<string, Step>();
  /** The transactions that moved the revision, with what they changed so far. */
  private readonly writes = new WeakMap<IDBTransaction, Step>();
  private readonly writer = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  private written = 0;
  /** How many rows the kept steps hold. */
  private pendingRows = 0;

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

  /** The columns of `definitionId` as `tx` sees the store. */
  async of(tx: ReadTx, definitionId: string): Promise<DefinitionColumns> {
    const stored = await revisionIn(tx);
    this.catchUp(stored);
    const held = this.held.get(definitionId);
    if (held) return held;
    const columns = new DefinitionColumns(await entriesOfDefinition(tx, definitionId));
    // Another read may have moved the held columns on meanwhile: these are as of `tx` only.
    if (this.revision === stored) this.held.set(definitionId, columns);
    return columns;
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
      meta.get(REVISION_KEY).then((stored) => {
        opened.prev = stored as string | undefined;
        return meta.put(token, REVISION_KEY);
      }).catch(() => undefined);
      key.addEventListener('complete', () => this.committed(opened));
    }
    step.changes.push({ definitionId, rows: rows === 'all' ? rows : new Map([...rows].map(([recordId, row]) => [recordId, row && entryOf(row)])) });
  }

  private committed(step: Step): void {
    if (this.steps.size >= maxSteps) {
      this.steps.clear();
      this.pendingRows = 0;
    }
    // Rows of a definition not held are not kept (an activation writes every record): dropping,
    // which builds the columns again when read, is the one safe step for columns a read may be
    // building meanwhile. Nor are rows past a bound, should no read come to take them in.
    for (const change of step.changes) {
      if (change.rows === 'all') continue;
      if (!this.held.has(change.definitionId) || this.pendingRows + change.rows.size > maxPendingRows) change.rows = 'all';
      else this.pendingRows += change.rows.size;
    }
    this.steps.set(step.token, step);
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
    for (const step of chain.reverse()) {
      this.steps.delete(step.token);
      for (const { definitionId, rows } of step.changes) {
        const columns = this.held.get(definitionId);
        if (rows !== 'all') this.pendingRows -= rows.size;
        if (!columns) continue;
        if (rows === 'all') this.held.delete(definitionId);
        else if (rows.size <= spliceAtMost) for (const [recordId, entry] of rows) columns.replace(recordId, entry);
        else columns.merge(rows);
      }
    }
    this.revision = stored;
  }
}

const REVISION_KEY = 'scoresRevision' satisfies keyof MetaEntries;

/** An entry object (five fields), its id map slot and four list slots, without its id's text. */
const entryBytes = 120;

/** Past this many notes unread, the oldest can no longer matter enough to keep. */
const maxSteps = 1024;

/** Past this many rows of one definition in one write, merging them in costs less than splicing each. */
const spliceAtMost = 64;

/** The most rows the kept steps hold; past it a definition's columns are built again when read. */
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
  private readonly byId = new Map<string, Entry>();
  private readonly value: Entry[] = [];
  private readonly engagement: Entry[] = [];
  private readonly fit: Entry[] = [];
  private readonly labels = new Map<string, Entry[]>();

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      this.byId.set(entry.recordId, entry);
      if (entry.value === null) continue;
      this.value.push(entry);
      if (entry.engagement !== null) this.engagement.push(entry);
      if (entry.fit !== null) this.fit.push(entry);
    }
    this.value.sort(byColumn.value);
    this.engagement.sort(byColumn.engagement);
    this.fit.sort(byColumn.fit);
    // Each label's records in the value order: taken from it, not sorted again.
    for (const entry of this.value) {
      if (entry.label === null) continue;
      const list = this.labels.get(entry.label);
      if (list) list.push(entry);
      else this.labels.set(entry.label, [entry]);
    }
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

  /** The records held and the characters of their ids. */
  size(): { records: number; idChars: number } {
    let idChars = 0;
    for (const recordId of this.byId.keys()) idChars += recordId.length;
    return { records: this.byId.size, idChars };
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
   * Puts many entries in place at once (null: removes the record's): each list keeps its other
   * entries in order, and the new ones, sorted, are merged in (two sorted runs: one pass).
   */
  merge(entries: ReadonlyMap<string, Entry | null>): void {
    const gone = new Set<Entry>();
    const added = new Map<Entry[], { column: Column; entries: Entry[] }>();
    for (const [recordId, entry] of entries) {
      const old = this.byId.get(recordId);
      if (old) {
        gone.add(old);
        this.byId.delete(recordId);
      }
      if (!entry) continue;
      this.byId.set(recordId, entry);
      for (const [list, column] of this.listsOf(entry)) {
        const into = added.get(list) ?? { column, entries: [] };
        into.entries.push(entry);
        added.set(list, into);
      }
    }
    for (const [list, column] of [[this.value, 'value'], [this.engagement, 'engagement'], [this.fit, 'fit'], ...[...this.labels.values()].map((list) => [list, 'value'] as const)] as const) {
      const kept = gone.size === 0 ? list : list.filter((entry) => !gone.has(entry));
      const fresh = (added.get(list)?.entries ?? []).sort((a, b) => compare(a, b, column));
      if (kept === list && fresh.length === 0) continue;
      const merged = [...kept, ...fresh].sort((a, b) => compare(a, b, column));
      list.length = 0;
      for (const entry of merged) list.push(entry);
    }
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

function entryOf(row: ScoreRow): Entry {
  return { recordId: row.recordId, value: row.value, label: row.label, engagement: row.engagement, fit: row.fit };
}

function compare(a: Entry, b: Entry, column: Column): number {
  return byColumn[column](a, b);
}

/** One comparator per column, each reading its property by name: a sort of 100,000 calls it 1.7 million times. */
const byColumn: Record<Column, (a: Entry, b: Entry) => number> = {
  value: (a, b) => a.value! - b.value! || byId(a, b),
  engagement: (a, b) => a.engagement! - b.engagement! || byId(a, b),
  fit: (a, b) => a.fit! - b.fit! || byId(a, b),
};

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
