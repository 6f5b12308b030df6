// Scores as columns (issue 14): `scoreColumns` gives, record by record, exactly the values of
// `scoreAll` without explanations — value, engagement, fit, label, group values, nextChangeAt — with
// no object per record. Checked by hand on a small dataset, against the bench's hand-written loop,
// and against `scoreAll` on every record of a seeded synthetic dataset (the old path vs the new).
import { describe, expect, test } from 'vitest';
import { fitDefinition, fullDefinition } from '../../../../bench/definitions.ts';
import { prepareHand, scoreHand } from '../../../../bench/hand-loop.ts';
import { generateDataset } from '../../../../bench/synthetic-dataset.ts';
import {
  compileDefinition, indexDataset, isScored, type Dataset, type Definition, type ScoreColumns,
} from '../../src/index.ts';

const AS_OF = '2026-04-01T00:00:00Z';
const DAY = 86_400_000;
const asOfMs = Date.UTC(2026, 3, 1);

describe('scoreColumns by hand', () => {
  const definition: Definition = {
    id: 'columns', name: 'Columns', objectType: 'contact', kind: 'combined',
    scope: { mode: 'all', excludeLists: ['blocked'] },
    groups: [
      { id: 'who', name: 'Who', rules: [
        { id: 'ceo', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CEO' }, points: 30 },
        { id: 'stage', type: 'property', condition: { property: 'stage', operator: 'is_any_of', values: ['lead', 'sql'] },
          pointsByValue: { lead: 5, sql: 25 } },
      ] },
      { id: 'activity', name: 'Activity', limit: 40, decay: { percent: 50, everyMonths: 1 }, rules: [
        { id: 'forms', type: 'event', event: 'form', points: 20 },
      ] },
    ],
    thresholds: { fit: { high: 50, medium: 20 }, engagement: { high: 30, medium: 10 } },
  };
  const dataset: Dataset = {
    records: [
      { id: 'a', objectType: 'contact', properties: { jobtitle: 'ceo', stage: 'SQL' } },
      { id: 'b', objectType: 'contact', properties: { stage: 'lead' } },
      { id: 'x', objectType: 'contact', properties: { jobtitle: 'CEO' } },
      { id: 'co', objectType: 'company', properties: {} },
    ],
    lists: [{ id: 'blocked', name: 'Blocked', objectType: 'contact', recordIds: ['x'] }],
    events: [
      // a: two forms, 10 and 40 days old: 20 + 20 × 50 % = 30 until the newer turns 30 days old.
      { id: 'e1', recordId: 'a', type: 'form', occurredAt: new Date(asOfMs - 10 * DAY).toISOString() },
      { id: 'e2', recordId: 'a', type: 'form', occurredAt: new Date(asOfMs - 40 * DAY).toISOString() },
      // b: three forms today: 60, cut to the group's limit of 40, until they are 30 days old.
      ...['e3', 'e4', 'e5'].map((id) => ({ id, recordId: 'b', type: 'form', occurredAt: AS_OF })),
    ],
  };

  test('values, labels, group values and nextChangeAt of each record; none out of scope', () => {
    const columns = compileDefinition(definition).scoreColumns(indexDataset(dataset), { asOf: AS_OF });
    expect(columns.definitionId).toBe('columns');
    expect(columns.asOf).toBe(asOfMs);
    expect(columns.recordIds).toEqual(['a', 'b', 'x']);
    expect([...columns.inScope]).toEqual([1, 1, 0]);
    expect([...columns.value]).toEqual([85, 45, NaN]);
    expect([...columns.fit]).toEqual([55, 5, NaN]);
    expect([...columns.engagement]).toEqual([30, 40, NaN]);
    expect(columns.labels.length).toBe(9);
    expect([...columns.label].map((n) => columns.labels[n] ?? null)).toEqual(['A1', 'C1', null]);
    expect(columns.groupIds).toEqual(['who', 'activity']);
    expect([...columns.groupValues]).toEqual([55, 30, 5, 40, NaN, NaN]);
    // a: in 20 days the newer form is 30 days old (halved) and the older 60 (none left): 10.
    // b: in 30 days the three forms are halved: 3 × 10 = 30, under the limit of 40.
    expect([...columns.nextChangeAt]).toEqual([asOfMs + 20 * DAY, asOfMs + 30 * DAY, NaN]);
  });
});

describe('scoreColumns against the hand-written loop of the benchmark', () => {
  test('value, engagement, fit and label of every contact of a seeded dataset', () => {
    const asOf = '2026-05-31T12:00:00.000Z';
    const { dataset } = generateDataset({ seed: 5, scale: 0.01, asOf });
    const columns = compileDefinition(fullDefinition).scoreColumns(indexDataset(dataset), { asOf });
    const hand = scoreHand(prepareHand(dataset), asOf);
    expect(columns.recordIds).toEqual(hand.ids);
    expect(columns.recordIds.length).toBe(1000);
    expect([...columns.inScope]).toEqual([...hand.inScope]);
    expect([...columns.value]).toEqual([...hand.value]);
    expect([...columns.engagement]).toEqual([...hand.engagement]);
    expect([...columns.fit]).toEqual([...hand.fit]);
    expect([...columns.label].map((n) => columns.labels[n] ?? '')).toEqual(hand.label);
  });
});

describe('scoreColumns against scoreAll, record by record', () => {
  const asOfs = ['2026-05-31T12:00:00.000Z', '2025-10-31T23:00:00.000Z'];
  const { dataset } = generateDataset({ seed: 9, scale: 0.01, asOf: asOfs[0]! });
  /** Companies read their contacts' events and properties: several sources, lists of contacts. */
  const companyDefinition: Definition = {
    id: 'company-interest', name: 'Company interest', objectType: 'company', kind: 'combined',
    groups: [
      { id: 'forms', name: 'Forms', decay: { percent: 25, everyMonths: 3 }, rules: [
        { id: 'forms', type: 'event', event: 'form_submission', points: 5, maxPoints: 30 },
      ] },
      { id: 'recent', name: 'Recent', rules: [
        { id: 'opens', type: 'event', event: 'marketing_email_open', frequency: { op: 'at_least', count: 3 },
          timeframe: { op: 'in_last', amount: 2, unit: 'months' }, points: 10 },
      ] },
      { id: 'people', name: 'People', rules: [
        { id: 'people', type: 'property', of: 'contacts',
          condition: { property: 'lifecyclestage', operator: 'is_any_of', values: ['salesqualifiedlead', 'opportunity'] },
          pointsByValue: { salesqualifiedlead: 4, opportunity: 9 } },
      ] },
    ],
    thresholds: { fit: { high: 9, medium: 4 }, engagement: { high: 30, medium: 10 } },
  };
  const fitOnly: Definition = { ...fitDefinition, thresholds: undefined };

  test.each([fullDefinition, fitDefinition, fitOnly, companyDefinition].flatMap((definition) => asOfs.map((asOf) => [definition.id, asOf, definition] as const)))(
    '%s at %s', (_, asOf, definition) => {
      const compiled = compileDefinition(definition);
      const index = indexDataset(dataset);
      const results = compiled.scoreAll(index, { asOf, explain: false });
      const columns: ScoreColumns = compiled.scoreColumns(index, { asOf });
      expect(columns.recordIds).toEqual(results.map((result) => result.recordId));
      expect(results.length).toBeGreaterThan(90);
      const groups = columns.groupIds.length;
      const rows = results.map((_, i) => ({
        recordId: columns.recordIds[i],
        value: columns.inScope[i] ? columns.value[i] : null,
        engagement: columns.inScope[i] && definition.kind === 'combined' ? columns.engagement[i] : null,
        fit: columns.inScope[i] && definition.kind === 'combined' ? columns.fit[i] : null,
        label: columns.labels[columns.label[i]!] ?? null,
        groups: columns.inScope[i] ? [...columns.groupValues.subarray(i * groups, (i + 1) * groups)] : [],
        nextChangeAt: columns.nextChangeAt[i],
      }));
      expect(rows).toEqual(results.map((result) => ({
        recordId: result.recordId,
        value: result.value,
        engagement: isScored(result) ? result.engagement : null,
        fit: isScored(result) ? result.fit : null,
        label: isScored(result) ? result.label : null,
        groups: isScored(result) ? result.groups.map((group) => group.value) : [],
        nextChangeAt: result.nextChangeAt === null ? NaN : Date.parse(result.nextChangeAt),
      })));
      // Not every record alike: the comparison covers several labels, and nextChangeAt both ways.
      if (definition.thresholds) expect(new Set(rows.map((row) => row.label)).size).toBeGreaterThan(1);
      if (definition === fullDefinition) {
        expect(rows.some((row) => Number.isNaN(row.nextChangeAt)) && rows.some((row) => !Number.isNaN(row.nextChangeAt))).toBe(true);
      }
    },
  );
});
