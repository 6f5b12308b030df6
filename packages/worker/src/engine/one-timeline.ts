import type { PropertyTimeline } from './dataset-index.ts';

/**
 * A record's history of a single property: what most records with any history have (a stage or a
 * status that moved once). A `Map` of one entry costs its object and a hash table, about 150 bytes,
 * so at 1,000,000 contacts the histories' maps were some 150 MB of the worker's index; this is the
 * name and the timeline. Read-only, as the index's histories are.
 */
export class OneTimeline implements ReadonlyMap<string, PropertyTimeline> {
  constructor(private readonly name: string, private readonly timeline: PropertyTimeline) {}

  get size(): number {
    return 1;
  }

  get(name: string): PropertyTimeline | undefined {
    return name === this.name ? this.timeline : undefined;
  }

  has(name: string): boolean {
    return name === this.name;
  }

  forEach(visit: (value: PropertyTimeline, key: string, map: ReadonlyMap<string, PropertyTimeline>) => void): void {
    visit(this.timeline, this.name, this);
  }

  *entries(): MapIterator<[string, PropertyTimeline]> {
    yield [this.name, this.timeline];
  }

  *keys(): MapIterator<string> {
    yield this.name;
  }

  *values(): MapIterator<PropertyTimeline> {
    yield this.timeline;
  }

  [Symbol.iterator](): MapIterator<[string, PropertyTimeline]> {
    return this.entries();
  }
}
