// The benchmark's own logic, not its timings (none are asserted): a row's ratio and target, the
// closing table's change against the last run, the row-size estimate against V8's own serialiser,
// and the synthetic dataset's parts adding up without clashing ids (the scale-10 run).
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { serializedSize } from './browser/serialized-size.ts';
import { metTarget, ratioOf, type Figure } from './results/figures.ts';
import { summaryTable, type Results } from './results/latest.ts';
import { generateDataset, sizesFor } from './synthetic-dataset.ts';

const row = (value: number | null, extra: Partial<Figure> = {}): Figure => ({ key: 'k', section: 's', label: 'l', value, unit: 'ms', ...extra });

describe('a figure against its peer and target', () => {
  it('divides by the peer and meets a ratio target up to and including it', () => {
    const peer = { label: 'raw', value: 100 };
    expect(ratioOf(row(300, { peer }))).toBe(3);
    expect(metTarget(row(300, { peer, target: { of: 'ratio', max: 3 } }))).toBe(true);
    expect(metTarget(row(301, { peer, target: { of: 'ratio', max: 3 } }))).toBe(false);
  });

  it('meets a strict value target only below it, and says nothing without a measurement or a target', () => {
    expect(metTarget(row(16, { target: { of: 'value', max: 16, below: true } }))).toBe(false);
    expect(metTarget(row(15.9, { target: { of: 'value', max: 16, below: true } }))).toBe(true);
    expect(metTarget(row(null, { target: { of: 'value', max: 16 } }))).toBeNull();
    expect(metTarget(row(5))).toBeNull();
    expect(ratioOf(row(5, { peer: { label: 'none', value: 0 } }))).toBeNull();
  });
});

describe('the closing table', () => {
  it('prints the change against the last run of the same key, and the reason of a row not measured', () => {
    const previous = { figures: [row(200, { key: 'a' }), row(null, { key: 'b' })] } as Results;
    const text = summaryTable([row(150, { key: 'a', label: 'faster row' }), row(null, { key: 'b', label: 'missing row', na: 'no getStats() yet' })], previous);
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^s: faster row\s+150 ms\s+-25 %$/);
    expect(lines[3]).toMatch(/^ {2}missing row\s+n\/a\s+no getStats\(\) yet$/);
  });
});

describe('serializedSize', () => {
  it('counts {a: 1} as V8 writes it: object tag, key, small integer, end tag with the count', () => {
    // 6F | 22 01 61 | 49 02 | 7B 01
    expect(serializedSize({ a: 1 })).toBe(8);
  });

  it('matches V8\'s own serialiser (without its 2-byte header) on score-row shapes', () => {
    const rows = [
      { definitionId: 'bench-contact-score', recordId: 'c12345', value: 42, label: 'warm', fit: 12.5, engagement: 30, version: 3, nextChangeAt: 1_764_892_800_000 },
      { recordId: 'c1', value: -7, label: null, groups: [{ id: 'engagement', value: 3, capped: false }], cause: 'event' },
      { text: 'ünïcode', small: [1, 2, 3, -1], doubles: [1, 2, 3, 4, 5, 2 ** 31, -1.5] },
    ];
    for (const value of rows) expect(serializedSize(value)).toBe(v8.serialize(value).length - 2);
  });
});

describe('generateDataset in parts (idOffsets)', () => {
  const asOf = '2026-05-31T12:00:00.000Z';
  const offsets = { contacts: 100, companies: 10, events: 2000 };
  const plain = generateDataset({ seed: 7, scale: 0.001, asOf }).dataset;
  const part = generateDataset({ seed: 7, scale: 0.001, asOf, idOffsets: offsets }).dataset;

  it('numbers the ids from the offsets and keeps every link inside the part', () => {
    expect(sizesFor(0.001)).toEqual({ contacts: 100, companies: 10, events: 2000 });
    const contacts = part.records.filter((r) => r.objectType === 'contact').map((r) => r.id);
    expect(contacts[0]).toBe('c100');
    expect(contacts.at(-1)).toBe('c199');
    expect(part.records.filter((r) => r.objectType === 'company').map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, j) => `co${10 + j}`));
    expect(part.events![0]!.id).toBe('e2000');
    expect(part.events!.every((e) => Number(e.recordId.slice(1)) >= 100 && Number(e.recordId.slice(1)) < 200)).toBe(true);
    expect(part.records.every((r) => !r.associations?.primaryCompany || Number(r.associations.primaryCompany.slice(2)) >= 10)).toBe(true);
  });

  it('is otherwise the same data as without offsets', () => {
    expect(part.records.map((r) => r.properties?.jobtitle)).toEqual(plain.records.map((r) => r.properties?.jobtitle));
    expect(part.events!.map((e) => e.type)).toEqual(plain.events!.map((e) => e.type));
  });
});
