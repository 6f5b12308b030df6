import { unwrap } from 'idb';
import { z } from 'zod';
import type { Associations as DeclaredAssociations, CrmRecord } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import { describeCall, validateItems } from './batch-validation.ts';
import { StoreError } from './errors.ts';
import { readRecords, recordPageLayout } from './records.ts';
import { rowsOfPages, spansOf, writePaged } from './record-pages.ts';
import { bulkRead, textSpan } from './rows-by-key.ts';
import type { ReadTx, Runner } from './transactions.ts';

/**
 * Associations between records, found from either end (formats.md §2: declared on either end,
 * symmetric). They live in the records themselves, as the dataset format has them; the records
 * store's multiEntry `by-link` index finds the pages of the records that declare a link to an id,
 * so there is no second copy to keep in step.
 */
export interface Associations {
  /** Every record associated with `recordId`, whichever end declared it, sorted by id. */
  linked(recordId: string): Promise<LinkedRecord[]>;
  /**
   * `linked` of each of `recordIds`, in their order, read together; `known` may hold some of the
   * records with their associations as stored, which are then not read again.
   */
  linkedOfMany(recordIds: readonly string[], known?: ReadonlyMap<string, CrmRecord>): Promise<LinkedRecord[][]>;
  /** A contact's (or deal's) primary company, as the record declares it. */
  primaryCompany(recordId: string): Promise<string | undefined>;
  /**
   * Declares each link on its `from` record (both records must exist); `primary` makes a company
   * the primary company of a contact or deal. All or nothing.
   */
  link(links: readonly unknown[]): Promise<void>;
  /** Removes each association, from whichever end declared it. All or nothing. */
  unlink(pairs: readonly unknown[]): Promise<void>;
}

export interface LinkedRecord {
  id: string;
  objectType: ObjectType;
  /** The link makes this company the record's primary company, or the record this one's. */
  primary: boolean;
  /** No record with this id is stored (a dataset may name records it does not hold, decision D19). */
  missing?: true;
}

export const linkSchema = z.strictObject({ from: z.string().min(1), to: z.string().min(1), primary: z.boolean().optional() });
export type Link = z.infer<typeof linkSchema>;
export const unlinkSchema = z.strictObject({ a: z.string().min(1), b: z.string().min(1) });
export type Unlink = z.infer<typeof unlinkSchema>;

export function associationsModule(runner: Runner): Associations {
  return {
    linked: (recordId) => runner.read(['records'], 'associations.linked', (tx) => linkedRecords(tx, recordId)),
    linkedOfMany: (recordIds, known) => runner.read(['records'], 'associations.linkedOfMany', (tx) => linkedRecordsOfMany(tx, recordIds, known)),
    primaryCompany: (recordId) => runner.read(['records'], 'associations.primaryCompany', async (tx) =>
      (await readRecords(tx, [recordId]))[0]?.associations?.primaryCompany),
    async link(input) {
      const doing = describeCall('associations.link', input, 'link');
      const links = validateItems(linkSchema, 'links', input, doing);
      return runner.write(['records'], doing, async (tx) => {
        const records = await recordsById(tx, links.flatMap((l) => [l.from, l.to]));
        const missing = links.flatMap((l, index) => [l.from, l.to].filter((id) => !records.has(id)).map((id) => ({ index, id, message: `no record "${id}"` })));
        if (missing.length > 0) throw new StoreError('not_found', `${doing} was refused, nothing was stored: ${missing.map((m) => m.message).join(', ')}`, { items: missing });
        const changed = new Set<CrmRecord>();
        const refused = links.flatMap((l, index) => {
          const message = declare(records.get(l.from)!, records.get(l.to)!, l.primary === true, changed);
          return message ? [{ index, id: l.from, message }] : [];
        });
        if (refused.length > 0) throw new StoreError('invalid_input', `${doing} was refused, nothing was stored: ${refused.map((r) => r.message).join('; ')}`, { items: refused });
        await writePaged(tx, recordPageLayout, new Map([...changed].map((record) => [record.id, record])));
      });
    },
    async unlink(input) {
      const doing = describeCall('associations.unlink', input, 'pair');
      const pairs = validateItems(unlinkSchema, 'pairs', input, doing);
      return runner.write(['records'], doing, async (tx) => {
        const records = await recordsById(tx, pairs.flatMap((p) => [p.a, p.b]));
        const changed = new Set<CrmRecord>();
        for (const { a, b } of pairs) {
          const first = records.get(a);
          const second = records.get(b);
          if (first) forget(first, b, changed);
          if (second) forget(second, a, changed);
        }
        await writePaged(tx, recordPageLayout, new Map([...changed].map((record) => [record.id, record])));
      });
    },
  };
}

export async function linkedRecords(tx: ReadTx, recordId: string): Promise<LinkedRecord[]> {
  return (await linkedRecordsOfMany(tx, [recordId]))[0]!;
}

/**
 * `linkedRecords` of several records at once, in their order. The ids their declared ends name are
 * looked up once for all of them: an import's thousands of contacts name the same few companies.
 */
export async function linkedRecordsOfMany(tx: ReadTx, recordIds: readonly string[], known?: ReadonlyMap<string, CrmRecord>): Promise<LinkedRecord[][]> {
  const unknown = known ? recordIds.filter((id) => !known.has(id)) : recordIds;
  const [read, declaring] = await Promise.all([readRecords(tx, unknown), declaringMany(tx, recordIds)]);
  const readById = new Map(unknown.map((id, i) => [id, read[i]]));
  const own = recordIds.map((id) => known?.get(id) ?? readById.get(id));
  const unresolved = new Map<string, LinkedRecord[]>();
  const all = recordIds.map((recordId, r) => {
    const found = new Map<string, LinkedRecord>();
    const declared = own[r]?.associations ?? {};
    for (const [kind, objectType] of linkTargets) {
      const ids = kind === 'primaryCompany' ? (declared.primaryCompany ? [declared.primaryCompany] : []) : (declared[kind] ?? []);
      for (const id of ids) {
        const primary = kind === 'primaryCompany' || found.get(id)?.primary === true;
        found.set(id, { id, objectType, primary });
      }
    }
    const others = declaring[r]!;
    for (const other of others) {
      const primary = other.associations?.primaryCompany === recordId || found.get(other.id)?.primary === true;
      found.set(other.id, { id: other.id, objectType: other.objectType, primary });
    }
    // The declared end names ids only: the ones not found by the index are looked up below, to learn if they exist.
    const seen = others.length === 0 ? undefined : new Set(others.map((other) => other.id));
    for (const link of found.values()) {
      if (seen?.has(link.id)) continue;
      const waiting = unresolved.get(link.id);
      if (waiting) waiting.push(link);
      else unresolved.set(link.id, [link]);
    }
    return found;
  });
  const ids = [...unresolved.keys()];
  const stored = await readRecords(tx, ids);
  ids.forEach((id, i) => {
    const record = stored[i];
    for (const link of unresolved.get(id)!) {
      if (record) link.objectType = record.objectType;
      else link.missing = true;
    }
  });
  return all.map((found) => byId([...found.values()]));
}

/**
 * The records that declare a link to each of `ids`, in their order, each list in record id order.
 * `by-link` finds their pages; a bulk read (the lifecycle's follow-up of an import of thousands of
 * contacts) reads the index's span of its ids at once, or of runs of them (record-pages.ts `spansOf`),
 * rather than one request per id. An import's contacts are mostly declared by no one: they share
 * one empty list, not a map and a list each.
 */
async function declaringMany(tx: ReadTx, ids: readonly string[]): Promise<readonly CrmRecord[][]> {
  const wanted = new Set(ids);
  const index = tx.objectStore('records').index('by-link');
  const { spans, single } = wanted.size >= bulkRead && textSpan(ids) !== undefined
    // A company is named by each of its contacts (some ten in the bench's data and the demo's): a span
    // is split only past 32 entries an id. Its pages are read once however many spans share them, so
    // a span of more entries costs less than the count requests that would split it (a follow-up of
    // 1,000 companies split down to one request per company at 8 an id).
    ? await spansOf(unwrap(index), [...wanted].sort(), 32)
    : { spans: [], single: [...wanted] };
  // The pages of every span, each read once: the contacts of a run of companies lie on nearly every
  // page of contacts, so each span found most pages again (an import's follow-up read every page of
  // its 10,000 contacts once per run of 64 companies). A page holds records linking elsewhere too:
  // only those naming an id asked are kept below.
  const ranges = [...spans, ...single.map((id) => IDBKeyRange.only(id))];
  const numbers = (await Promise.all(ranges.map((range) => index.getAllKeys(range)))).flat() as unknown as number[];
  const records = (await rowsOfPages(tx, recordPageLayout, numbers)).map((entry) => entry.row);
  const declarers = new Map<string, Map<string, CrmRecord>>();
  const declares = (record: CrmRecord, link: string) => {
    if (!wanted.has(link)) return;
    const of = declarers.get(link);
    if (of) of.set(record.id, record);
    else declarers.set(link, new Map([[record.id, record]]));
  };
  // Each list of the record read where it is (linksOf would copy them): a record named twice is kept once by its id.
  for (const record of records) {
    const { companies = [], primaryCompany, contacts = [], deals = [] } = record.associations ?? {};
    for (const link of companies) declares(record, link);
    if (primaryCompany) declares(record, primaryCompany);
    for (const link of contacts) declares(record, link);
    for (const link of deals) declares(record, link);
  }
  const none: CrmRecord[] = [];
  return ids.map((id) => {
    const of = declarers.get(id);
    return of ? byId([...of.values()]) : none;
  });
}

/** Records or links in id order (sorted in place). */
function byId<T extends { id: string }>(items: T[]): T[] {
  return items.length < 2 ? items : items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

type LinkKind = keyof DeclaredAssociations;

const linkTargets: readonly [LinkKind, ObjectType][] = [
  ['companies', 'company'], ['primaryCompany', 'company'], ['contacts', 'contact'], ['deals', 'deal'],
];

/** Which list of a record of type `from` names a record of type `to` (formats.md §2, dataset-checks). */
const listFor: Record<ObjectType, Partial<Record<ObjectType, 'companies' | 'contacts' | 'deals'>>> = {
  contact: { company: 'companies', deal: 'deals' },
  company: { contact: 'contacts', deal: 'deals' },
  deal: { contact: 'contacts', company: 'companies' },
};

/** Adds `to` to `from`'s associations; a message when no such association exists. */
function declare(from: CrmRecord, to: CrmRecord, primary: boolean, changed: Set<CrmRecord>): string | undefined {
  const list = listFor[from.objectType][to.objectType];
  if (!list) return `a ${from.objectType} cannot be associated with a ${to.objectType} ("${from.id}" and "${to.id}")`;
  if (primary && list !== 'companies') return `only a company can be the primary company of a contact or deal ("${to.id}" is a ${to.objectType})`;
  const associations = { ...from.associations };
  const ids = associations[list] ?? [];
  if (!ids.includes(to.id)) associations[list] = [...ids, to.id];
  if (primary) associations.primaryCompany = to.id;
  from.associations = associations;
  changed.add(from);
  return undefined;
}

function forget(record: CrmRecord, id: string, changed: Set<CrmRecord>): void {
  const before = record.associations;
  if (!before) return;
  const after: DeclaredAssociations = {};
  for (const list of ['companies', 'contacts', 'deals'] as const) {
    const ids = before[list];
    if (ids) after[list] = ids.filter((other) => other !== id);
  }
  if (before.primaryCompany && before.primaryCompany !== id) after.primaryCompany = before.primaryCompany;
  if (JSON.stringify(after) === JSON.stringify(before)) return;
  record.associations = after;
  changed.add(record);
}

async function recordsById(tx: ReadTx, ids: string[]): Promise<Map<string, CrmRecord>> {
  const unique = [...new Set(ids)];
  const rows = await readRecords(tx, unique);
  const out = new Map<string, CrmRecord>();
  rows.forEach((row) => {
    if (row) out.set(row.id, row);
  });
  return out;
}
