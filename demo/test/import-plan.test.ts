// What a CSV import announces before it stores (import-plan.ts), counted by hand.
import { describe, expect, test } from 'vitest';
import type { CrmRecord } from '@leadscore/sdk';
import { mergedWithStored, planImport } from '../src/screens/data/import-plan.ts';

const contact = (id: string, properties: CrmRecord['properties']): CrmRecord => ({ id, objectType: 'contact', properties });

const stored = new Map([
  ['a', contact('a', { email: 'a@x.dk', city: 'Aarhus', score: 3 })],
  ['b', contact('b', { email: 'b@x.dk' })],
]);

describe('import plan', () => {
  test('new and existing ids, values replaced and values the file lacks', () => {
    const file = [
      contact('a', { email: 'a@x.dk', city: 'Odense' }), // city replaced, score kept
      contact('b', { email: 'b2@x.dk', phone: '1' }), // email replaced, phone added
      contact('c', { email: 'c@x.dk' }),
      contact('c', { email: 'c2@x.dk' }), // the same id twice is one record
    ];
    expect(planImport(file, stored)).toEqual({ created: 1, updated: 2, replaced: 2, kept: 1 });
  });

  test('a merge keeps the stored properties under the file’s', () => {
    const merged = mergedWithStored({ records: [contact('a', { city: 'Odense' }), contact('c', { email: 'c@x.dk' })] }, stored);
    expect(merged.records).toEqual([
      contact('a', { email: 'a@x.dk', city: 'Odense', score: 3 }),
      contact('c', { email: 'c@x.dk' }),
    ]);
  });
});
