import { withRecordProperties, type DatasetIndex } from '../engine/dataset-index.ts';
import type { Value } from '../engine/property-values.ts';
import type { CrmRecord, Dataset, Properties } from '../model/dataset.ts';
import type { Definition, ObjectType } from '../model/definition.ts';
import { scorePropertyValues } from '../model/score-properties.ts';
import { scoreGraph } from '../model/score-references.ts';
import type { ScoreRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';

/**
 * Decision D25: the engine reads a score like any property of the record, and the worker supplies
 * the values it keeps. The engine never reads the store: these functions read the stored scores
 * and lay them over the records the engine is given.
 */

type Overlay = Map<string, Record<string, Value>>;

/** Below this many records, each record's scores are read by record; above, each definition's by pages. */
const READ_BY_RECORD = 1_000;

/**
 * The stored score properties of `definitions` on every record of their kind in `records`: every
 * part present, so a record without a score hides a stored property of the same name.
 */
export async function storedScores(modules: StoreModules, records: readonly { id: string; objectType: ObjectType }[], definitions: readonly Definition[]): Promise<Overlay> {
  const overlay: Overlay = new Map();
  const scored = records.filter((record) => definitions.some((definition) => definition.objectType === record.objectType));
  if (scored.length === 0) return overlay;
  const rows = scored.length <= READ_BY_RECORD
    ? await rowsByRecord(modules, scored.map((record) => record.id))
    : await rowsByDefinition(modules, definitions);
  for (const record of scored) {
    const properties: Record<string, Value> = {};
    for (const definition of definitions) {
      if (definition.objectType === record.objectType) Object.assign(properties, scorePropertyValues(rows.get(`${definition.id}\u0000${record.id}`), definition.id));
    }
    overlay.set(record.id, properties);
  }
  return overlay;
}

/** The index with the stored scores `definition` reads (in its rules and through its lists) on its records. */
export async function withScoresRead(modules: StoreModules, definition: Definition, index: DatasetIndex): Promise<DatasetIndex> {
  return withRecordProperties(index, await scoresRead(modules, definition, index.recordsInOrder));
}

/** The stored scores `definition` reads, by record: what `withScoresRead` lays over the index (and a scoring pool over its copy). */
export async function scoresRead(modules: StoreModules, definition: Definition, records: readonly { id: string; objectType: ObjectType }[]): Promise<Overlay> {
  const [active, lists] = await Promise.all([modules.definitions.withStatus('active'), modules.lists.all()]);
  const others = active.map((row) => row.definition).filter((other) => other.id !== definition.id);
  const read = scoreGraph([...others, definition], lists).reads.get(definition.id)!;
  const supplied = others.filter((other) => read.has(other.id));
  if (supplied.length === 0) return new Map();
  return storedScores(modules, records, supplied);
}

/** The dataset's records with the stored scores of every active definition on them (what an export carries). */
export async function withStoredScores(modules: StoreModules, dataset: Dataset): Promise<Dataset> {
  const active = (await modules.definitions.withStatus('active')).map((row) => row.definition);
  const overlay = await storedScores(modules, dataset.records, active);
  if (overlay.size === 0) return dataset;
  return { ...dataset, records: dataset.records.map((record) => recordWithScores(record, overlay.get(record.id))) };
}

/** A record with score properties over its own: a missing score removes a stored property of its name. */
export function recordWithScores(record: CrmRecord, scores: Readonly<Record<string, Value>> | undefined): CrmRecord {
  if (!scores) return record;
  const properties: Properties = { ...record.properties };
  for (const [name, value] of Object.entries(scores)) {
    if (value === undefined) delete properties[name];
    else properties[name] = value;
  }
  return { ...record, properties };
}

async function rowsByRecord(modules: StoreModules, recordIds: readonly string[]): Promise<Map<string, ScoreRow>> {
  const found = await Promise.all(recordIds.map((id) => modules.scores.forRecord(id)));
  return new Map(found.flat().map((row) => [`${row.definitionId}\u0000${row.recordId}`, row]));
}

async function rowsByDefinition(modules: StoreModules, definitions: readonly Definition[]): Promise<Map<string, ScoreRow>> {
  const rows = new Map<string, ScoreRow>();
  const limit = 5_000;
  for (const definition of definitions) {
    for (let after: string | undefined; ;) {
      const page = await modules.scores.ofDefinition(definition.id, { after, limit });
      for (const row of page) rows.set(`${row.definitionId}\u0000${row.recordId}`, row);
      if (page.length < limit) break;
      after = page.at(-1)!.recordId;
    }
  }
  return rows;
}
