// scoring.md §8.1 with decision D25: a score is read like any property of the scored record — in
// rules on the record and on its associations, and in dynamic lists. The engine reads what it is
// given: an export carries the scores in its records (test/cli/score-properties-cli.test.ts), and
// the worker lays the scores it keeps over the records (withRecordProperties).
import { describe, expect, it } from 'vitest';
import { isScored, type Definition } from '../../src/index.ts';
import { indexDataset, withRecordProperties } from '../../src/engine/dataset-index.ts';
import { compileDefinition } from '../../src/engine/evaluate.ts';
import { AS_OF, company, contact, dataset, dynamicList, group, onProperty } from './fixtures.ts';

/** Contacts without an engagement score, or with one below 40, are "cold". */
const cold = dynamicList('cold', 'contact', { any: [{ property: 'eng', operator: 'lt', value: 40 }, { property: 'eng', operator: 'is_unknown' }] });

const blend: Definition = {
  id: 'blend', name: 'Blend', objectType: 'contact', kind: 'fit',
  scope: { mode: 'all', excludeLists: ['cold'] },
  groups: [group('g', [
    onProperty('hot', { property: 'eng.label', operator: 'eq', value: 'high' }, 30),
    onProperty('warm', { property: 'eng', operator: 'gte', value: 40 }, 10),
    onProperty('big-account', { property: 'acct.fit', operator: 'gte', value: 30 }, 25, { of: 'primaryCompany' }),
  ])],
};

describe('D25 scores the worker supplies', () => {
  it('a score the worker supplies replaces a stored property of the same name, and none hides it', () => {
    // c3 holds a stale "eng" and label (from an import), with a recorded past; the worker's score for c3 is none.
    const stale = dataset([contact('c3', { eng: 90, 'eng.label': 'high' }, { primaryCompany: 'co1' }), company('co1', { 'acct.fit': 40 })], {
      lists: [cold],
      propertyHistory: [{ recordId: 'c3', property: 'eng', value: 90, at: '2026-01-01T00:00:00Z' }],
    });
    const index = indexDataset(stale);
    const compiled = compileDefinition(blend);
    expect(compiled.score(index, 'c3', AS_OF).value).toBe(65);
    const hidden = withRecordProperties(index, new Map([['c3', { eng: undefined, 'eng.label': undefined }]]));
    expect(isScored(compiled.score(hidden, 'c3', AS_OF))).toBe(false);
    const supplied = withRecordProperties(index, new Map([['c3', { eng: 41, 'eng.label': 'medium' }]]));
    // warm 10 + big-account 25; the stored 90 and its history no longer show.
    expect(compiled.score(supplied, 'c3', AS_OF).value).toBe(35);
    expect(compiled.score(index, 'c3', AS_OF).value).toBe(65);
  });
});
