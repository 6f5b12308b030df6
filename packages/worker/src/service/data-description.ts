import type { DatasetIndex } from '../engine/dataset-index.ts';
import { ListBook } from '../engine/lists.ts';
import { isMissing, type Value } from '../engine/property-values.ts';
import { ScoringPass } from '../engine/scoring-pass.ts';
import type { Properties, PropertyType, PropertyTypes } from '../model/dataset.ts';
import { objectTypes, type ObjectType } from '../model/definition.ts';
import { scorePropertiesOf } from '../model/score-properties.ts';
import type { DataDescription, EventTypeDescription, ListDescription, ObjectDescription, PropertyDescription } from '../contract/index.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { cached } from './read-cache.ts';
import { warmIndexOf } from './warm-index.ts';

/**
 * contract/reads.ts `describeData`: what an editor offers in its pickers, from the stored dataset
 * as the engine indexes it (one read of everything, no event made into an object), kept until the
 * data changes.
 */
export function describeData(ctx: ServiceContext): Promise<DataDescription> {
  return cached(ctx, 'describeData', async () => {
    const store = ctx.opened();
    const [{ index }, propertyTypes, active] = await Promise.all([
      // The warm index: the builder describes the data, then previews on the same index.
      warmIndexOf(ctx).get(store),
      store.meta.get('propertyTypes') as Promise<PropertyTypes | undefined>,
      store.definitions.withStatus('active'),
    ]);
    const objects = await describeObjects(store, index, propertyTypes, active);
    return { objects, events: describeEvents(index), lists: describeLists(index, ctx.now()) };
  });
}

/** Values counted per property, at most this many distinct ones (contract/reads.ts). */
const countedValues = 1_000;
const topValues = 10;
const sampleIds = 20;

/** What one property's values were seen to be. */
class PropertyTally {
  records = 0;
  private readonly counts = new Map<string, { value: string | number | boolean; count: number }>();
  private overflow = false;
  private readonly kinds = new Set<PropertyType>();

  add(value: Value): void {
    this.records++;
    if (Array.isArray(value)) this.kinds.add('multi');
    for (const item of Array.isArray(value) ? value : [value!]) {
      if (!Array.isArray(value)) this.kinds.add(kindOf(item));
      if (this.overflow) continue;
      const key = `${typeof item}:${String(item)}`;
      const known = this.counts.get(key);
      if (known) known.count++;
      else if (this.counts.size < countedValues) this.counts.set(key, { value: item, count: 1 });
      else {
        this.overflow = true;
        this.counts.clear();
      }
    }
  }

  /** The type the values suggest: one kind throughout, else text (formats.md §2, inferred types). */
  get type(): PropertyType {
    if (this.kinds.has('multi')) return 'multi';
    return this.kinds.size === 1 ? [...this.kinds][0]! : 'string';
  }

  describe(name: string, declared: PropertyType | undefined): PropertyDescription {
    const top = this.overflow ? [] : [...this.counts.values()]
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, topValues);
    return {
      name,
      type: declared ?? this.type,
      source: declared ? 'declared' : 'inferred',
      records: this.records,
      distinct: this.overflow ? null : this.counts.size,
      top,
    };
  }
}

function kindOf(item: string | number | boolean): PropertyType {
  if (typeof item === 'number') return 'number';
  if (typeof item === 'boolean') return 'boolean';
  if (/^\d{4}-\d{2}-\d{2}$/.test(item)) return 'date';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(item)) return 'datetime';
  return 'string';
}

async function describeObjects(store: Store, index: DatasetIndex, propertyTypes: PropertyTypes | undefined, active: readonly DefinitionRow[]): Promise<Record<ObjectType, ObjectDescription>> {
  const tallies = new Map<ObjectType, Map<string, PropertyTally>>(objectTypes.map((type) => [type, new Map()]));
  const empty = (): ObjectDescription => ({ records: 0, properties: [], sampleIds: [] });
  const out: Record<ObjectType, ObjectDescription> = { contact: empty(), company: empty(), deal: empty() };
  const scoreNames = new Set(active.flatMap((row) => scorePropertiesOf(row.definition).map((property) => property.name)));
  // Records come in id order (the store's key order), so the samples are the first ids.
  for (const record of index.recordsInOrder) {
    const described = out[record.objectType];
    described.records++;
    if (described.sampleIds.length < sampleIds) described.sampleIds.push(record.id);
    const tally = tallies.get(record.objectType)!;
    for (const [name, value] of Object.entries(record.properties)) {
      if (isMissing(value) || scoreNames.has(name)) continue;
      let property = tally.get(name);
      if (!property) tally.set(name, (property = new PropertyTally()));
      property.add(value);
    }
  }
  for (const type of objectTypes) {
    const declared = propertyTypes?.[type] ?? {};
    const own = [...tallies.get(type)!].map(([name, tally]) => tally.describe(name, declared[name]));
    const scores = await Promise.all(active.filter((row) => row.definition.objectType === type).flatMap((row) => scorePropertiesOf(row.definition).map(async (property): Promise<PropertyDescription> => {
      if (property.part !== 'label') {
        // A score's numbers are not counted value by value: its distribution (getDistribution) shows them.
        const records = property.part === 'value' ? await store.scores.count({ definitionId: row.id }) : 0;
        return { name: property.name, type: property.type, source: 'score', records, distinct: null, top: [] };
      }
      const counts = await Promise.all((property.values ?? []).map(async (label) => ({ value: label, count: await store.scores.count({ definitionId: row.id, label }) })));
      const held = counts.filter((entry) => entry.count > 0);
      return {
        name: property.name, type: property.type, source: 'score', records: held.reduce((sum, entry) => sum + entry.count, 0),
        distinct: held.length, top: held.sort((a, b) => b.count - a.count).slice(0, topValues),
      };
    })));
    out[type].properties = [...own.sort((a, b) => a.name.localeCompare(b.name)), ...scores];
  }
  return out;
}

/** Event types by count; each one's property names and the types their values suggest. */
function describeEvents(index: DatasetIndex): EventTypeDescription[] {
  const types = new Map<string, { count: number; properties: Map<string, PropertyTally>; seen: WeakSet<Properties> }>();
  for (const byType of index.eventsByContact.values()) {
    for (const [type, series] of byType) {
      let described = types.get(type);
      if (!described) types.set(type, (described = { count: 0, properties: new Map(), seen: new WeakSet() }));
      described.count += series.times.length;
      for (let i = 0; i < series.times.length; i++) {
        const properties = series.columns.properties(series.offset + i);
        // Events share their property sets (parsed once per stored segment): each set is read once.
        if (!properties || described.seen.has(properties)) continue;
        described.seen.add(properties);
        for (const [name, value] of Object.entries(properties)) {
          if (isMissing(value as Value)) continue;
          let property = described.properties.get(name);
          if (!property) described.properties.set(name, (property = new PropertyTally()));
          property.add(value as Value);
        }
      }
    }
  }
  return [...types]
    .map(([type, { count, properties }]) => ({
      type, count,
      properties: [...properties].map(([name, tally]) => ({ name, type: tally.type })).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/** Every list with its members now: a static list's stored records, a dynamic list's matches (scoring.md §7.2). */
function describeLists(index: DatasetIndex, now: number): ListDescription[] {
  const book = new ListBook(index);
  const pass = new ScoringPass(index, now, book, false);
  return [...index.lists.values()].map((list) => {
    let size = 0;
    if (list.recordIds) {
      for (const id of new Set(list.recordIds)) if (index.records.get(id)?.objectType === list.objectType) size++;
    } else {
      for (const record of index.recordsInOrder) if (record.objectType === list.objectType && book.isMember(list.id, record, pass)) size++;
    }
    return { id: list.id, ...(list.name ? { name: list.name } : {}), objectType: list.objectType, kind: list.recordIds ? 'static' as const : 'dynamic' as const, size };
  }).sort((a, b) => a.id.localeCompare(b.id));
}
