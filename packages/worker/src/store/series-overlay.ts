import type { EventSeries } from '../engine/dataset-index.ts';

type ContactSeries = ReadonlyMap<string, EventSeries>;
type SeriesByContact = ReadonlyMap<string, ContactSeries>;

/**
 * Up to this many contacts' series are laid over an index's own; past it they are merged into one
 * map. Each tracked event makes a new index (an older one may still be scoring a preview), so the
 * overlay is copied per write: bounded, that copy stays small, and the full copy is rare.
 */
const maxOverlaid = 4096;

/**
 * `base` with the series of `changed` contacts taken from `fresh` (none, when `fresh` has none),
 * without copying `base`: a warm index of 100,000 contacts takes in one tracked event's contact
 * in time that does not grow with the dataset.
 */
export function withSeriesOf(base: SeriesByContact, changed: ReadonlySet<string>, fresh: SeriesByContact): SeriesByContact {
  const under = base instanceof SeriesOverlay ? base.under : base;
  const laid = new Map(base instanceof SeriesOverlay ? base.laid : []);
  for (const contact of changed) laid.set(contact, fresh.get(contact));
  if (laid.size <= maxOverlaid) return new SeriesOverlay(under, laid);
  const merged = new Map(under);
  for (const [contact, series] of laid) {
    if (series) merged.set(contact, series);
    else merged.delete(contact);
  }
  return merged;
}

/** A map of series read through `laid` first (undefined: the contact has no events now), then `under`. */
class SeriesOverlay implements SeriesByContact {
  readonly size: number;

  constructor(readonly under: SeriesByContact, readonly laid: ReadonlyMap<string, ContactSeries | undefined>) {
    let size = under.size;
    for (const [contact, series] of laid) {
      const had = under.has(contact);
      if (had && !series) size--;
      else if (!had && series) size++;
    }
    this.size = size;
  }

  get(contact: string): ContactSeries | undefined {
    return this.laid.has(contact) ? this.laid.get(contact) : this.under.get(contact);
  }

  has(contact: string): boolean {
    return this.get(contact) !== undefined;
  }

  *entries(): MapIterator<[string, ContactSeries]> {
    for (const [contact, series] of this.under) {
      if (!this.laid.has(contact)) yield [contact, series];
      else if (this.laid.get(contact)) yield [contact, this.laid.get(contact)!];
    }
    for (const [contact, series] of this.laid) if (series && !this.under.has(contact)) yield [contact, series];
  }

  *keys(): MapIterator<string> {
    for (const [contact] of this.entries()) yield contact;
  }

  *values(): MapIterator<ContactSeries> {
    for (const [, series] of this.entries()) yield series;
  }

  [Symbol.iterator](): MapIterator<[string, ContactSeries]> {
    return this.entries();
  }

  forEach(visit: (series: ContactSeries, contact: string, map: SeriesByContact) => void): void {
    for (const [contact, series] of this.entries()) visit(series, contact, this);
  }
}
