// What a CSV import will do to what is stored, said before anything is stored: how many of its
// records are new, how many exist already and would be updated, and how many stored property values
// the file's replace or leaves. Stored records are written whole by importDataset (a property left
// out is gone), so a merge sends each existing record with its stored properties under the file's.
import type { CrmRecord, Dataset } from '@leadscore/sdk';

export interface ImportPlan {
  /** Distinct ids in the file not stored yet. */
  created: number;
  /** Distinct ids in the file stored already. */
  updated: number;
  /** Stored property values the file has another value for. */
  replaced: number;
  /** Stored property values the file does not have: a merge keeps them, a replace removes them. */
  kept: number;
}

/** The plan for `records` (the file's, in order) against `stored` (the stored records of their ids). */
export function planImport(records: readonly CrmRecord[], stored: ReadonlyMap<string, CrmRecord>): ImportPlan {
  const last = new Map<string, CrmRecord>();
  for (const record of records) last.set(record.id, record);
  const plan: ImportPlan = { created: 0, updated: 0, replaced: 0, kept: 0 };
  for (const [id, record] of last) {
    const before = stored.get(id);
    if (!before) {
      plan.created += 1;
      continue;
    }
    plan.updated += 1;
    const incoming = record.properties ?? {};
    for (const [name, value] of Object.entries(before.properties ?? {})) {
      if (!(name in incoming)) plan.kept += 1;
      else if (JSON.stringify(incoming[name]) !== JSON.stringify(value)) plan.replaced += 1;
    }
  }
  return plan;
}

/** The dataset with each stored record's properties kept under the file's (the file wins where both have one). */
export function mergedWithStored(dataset: Dataset, stored: ReadonlyMap<string, CrmRecord>): Dataset {
  const records = dataset.records.map((record): CrmRecord => {
    const before = stored.get(record.id);
    if (!before?.properties) return record;
    return { ...record, properties: { ...before.properties, ...record.properties } };
  });
  return { ...dataset, records };
}
