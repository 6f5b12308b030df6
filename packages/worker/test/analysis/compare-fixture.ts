// Six contacts and two definitions for the champion/challenger tests (docs/compare.md), every
// record's value and label under each worked out by hand below.
import type { Dataset } from '../../src/model/dataset.ts';
import type { Definition } from '../../src/model/definition.ts';

export const AS_OF = Date.parse('2026-06-01T00:00:00Z');

/** A: visits ≥ 5 → 10, industry tech → 20; high from 25, medium from 10. */
export const champion: Definition = {
  id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'g1', rules: [
    { id: 'visits', type: 'property', condition: { property: 'visits', operator: 'gte', value: 5 }, points: 10 },
    { id: 'tech', type: 'property', condition: { property: 'industry', operator: 'eq', value: 'tech' }, points: 20 },
  ] }],
  thresholds: { high: 25, medium: 10 },
};

/** B: visits ≥ 5 → 15 (changed), tech gone, employees ≥ 100 → 10 (new group); list "keep" only; high from 20, medium from 10. */
export const challenger: Definition = {
  id: 'fit', name: 'Fit v2', objectType: 'contact', kind: 'fit',
  scope: { mode: 'lists', includeLists: ['keep'] },
  groups: [
    { id: 'g1', rules: [{ id: 'visits', type: 'property', condition: { property: 'visits', operator: 'gte', value: 5 }, points: 15 }] },
    { id: 'g2', rules: [{ id: 'size', type: 'property', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 10 }] },
  ],
  thresholds: { high: 20, medium: 10 },
};

/**
 *       visits industry employees won  | A: value label   | B: value label       | change
 * c1    8      tech     500       Yes  | 10+20 = 30 high  | 15+10 = 25 high      |  -5
 * c2    2      tech     50        No   | 20 medium        | 0 low                | -20
 * c3    6      retail   200       Yes  | 10 medium        | 15+10 = 25 high      | +15
 * c4    1      retail   10        No   | 0 low            | 0 low                |   0
 * c5    9      retail   20        No   | 10 medium        | 15 medium            |  +5
 * c6    7      tech     1000      Yes  | 30 high          | out of scope (null)  | -30
 */
export const dataset: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', properties: { visits: 8, industry: 'tech', employees: 500, won: 'Yes' } },
    { id: 'c2', objectType: 'contact', properties: { visits: 2, industry: 'tech', employees: 50, won: 'No' } },
    { id: 'c3', objectType: 'contact', properties: { visits: 6, industry: 'retail', employees: 200, won: 'Yes' } },
    { id: 'c4', objectType: 'contact', properties: { visits: 1, industry: 'retail', employees: 10, won: 'No' } },
    { id: 'c5', objectType: 'contact', properties: { visits: 9, industry: 'retail', employees: 20, won: 'No' } },
    { id: 'c6', objectType: 'contact', properties: { visits: 7, industry: 'tech', employees: 1000, won: 'Yes' } },
    { id: 'acme', objectType: 'company', properties: { visits: 100 } },
  ],
  lists: [{ id: 'keep', objectType: 'contact', recordIds: ['c1', 'c2', 'c3', 'c4', 'c5'] }],
};
