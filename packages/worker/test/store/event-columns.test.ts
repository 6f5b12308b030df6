// The event columns' two cheap paths, against what they stand in for: the instants read from their
// digits against the schema and Date.parse, and the property sets numbered without writing each
// event's JSON against that JSON.
import { describe, expect, it } from 'vitest';
import { eventColumnsOf, idsOf, occurredAtOf } from '../../src/contract/event-columns.ts';
import { checkedEntriesOfColumns, instantMs } from '../../src/store/column-events.ts';
import { isInstant } from '../../src/store/well-formed.ts';

const event = (i: number, occurredAt: string | number, properties?: Record<string, unknown>) =>
  ({ id: `e${i}`, recordId: `c${i % 3}`, type: 'page_view', occurredAt, ...(properties === undefined ? {} : { properties }) });

describe('instantMs', () => {
  it('reads UTC date-times from their digits exactly as the schema and Date.parse do, and refuses what the schema refuses', () => {
    const texts: string[] = [];
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (const year of [99, 100, 2023, 2024, 2100]) {
      for (const month of [0, 1, 2, 4, 12, 13]) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          for (const time of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60', '9:00:00']) {
            const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}`;
            texts.push(`${text}Z`, `${text}.000Z`, `${text}.999Z`, `${text}.5Z`, `${text}+02:00`, `${text}z`);
          }
        }
      }
    }
    texts.push('2026-03-01', '2026-03-01T10:00Z', '2026-03-01 10:00:00Z', '2026-03-01T10:00:00.1234Z', '2026-3-01T10:00:00Z', 'x026-03-01T10:00:00Z', '2026-03-01T10:0a:00Z', '');
    let fast = 0;
    for (const text of texts) {
      // Packed among other texts, as the columns hold it.
      const packed = `ab${text}cd`;
      const expected = isInstant(text) ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text) : Number.NaN;
      expect(instantMs(packed, 2, 2 + text.length), text).toBe(expected);
      if (isInstant(text) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(text)) fast++;
    }
    // The leap days, the month ends and the times in range are among those read from digits.
    expect(fast).toBeGreaterThan(400);
    expect(instantMs('2024-02-29T12:00:00Z', 0, 20)).toBe(Date.UTC(2024, 1, 29, 12));
    expect(instantMs('2023-02-29T12:00:00Z', 0, 20)).toBeNaN();
    expect(instantMs('0150-06-30T00:00:00.250Z', 0, 24)).toBe(Date.parse('0150-06-30T00:00:00.250Z'));
  });
});

describe('eventColumnsOf', () => {
  it('numbers property sets as their JSON texts, and gives back each event as given', () => {
    const sets: (Record<string, unknown> | undefined)[] = [
      undefined, {}, { url: '/a' }, { url: '/a' }, { url: '/b' }, { url: 1 }, { url: '1' }, { url: true }, { url: 'true' }, { url: null },
      { url: -0 }, { url: 0 }, { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1 }, { a: 1, b: 2 }, { tags: ['x', 2] }, { tags: ['x', 2] }, { tags: ['x', '2'] },
      { 2: 'two', 1: 'one' }, { '': '' },
    ];
    const events = sets.map((properties, i) => event(i, i % 2 === 0 ? `2026-03-01T10:00:${String(i).padStart(2, '0')}Z` : Date.UTC(2026, 2, 1) + i, properties));
    const columns = eventColumnsOf(events)!;
    const texts = sets.map((properties, i) => columns.propertyTexts[columns.propertyIndex[i]!]);
    expect(texts).toEqual(sets.map((properties) => (properties === undefined ? '' : JSON.stringify(properties))));
    // Each distinct text once.
    expect(columns.propertyTexts).toEqual([...new Set(['', ...texts])]);
    expect(idsOf(columns)).toEqual(events.map((e) => e.id));
    expect(events.map((_, i) => occurredAtOf(columns, i))).toEqual(events.map((e) => e.occurredAt));
  });

  it('sends as objects what the columns would not keep exactly', () => {
    expect(eventColumnsOf([event(1, Number.NaN)])).toBe(undefined);
    expect(eventColumnsOf([event(1, 5, { a: undefined })])).toBe(undefined);
    expect(eventColumnsOf([event(1, 5, { a: Number.POSITIVE_INFINITY })])).toBe(undefined);
    expect(eventColumnsOf([event(1, 5, { a: [Number.NaN] })])).toBe(undefined);
    expect(eventColumnsOf([event(1, 5, { a: { b: 1 } })])).toBe(undefined);
    expect(eventColumnsOf([event(1, 5, new Map() as never)])).toBe(undefined);
  });

  it('reads the columns back as the entries of the events they were made from', () => {
    const events = [event(1, '2026-03-01T10:00:00Z'), event(2, '2026-03-01T10:00:00.250Z', { a: 1 }), event(3, '2026-03-01T12:00:00+02:00'), event(4, '2026-03-02'), event(5, 1_772_359_200_000)];
    const entries = checkedEntriesOfColumns(eventColumnsOf(events)!)!;
    expect([...entries.values()].flat().map(({ id, time, properties }) => [id, time, properties]).sort()).toEqual([
      ['e1', Date.UTC(2026, 2, 1, 10), ''], ['e2', Date.UTC(2026, 2, 1, 10, 0, 0, 250), '{"a":1}'], ['e3', Date.UTC(2026, 2, 1, 10), ''],
      ['e4', Date.UTC(2026, 2, 2), ''], ['e5', 1_772_359_200_000, ''],
    ]);
    // Not whole epoch ms, or an empty id: not certainly valid, for the schema to refuse.
    expect(checkedEntriesOfColumns(eventColumnsOf([event(1, 1.5)])!)).toBe(undefined);
    expect(checkedEntriesOfColumns(eventColumnsOf([{ ...event(1, 5), id: '' }])!)).toBe(undefined);
  });
});
