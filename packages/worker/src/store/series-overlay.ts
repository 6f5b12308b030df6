import type { EventSeries } from '../engine/dataset-index.ts';

type ContactSeries = ReadonlyMap<string, EventSeries>;
type SeriesByContact = ReadonlyMap<string, ContactSeries>;

/**
 * Each tracked event makes a new index (an older one may still be scoring a preview), so the
 * contacts it changed are laid over the previous index's as a layer of their own: no copy per
 * write. Past this many layers they are merged into one, and past `maxOverlaid` contacts into the
 * underlying map, so a lookup stays short and the copies are rare.
 */
const maxLayers = 16;
const maxOverlaid = 4096;

/**
 * `base` with the series of `changed` contacts taken from `fresh` (none, when `fresh` has none),
 * without copying `base`: a warm index of 100,000 contacts takes in one tracked event's contact
 * in time that does not grow with the dataset.
 */
export function withSeriesOf(base: SeriesByContact, changed: ReadonlySet<string>, fresh: SeriesByContact): SeriesByContact {
  const layer = new Map<string, ContactSeries | undefined>();
  for (const contact of changed) layer.set(contact, fresh.get(contact));
  let size = base.size;
  for (const [contact, series] of layer) {
    const had = base.has(contact);
    if (had && !series) size--;
    else if (!had && series) size++;
  }
  const under = base instanceof SeriesOverlay ? base.under : base;
  const layers = base instanceof SeriesOverlay ? [layer, ...base.layers] : [layer];
  if (layers.length <= maxLayers) return new SeriesOverlay(under, layers, size);
  const laid = new Map<string, ContactSeries | undefined>();
  for (let i = layers.length - 1; i >= 0; i--) for (const [contact, series] of layers[i]!) laid.set(contact, series);
  if (laid.size <= maxOverlaid) return new SeriesOverlay(under, [laid], size);
  const merged = new Map(under);
  for (const [contact, series] of laid) {
    if (series) merged.set(contact, series);
    else merged.delete(contact);
  }
  return merged;
}

/** A map of series read through `layers` first, newest first (undefined: the contact has no events now), then `under`. */
class SeriesOverlay implements SeriesByContact {
  constructor(readonly under: SeriesByContact, readonly layers: readonly ReadonlyMap<string, ContactSeries | undefined>[], readonly size: number) {}

  get(contact: string): ContactSeries | undefined {
    for (const layer of this.layers) if (layer.has(contact)) return layer.get(contact);
    return this.under.get(contact);
  }

  has(contact: string): boolean {
    return this.get(contact) !== undefined;
  }

  *entries(): MapIterator<[string, ContactSeries]> {
    const laid = (contact: string) => this.layers.some((layer) => layer.has(contact));
    for (const [contact, series] of this.under) {
      if (!laid(contact)) yield [contact, series];
      else if (this.get(contact)) yield [contact, this.get(contact)!];
    }
    const told = new Set<string>();
    for (const layer of this.layers) {
      for (const contact of layer.keys()) {
        if (told.has(contact) || this.under.has(contact)) continue;
        told.add(contact);
        const series = this.get(contact);
        if (series) yield [contact, series];
      }
    }
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
