// What the builder offers in its pickers, read once from the stored dataset: property names and
// types per object type, event types and their properties, lists, and a few record ids to test on.
import type { Dataset, ObjectType, PropertyType, PropertyValue } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';

export interface DatasetFacts {
  /** Property name → type, per object type (the dataset's propertyTypes, else inferred from values). */
  properties: Record<ObjectType, Record<string, PropertyType>>;
  /** Event type → its properties' names and inferred types. */
  events: Record<string, Record<string, PropertyType>>;
  lists: { id: string; name?: string; objectType: ObjectType }[];
  /** Up to 20 record ids per object type. */
  sampleIds: Record<ObjectType, string[]>;
  records: number;
}

let facts: Promise<DatasetFacts> | undefined;

/** The facts, read once per page (the demo's data changes by reloading it). */
export function datasetFacts(): Promise<DatasetFacts> {
  facts ??= demoClient().exportDataset().then(summarise).catch(() => emptyFacts());
  const reading = facts;
  // No data yet (the sample data may still be on its way): read again next time.
  void reading.then((read) => {
    if (read.records === 0 && facts === reading) facts = undefined;
  });
  return reading;
}

export function emptyFacts(): DatasetFacts {
  return { properties: { contact: {}, company: {}, deal: {} }, events: {}, lists: [], sampleIds: { contact: [], company: [], deal: [] }, records: 0 };
}

function summarise(dataset: Dataset): DatasetFacts {
  const out = emptyFacts();
  out.records = dataset.records.length;
  const sampled: Record<ObjectType, number> = { contact: 0, company: 0, deal: 0 };
  for (const record of dataset.records) {
    if (out.sampleIds[record.objectType].length < 20) out.sampleIds[record.objectType].push(record.id);
    // Inferring from a sample keeps this quick on 100,000 records.
    if (sampled[record.objectType]++ > 2000) continue;
    inferInto(out.properties[record.objectType], record.properties);
  }
  for (const objectType of ['contact', 'company', 'deal'] as const) {
    Object.assign(out.properties[objectType], dataset.propertyTypes?.[objectType] ?? {});
  }
  let seen = 0;
  for (const event of dataset.events ?? []) {
    const props = (out.events[event.type] ??= {});
    if (seen++ < 20000) inferInto(props, event.properties);
  }
  out.lists = (dataset.lists ?? []).map(({ id, name, objectType }) => ({ id, name, objectType }));
  return out;
}

function inferInto(into: Record<string, PropertyType>, properties: Record<string, PropertyValue> | undefined): void {
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (into[name] || value === null || value === '') continue;
    into[name] = inferType(value);
  }
}

function inferType(value: PropertyValue): PropertyType {
  if (Array.isArray(value)) return 'multi';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return 'datetime';
  return 'string';
}
