// What the builder offers in its pickers: property names and types per object type (the active
// definitions' scores among them), event types and their properties, lists, and a few record ids to
// test on, from the worker's describeData (one read; the dataset never crosses to the page).
import type { DataDescription, ObjectType, PropertyType } from '@leadscore/sdk';
import { demoClient } from '../../app/client.ts';

export interface DatasetFacts {
  /** Property name → type, per object type (declared, else inferred from values; scores too). */
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
  facts ??= demoClient().describeData().then(factsOf).catch(() => emptyFacts());
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

function factsOf(description: DataDescription): DatasetFacts {
  const out = emptyFacts();
  for (const [type, described] of Object.entries(description.objects) as [ObjectType, DataDescription['objects'][ObjectType]][]) {
    out.records += described.records;
    out.sampleIds[type] = described.sampleIds;
    out.properties[type] = Object.fromEntries(described.properties.map((property) => [property.name, property.type]));
  }
  out.events = Object.fromEntries(description.events.map((event) => [event.type, Object.fromEntries(event.properties.map((property) => [property.name, property.type]))]));
  out.lists = description.lists.map(({ id, name, objectType }) => ({ id, ...(name ? { name } : {}), objectType }));
  return out;
}
