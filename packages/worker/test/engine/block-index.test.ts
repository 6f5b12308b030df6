// Events indexed from the store's segments (block-index.ts): each event kept as its position among
// every segment's rows and the number of its property set, the sets numbered across segments by
// their text. The cases are where that could go wrong: one contact over two segments, one set
// numbered differently in each, equal times broken by id across segments, and more sets than two
// bytes number.
import { describe, expect, test } from 'vitest';
import { assembleIndex } from '../../src/engine/dataset-index.ts';
import { indexEventBlocks } from '../../src/engine/block-index.ts';
import { compileDefinition, type CrmEvent, type CrmRecord, type Definition } from '../../src/index.ts';
import { encodeSegment, entryOf } from '../../src/store/event-segments.ts';
import { formsDefinition } from './fixtures.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const asOfMs = Date.UTC(2026, 3, 1);

const form = (id: string, recordId: string, minutesAgo: number, properties?: CrmEvent['properties']): CrmEvent =>
  ({ id, recordId, type: 'form', occurredAt: asOfMs - minutesAgo * 60_000, ...(properties ? { properties } : {}) });

const segment = (segmentNo: number, events: CrmEvent[]) => encodeSegment(segmentNo, events.map(entryOf));

const contacts = (...ids: string[]) => ({
  records: ids.map((id): CrmRecord => ({ id, objectType: 'contact' })), lists: [], propertyHistory: [], propertyTypes: undefined,
});

describe('events indexed from segments', () => {
  // Segment 0 numbers its sets '', Newsletter, Demo; segment 1 numbers them '', Demo.
  const demo = { formName: 'Demo', url: '/pricing' };
  const segments = [
    segment(0, [
      form('a1', 'c1', 10, { formName: 'Newsletter', url: '/home' }),
      form('a2', 'c1', 20, demo),
      form('a3', 'c2', 30),
    ]),
    segment(1, [
      form('b1', 'c1', 5, demo),
      form('b2', 'c2', 15, demo),
    ]),
  ];

  test('a contact over two segments is scored from both, one set numbered alike in each', () => {
    const events = indexEventBlocks(segments);
    const index = assembleIndex(contacts('c1', 'c2'), events, () => ({ records: [] }));
    // formsDefinition: Demo 3 / Contact us 1 points per form, 2 per form on a pricing page.
    // c1: Newsletter (0), Demo (3 + 2), Demo (3 + 2) = 10; c2: none (0), Demo (3 + 2) = 5.
    expect([...compileDefinition(formsDefinition).scoreColumns(index, { asOf: AS_OF }).value]).toEqual([10, 5]);
    const c1 = events.series('c1', 'form')!;
    const ids = Array.from(c1.times, (_, i) => c1.columns.id(c1.offset + i));
    expect(ids).toEqual(['a2', 'a1', 'b1']);
    // The Demo set of both segments is one set: one number, one parsed object.
    const sets = c1.columns.sets!;
    expect(sets.count).toBe(3);
    expect(sets.of[c1.offset]).toBe(sets.of[c1.offset + 2]);
    expect(c1.columns.properties(c1.offset)).toBe(c1.columns.properties(c1.offset + 2));
    expect(c1.columns.properties(c1.offset)).toEqual(demo);
    const c2 = events.series('c2', 'form')!;
    expect(c2.columns.properties(c2.offset)).toBeUndefined();
    expect(c2.columns.id(c2.offset + 1)).toBe('b2');
  });

  test('events at the same instant in two segments are in id order', () => {
    const same = [segment(0, [form('e2', 'c1', 1), form('e4', 'c1', 1)]), segment(1, [form('e3', 'c1', 1), form('e1', 'c1', 1)])];
    const series = indexEventBlocks(same).series('c1', 'form')!;
    expect(Array.from(series.times, (_, i) => series.columns.id(series.offset + i))).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  test('more property sets than two bytes number, over twenty segments', () => {
    // 80,000 forms of c1, each with its own page number n; 4,000 a segment.
    const many = Array.from({ length: 20 }, (_, s) =>
      segment(s, Array.from({ length: 4000 }, (_, i) => form(`f${s * 4000 + i}`, 'c1', s * 4000 + i + 1, { n: s * 4000 + i }))));
    const events = indexEventBlocks(many);
    const series = events.series('c1', 'form')!;
    expect(series.columns.sets!.count).toBe(80_001);
    expect(series.columns.sets!.of).toBeInstanceOf(Uint32Array);
    // In time order: the oldest, n = 79,999 (from the last segment), first; the newest, n = 0, last.
    expect(series.columns.properties(series.offset)).toEqual({ n: 79_999 });
    expect(series.columns.properties(series.offset + series.times.length - 1)).toEqual({ n: 0 });
    const pages: Definition = {
      id: 'pages', name: 'Pages', objectType: 'contact', kind: 'engagement',
      groups: [{ id: 'g', name: 'G', rules: [
        { id: 'late', type: 'event', event: 'form', where: { property: 'n', operator: 'gte', value: 79_990 }, points: 1 },
      ] }],
    };
    const index = assembleIndex(contacts('c1'), events, () => ({ records: [] }));
    expect([...compileDefinition(pages).scoreColumns(index, { asOf: AS_OF }).value]).toEqual([10]);
  });
});
